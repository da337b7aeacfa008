/** Dates as a household reads them, always in China time (UTC+8, no daylight saving). */

const CHINA_OFFSET_MS = 8 * 3600_000;

function chinaParts(iso: string) {
  const d = new Date(new Date(iso).getTime() + CHINA_OFFSET_MS);
  return { month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
}

/**
 * "3月7日24时": a deadline ends at 24:00 of its last day, which the server gives as the
 * next day's 00:00; one millisecond earlier names the last day itself.
 */
export function deadlineText(dueAtIso: string): string {
  const { month, day } = chinaParts(new Date(new Date(dueAtIso).getTime() - 1).toISOString());
  return `${month}月${day}日24时`;
}

/** "3月2日 10:05" */
export function dateTimeText(iso: string): string {
  const { month, day, hour, minute } = chinaParts(iso);
  return `${month}月${day}日 ${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
}

/** "2026-03-07" and "09:05": the China date and time of a moment, as pickers take them. */
export function chinaDateTime(ms: number): { date: string; time: string } {
  const iso = new Date(ms + CHINA_OFFSET_MS).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** The China day `days` before the moment `ms`, as a picker's start. */
export function chinaDateBefore(ms: number, days: number): string {
  return chinaDateTime(ms - days * 86_400_000).date;
}

/** A picked China date and time back to an ISO moment with its offset. */
export function fromChinaDateTime(date: string, time: string): string {
  return `${date}T${time}:00+08:00`;
}

/** 138****8000: what the household sees of its own number on a shared screen. */
export function maskPhone(phone: string): string {
  return phone.length === 11 ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/** A key unique enough for one phone's drafts; the server scopes keys to the account. */
export function newIdempotencyKey(now: number = Date.now()): string {
  return `mp-${now.toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
