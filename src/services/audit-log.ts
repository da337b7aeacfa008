import type { Actor } from "../domain/access.js";
import { canSeeArea } from "../domain/access.js";
import { maskName } from "../domain/masking.js";
import { AppError } from "../errors.js";
import type { AuditQuery } from "../contracts/audit.js";
import { auditPage } from "../repositories/audit.js";
import { areaRange, reportIdsByNumber } from "../repositories/reports.js";
import type { Deps } from "./deps.js";

/** What the county reads for each recorded action; others are shown by their code. */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  "report.read": "查看申报",
  "report.revealed": "查看完整号码",
  "report.received": "收到申报",
  "report.lead_attached": "合并新线索",
  "report.accept": "受理",
  "report.visit": "上门核查",
  "report.give_opinion": "提出办理意见",
  "report.transfer": "转交",
  "report.take_over": "县里接手",
  "report.send_back": "县里退回村里",
  "report.withdraw": "撤回",
  "report.close": "办结",
  "report.comment": "内部留言",
  "report.marked_overdue": "超期上报",
  "account.household_linked": "确认申报人属于这一户",
  "ledger.exported": "导出台账",
  "sign_in.staff": "工作人员登录",
  "sign_in.failed": "登录密码错误",
  "sign_in.blocked": "登录被暂停",
};

const ROLE_NAMES: Record<string, string> = {
  farmer: "农户",
  grid_worker: "网格员",
  village_cadre: "村干部",
  township: "乡镇",
  county: "县",
  department: "部门",
  admin: "管理员",
};

/**
 * The audit trail as the county reads it: who did or read what, when, within its county (by the
 * person's area or the report's village); household names masked, no numbers.
 */
export async function readAuditLog(deps: Deps, actor: Actor, q: AuditQuery) {
  if (actor.role !== "county" && actor.role !== "admin") throw new AppError(403, "audit_county_only", "操作日志只有县级工作人员可以查看");
  const range = actor.role === "admin" || !actor.areaCode ? null : areaRange(actor.areaCode);
  let reportIds: string[] | undefined;
  if (q.report) {
    const reports = await reportIdsByNumber(deps.db, q.report, q.wholeHousehold === true);
    // a report of another county is as if it did not exist
    reportIds = reports.filter((r) => canSeeArea(actor, r.villageCode)).map((r) => r.id);
  }
  const day = (d: string, plus = 0) => new Date(new Date(`${d}T00:00:00+08:00`).getTime() + plus);
  const { items, total } = await auditPage(
    deps.db,
    {
      range,
      personName: q.person,
      reportIds,
      action: q.action,
      from: q.from ? day(q.from) : undefined,
      to: q.to ? day(q.to, 86_400_000) : undefined,
    },
    q.page,
    q.pageSize,
  );
  return {
    items: items.map((e) => ({
      at: e.at.toISOString(),
      action: e.action,
      actionLabel: AUDIT_ACTION_LABELS[e.action] ?? e.action,
      person: e.actorName
        ? { name: e.actorName, role: e.actorRole, roleLabel: ROLE_NAMES[e.actorRole ?? ""] ?? "" }
        : { name: "系统", role: null, roleLabel: "" },
      report: e.reportNumber ? { number: e.reportNumber, household: maskName(e.householdName ?? "") } : null,
    })),
    actions: Object.entries(AUDIT_ACTION_LABELS).map(([code, label]) => ({ code, label })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
