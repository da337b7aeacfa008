import Router from "@koa/router";
import { COUNTY_ROLES, STAFF_ROLES } from "../../domain/roles.js";
import { inTransaction } from "../../db/transaction.js";
import type { Deps } from "../../services/deps.js";
import { deadlineForCounty, enterHolidayYear, holidayYearView } from "../../services/holiday-calendar.js";
import { listCalendar } from "../../services/rhythm-calendar.js";
import { jsonRoutes } from "../api-route.js";
import { CalendarQuerySchema, DeadlineQuerySchema, HolidayYearParamsSchema, HolidayYearSchema } from "../../contracts/calendar.js";

/** The year's rhythm as a calendar, the holiday arrangements, and the deadline rule. */
export function calendarRouter(deps: Deps): Router {
  const router = new Router();
  const { read } = jsonRoutes(router, deps, { tag: "calendar", access: STAFF_ROLES });
  read(
    {
      method: "get",
      path: "/api/calendar",
      summary: "Coming rule and campaign occurrences in the county, with their audiences (default: the next 12 months)",
      tag: "rhythm",
      access: COUNTY_ROLES,
      query: CalendarQuerySchema,
    },
    ({ query, actor }) => listCalendar(deps, actor, query),
  );
  read(
    {
      method: "get",
      path: "/api/calendar/holidays/:year",
      summary: "A year's holiday arrangement (rest days, swapped working days); known: false when nobody entered it",
      params: HolidayYearParamsSchema,
    },
    ({ params }) => holidayYearView(deps.db, params.year),
  );
  read(
    {
      method: "put",
      path: "/api/calendar/holidays/:year",
      summary: "Enter a year's arrangement as a new version (admin); open deadlines it touches move later, never earlier",
      access: ["admin"],
      params: HolidayYearParamsSchema,
      body: HolidayYearSchema,
    },
    async ({ params, body, actor }) => {
      const view = await inTransaction(deps.db, (tx) => enterHolidayYear(deps, tx, actor, params.year, body));
      // committed: this process uses the new entry at once (others within a minute)
      await deps.holidays.reload();
      return view;
    },
  );
  read(
    {
      method: "get",
      path: "/api/calendar/deadline",
      summary: "The deadline the rule gives a report received at a time in a county (the rule is public)",
      query: DeadlineQuerySchema,
    },
    async ({ query }) => {
      const d = await deadlineForCounty(deps, new Date(query.receivedAt), query.county);
      return { dueAt: d.dueAt.toISOString(), lastDay: d.lastDay, dueText: d.dueText, basis: d.basis };
    },
  );
  return router;
}
