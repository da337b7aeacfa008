/**
 * A MADE-UP 2027 holiday arrangement, for tests only. The State Council had not published 2027's
 * arrangement when this was written; the real one is entered by an admin (PUT
 * /api/calendar/holidays/2027 or the console's 节假日 page) when it is published.
 */
export const MADE_UP_2027 = {
  source: "测试用虚构安排（非国务院办公厅通知）",
  // 元旦 1–3 January; 春节 6–14 February (lunar new year 2027-02-06), with two swapped working Saturdays/Sundays
  restDays: [
    "2027-01-01",
    "2027-01-02",
    "2027-01-03",
    "2027-02-06",
    "2027-02-07",
    "2027-02-08",
    "2027-02-09",
    "2027-02-10",
    "2027-02-11",
    "2027-02-12",
    "2027-02-13",
    "2027-02-14",
  ],
  workingDays: ["2027-01-31", "2027-02-20"],
};
