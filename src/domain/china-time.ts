/**
 * Calendar arithmetic in China's time (Asia/Shanghai, UTC+8 all year, no daylight saving),
 * on plain "YYYY-MM-DD" day strings so no code depends on the server's time zone.
 */
const OFFSET_MS = 8 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The day in China at an instant: midnight in China is 16:00 UTC the day before. */
export const chinaDay = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 10);

/** "2026-03-02 10:00": the China date and time at an instant, to the minute. */
export const chinaDateTime = (at: Date): string => new Date(at.getTime() + OFFSET_MS).toISOString().slice(0, 16).replace("T", " ");

/** The hour (0–23) in China at an instant. */
export const chinaHour = (at: Date): number => (at.getUTCHours() + 8) % 24;

/** The instant a China day begins (00:00 Asia/Shanghai). */
export const startOfChinaDay = (day: string): Date => new Date(Date.parse(`${day}T00:00:00Z`) - OFFSET_MS);

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Whole China days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: string, to: string): number => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** 1 (Monday) … 7 (Sunday). */
export const isoWeekday = (day: string): number => ((new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7) + 1;

/** "3月7日" — how a date is said to a farmer. */
export const chinaMonthDay = (day: string): string => `${Number(day.slice(5, 7))}月${Number(day.slice(8, 10))}日`;
