import { DEPARTMENT_LABELS, type Department } from "../roles.js";
import { COUNTY_HOLDS } from "./visibility.js";

/**
 * Who holds a report's 5-day clock: the village until it transfers the report; then the
 * township or department it was transferred to, whose own new 5-day clock runs from the
 * transfer (issue 14 item 3); or the county once it took the report over.
 */
export type ClockHolder = { kind: "village" } | { kind: "township" } | { kind: "department"; department: string } | { kind: "county" };

export function clockHolder(r: { transferredTo: string | null }): ClockHolder {
  if (r.transferredTo === null) return { kind: "village" };
  if (r.transferredTo === "township") return { kind: "township" };
  if (r.transferredTo === COUNTY_HOLDS) return { kind: "county" };
  return { kind: "department", department: r.transferredTo };
}

/**
 * Who is told when the holder's clock runs out (督办): the township of a late village; the county
 * of a late township or department (it may then take the report over or send it back); nobody
 * above the county.
 */
export function escalatedTo(holder: ClockHolder): "township" | "county" | null {
  if (holder.kind === "village") return "township";
  if (holder.kind === "county") return null;
  return "county";
}

/** The holder as a notice names it: 村里, 乡镇, 住建部门. */
export function holderLabel(holder: ClockHolder): string {
  if (holder.kind === "village") return "村里";
  if (holder.kind === "township") return "乡镇";
  if (holder.kind === "county") return "县里";
  return `${DEPARTMENT_LABELS[holder.department as Department] ?? holder.department}部门`;
}

/** When the holder's clock started: the transfer, or the report's receipt for the village's first clock. */
export const clockStart = (r: { receivedAt: Date; transferredAt?: Date | null }): Date => r.transferredAt ?? r.receivedAt;

/** Whether the clock was restarted by a transfer: its reminders and escalation are keyed by the new last day. */
export const isRestartedClock = (r: { transferredAt?: Date | null }): boolean => Boolean(r.transferredAt);
