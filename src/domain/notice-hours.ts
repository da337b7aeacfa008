import { addDays, chinaDay, startOfChinaDay } from "./china-time.js";

/**
 * Notice hours: no message to anyone goes out between 21:00 and 08:00 China time. A message
 * that falls due inside working hours goes at once; one that falls due at night waits for
 * the county's notice hour (a county setting, "HH:MM", default 08:30) the next morning.
 * A deadline is not moved by this: a report still becomes overdue at 24:00.
 */
export const QUIET_FROM_MINUTE = 21 * 60;
export const QUIET_UNTIL_MINUTE = 8 * 60;
export const DEFAULT_NOTICE_TIME = "08:30";

const minuteOfChinaDay = (at: Date): number => Math.floor(((at.getTime() + 8 * 3600_000) % 86_400_000) / 60_000);
const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Whether a notice hour "HH:MM" lies inside working hours (08:00 up to 21:00). */
export const isValidNoticeTime = (hhmm: string): boolean =>
  /^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm) && minutesOf(hhmm) >= QUIET_UNTIL_MINUTE && minutesOf(hhmm) < QUIET_FROM_MINUTE;

/** Whether an instant falls in the quiet hours (21:00–08:00 China time). */
export function isQuietTime(at: Date): boolean {
  const m = minuteOfChinaDay(at);
  return m >= QUIET_FROM_MINUTE || m < QUIET_UNTIL_MINUTE;
}

/** The instant a notice that falls due at `dueAt` may be sent, given the county's notice hour. */
export function noticeSendAt(dueAt: Date, noticeTime: string = DEFAULT_NOTICE_TIME): Date {
  if (!isQuietTime(dueAt)) return dueAt;
  const time = isValidNoticeTime(noticeTime) ? noticeTime : DEFAULT_NOTICE_TIME;
  const morning = minuteOfChinaDay(dueAt) >= QUIET_FROM_MINUTE ? addDays(chinaDay(dueAt), 1) : chinaDay(dueAt);
  return new Date(startOfChinaDay(morning).getTime() + minutesOf(time) * 60_000);
}
