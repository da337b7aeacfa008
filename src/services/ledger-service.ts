import type { EntityManager } from "typeorm";
import { once } from "node:events";
import type { Writable } from "node:stream";
import ExcelJS from "exceljs";
import { safeCellText } from "../formats/cell-text.js";
import type { Actor } from "../domain/access.js";
import { canSeeArea } from "../domain/access.js";
import { townshipOf } from "../domain/area-code.js";
import { addDays, chinaDateTime, chinaDay, startOfChinaDay } from "../domain/china-time.js";
import { lastDayOf } from "../domain/report/clock.js";
import { maskIdNumber, maskName, maskPhone } from "../domain/masking.js";
import { CHANNEL_LABELS, OPINION_LABELS, RELATION_LABELS, STATUS_LABELS } from "../domain/report/lifecycle.js";
import { FULL_LEDGER_ROLES, shown, type Viewer } from "../domain/report/visibility.js";
import { DEPARTMENT_LABELS, type Department } from "../domain/roles.js";
import { wasLate } from "../domain/report/overdue.js";
import { riskTypeLabel } from "../domain/risk-types.js";
import { AppError, badRequest, notFound } from "../errors.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { ledgerPage, registerLedgerPage, registerSources, visitNotes, type LedgerCursor } from "../repositories/ledger-rows.js";
import { identificationStepsOf } from "../repositories/identification.js";
import { identificationClocks, type CaseClock } from "../domain/identification/clocks.js";
import { HOUSEHOLD_KIND_LABELS, MEASURE_KIND_LABELS, type HouseholdKind, type Measure } from "../domain/identification/steps.js";
import { contextsOf } from "./identification-service.js";
import type { Deps } from "./deps.js";
import { phoneOf, riskList } from "./report-service.js";

/** Rows fetched per query while streaming; memory stays flat whatever the period. */
export const LEDGER_PAGE_SIZE = 500;

/**
 * The deadline as every screen says it: its last day and "24时" ("2026-12-07 24时"), not the next
 * day's 00:00. A date cell (Excel sorts and filters it) whose format adds the 24时.
 */
const DUE_FORMAT = 'yyyy-mm-dd "24时"';
const TIME_FORMAT = "yyyy-mm-dd hh:mm";
// ExcelJS writes a Date by its UTC fields: the China day at UTC midnight is that day in the cell
export const dueDateCell = (dueAt: Date): Date => new Date(`${lastDayOf(dueAt)}T00:00:00Z`);
/** A moment as a date cell that reads in China time ("2026-03-02 10:00"); empty when there is none. */
export const chinaTimeCell = (at: Date | null): Date | null => (at ? new Date(`${chinaDateTime(at).replace(" ", "T")}:00Z`) : null);

/** Where a report was transferred (转交部门): the township or a department. */
const transferredLabel = (to: string | null): string => (to === null ? "" : to === "township" ? "乡镇" : (DEPARTMENT_LABELS[to as Department] ?? to));

/**
 * The ledger's columns, as the county files them (台账), each with what it holds: the README's
 * table of columns is written from these.
 */
export const LEDGER_COLUMNS = [
  { header: "序号", key: "seq", width: 7, meaning: "本表中的顺序号" },
  { header: "申报编号", key: "number", width: 14, meaning: "系统给的申报编号（收到日期加五位数字）" },
  { header: "乡镇", key: "township", width: 14, meaning: "户所在乡镇" },
  { header: "村", key: "village", width: 18, meaning: "户所在村" },
  { header: "户主", key: "household", width: 9, meaning: "户主姓名（脱敏，选择导出完整信息时为全名）" },
  { header: "联系电话", key: "phone", width: 14, meaning: "联系电话（始终脱敏）" },
  { header: "身份证号", key: "idNumber", width: 21, meaning: "户主身份证号（脱敏，选择导出完整信息时为完整号码）" },
  { header: "申报人关系", key: "relation", width: 11, meaning: "谁提出的申报：本人、家庭成员、邻居代报、网格员代报、村干部代报、部门预警" },
  { header: "风险类型", key: "riskTypes", width: 18, meaning: "申报的返贫致贫风险类型" },
  { header: "情况说明", key: "description", width: 30, meaning: "申报时写明的家庭困难情况" },
  { header: "申报渠道", key: "channel", width: 9, meaning: "小程序、微信群、当面、电话或部门预警" },
  { header: "收到时间", key: "receivedAt", width: 17, style: { numFmt: TIME_FORMAT }, meaning: "申报收到的时间（补录的为纸质申请收到的时间），日期单元格" },
  { header: "办理期限", key: "dueAt", width: 17, style: { numFmt: DUE_FORMAT }, meaning: "应提出办理意见的最后一天，当天24时截止，日期单元格" },
  { header: "受理时间", key: "acceptedAt", width: 17, style: { numFmt: TIME_FORMAT }, meaning: "村委会受理的时间" },
  { header: "核查时间", key: "visitedAt", width: 17, style: { numFmt: TIME_FORMAT }, meaning: "最近一次上门核查的时间（村干部或网格员填写的上门时间）" },
  { header: "核查情况", key: "visitNote", width: 30, meaning: "最近一次上门核查时记录的情况" },
  { header: "办理意见", key: "opinion", width: 24, meaning: "村委会（或乡镇、县）提出的办理意见" },
  { header: "意见理由", key: "opinionReason", width: 24, meaning: "办理意见的理由" },
  { header: "政策依据", key: "policyRef", width: 24, meaning: "提出办理意见时写明的政策依据（文件和条款）" },
  { header: "意见时间", key: "opinionAt", width: 17, style: { numFmt: TIME_FORMAT }, meaning: "提出办理意见的时间" },
  { header: "转交部门", key: "transferredTo", width: 10, meaning: "转交办理的乡镇或行业部门（民政、医保、住建等），未转交为空" },
  { header: "办结时间", key: "closedAt", width: 17, style: { numFmt: TIME_FORMAT }, meaning: "办结的时间" },
  { header: "状态", key: "status", width: 14, meaning: "导出时的办理状态" },
  { header: "是否超期", key: "overdue", width: 9, meaning: "办理期限届满仍未提出意见，或意见晚于期限" },
] as const;

/** The date columns: each a date cell with its format. */
const DATE_COLUMNS = LEDGER_COLUMNS.filter((c) => "style" in c).map((c) => [c.key, c.style.numFmt] as const);

/** The register's columns (监测对象台账, the second sheet), each with what it holds. */
export const REGISTER_COLUMNS = [
  { header: "序号", key: "seq", width: 7, meaning: "本表中的顺序号" },
  { header: "乡镇", key: "township", width: 14, meaning: "户所在乡镇" },
  { header: "村", key: "village", width: 18, meaning: "户所在村" },
  { header: "户主", key: "household", width: 9, meaning: "户主姓名（脱敏，选择导出完整信息时为全名）" },
  { header: "身份证号", key: "idNumber", width: 21, meaning: "户主身份证号（脱敏，选择导出完整信息时为完整号码）" },
  { header: "监测对象类型", key: "kind", width: 14, meaning: "脱贫不稳定户、边缘易致贫户或突发严重困难户" },
  {
    header: "认定日期",
    key: "identifiedOn",
    width: 12,
    style: { numFmt: "yyyy-mm-dd" },
    meaning: "县级批准的日期（监测对象识别以县级批准时间为准），日期单元格",
  },
  { header: "风险类型", key: "riskTypes", width: 18, meaning: "申报的返贫致贫风险类型" },
  { header: "帮扶措施", key: "measures", width: 36, meaning: "帮扶计划中的措施（类别：内容），尚未制定为空" },
  { header: "帮扶计划日期", key: "planOn", width: 12, style: { numFmt: "yyyy-mm-dd" }, meaning: "制定帮扶计划的日期" },
  { header: "10天内制定帮扶计划", key: "planClock", width: 16, meaning: "按期、逾期完成、超期未完成，或还在期限内（写明最后一天）" },
  { header: "系统录入日期", key: "entryOn", width: 12, style: { numFmt: "yyyy-mm-dd" }, meaning: "录入全国防返贫监测信息系统的日期" },
  { header: "10天内录入系统", key: "entryClock", width: 16, meaning: "按期、逾期完成、超期未完成，或还在期限内（写明最后一天）" },
  { header: "状态", key: "status", width: 10, meaning: "导出时监测中或已风险消除" },
  { header: "风险消除日期", key: "clearedOn", width: 12, style: { numFmt: "yyyy-mm-dd" }, meaning: "县级审定风险消除后完成信息更新的日期" },
  { header: "申报编号", key: "number", width: 14, meaning: "认定这户的申报编号" },
] as const;

const REGISTER_DATE_COLUMNS = REGISTER_COLUMNS.filter((c) => "style" in c).map((c) => [c.key, c.style.numFmt] as const);
const REGISTER_STATUS_LABELS: Record<string, string> = { monitored: "监测中", risk_cleared: "已风险消除" };
/** A China day as a date cell (its UTC midnight reads as that day). */
const dayCell = (day: string | null | undefined): Date | null => (day ? new Date(`${day}T00:00:00Z`) : null);

/** A clock in the ledger's words: kept, kept late, overdue and open, or still running to its last day. */
function clockCell(c: CaseClock | undefined): string {
  if (!c || !c.lastDay) return "";
  if (c.met === true) return "按期";
  if (c.met === false) return "逾期完成";
  return c.overdue ? "超期未完成" : `${c.lastDay}前`;
}

/** The register sheet (监测对象台账), streamed page by page like the reports; returns its row count. */
async function writeRegisterSheet(
  deps: Deps,
  workbook: ExcelJS.stream.xlsx.WorkbookWriter,
  out: Writable,
  filter: { areaCode: string | null; fromDay: string; toDay: string },
  now: Date,
  viewer: Viewer,
  names: Map<string, string>,
): Promise<number> {
  const sheet = workbook.addWorksheet("监测对象台账", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = REGISTER_COLUMNS.map(({ header, key, width, ...c }) => ({ header, key, width, style: "style" in c ? c.style : undefined }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  const contextOf = contextsOf(deps, deps.db.manager);
  let after: { identifiedOn: string; id: number } | null = null;
  let seq = 0;
  for (;;) {
    const page = await registerLedgerPage(deps.db, filter, after, LEDGER_PAGE_SIZE);
    if (page.length === 0) break;
    const unknown = [...new Set(page.flatMap((m) => [m.villageCode, townshipOf(m.villageCode)]))].filter((c) => !names.has(c));
    for (const [code, name] of await areaNames(deps.db, unknown)) names.set(code, name);
    const { reports, households } = await registerSources(deps.db, page);
    const steps = await identificationStepsOf(
      deps.db.manager,
      page.map((m) => m.reportId),
    );
    for (const m of page) {
      const report = reports.get(m.reportId);
      const household = households.get(m.householdId);
      const records = steps.get(m.reportId) ?? [];
      const clocks = report ? identificationClocks(report.receivedAt, records, await contextOf(report), now) : [];
      const idNumber = household?.idNumberSealed ? deps.crypto.decrypt(household.idNumberSealed) : "";
      const measures: Measure[] = JSON.parse(m.measures);
      const row = sheet.addRow({
        seq: ++seq,
        township: names.get(townshipOf(m.villageCode)) ?? "",
        village: names.get(m.villageCode) ?? m.villageCode,
        household: safeCellText(shown("householdName", viewer, household?.headName ?? "", maskName) ?? ""),
        idNumber: idNumber ? shown("idNumber", viewer, idNumber, maskIdNumber) : "",
        kind: HOUSEHOLD_KIND_LABELS[m.kind as HouseholdKind] ?? m.kind,
        identifiedOn: dayCell(m.identifiedOn),
        riskTypes: riskList(m).map(riskTypeLabel).join("、"),
        measures: safeCellText(measures.map((x) => `${MEASURE_KIND_LABELS[x.kind]}：${x.text}`).join("；")),
        planOn: dayCell(records.find((r) => r.step === "plan")?.date),
        planClock: clockCell(clocks.find((c) => c.name === "plan_within_10_days")),
        entryOn: dayCell(records.find((r) => r.step === "system_entry")?.date),
        entryClock: clockCell(clocks.find((c) => c.name === "entry_within_10_days")),
        status: REGISTER_STATUS_LABELS[m.status] ?? m.status,
        clearedOn: dayCell(m.clearedOn),
        number: report?.number ?? "",
      });
      for (const [key, numFmt] of REGISTER_DATE_COLUMNS) row.getCell(key).numFmt = numFmt;
      row.commit();
    }
    await zipCaughtUp(sheet, out);
    const last = page[page.length - 1]!;
    after = { identifiedOn: last.identifiedOn, id: last.id };
    if (page.length < LEDGER_PAGE_SIZE) break;
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: seq + 1, column: REGISTER_COLUMNS.length } };
  sheet.commit();
  return seq;
}

export interface LedgerRequest {
  areaCode?: string;
  from?: string;
  to?: string;
  /** Full names and ID numbers, for matching with the national system; needs a reason. */
  full?: boolean;
  reason?: string;
}

/**
 * Checks the request and records the export in the audit trail; returns the file name and a
 * writer that streams the workbook to any Writable, page by page.
 */
export async function prepareLedger(deps: Deps, tx: EntityManager, actor: Actor, q: LedgerRequest) {
  const now = deps.clock.now();
  if (q.full && !FULL_LEDGER_ROLES.includes(actor.role)) throw new AppError(403, "full_ledger_forbidden", "只有县农业农村局可以导出完整姓名和身份证号");
  // the contract refuses a full export without a reason; a service caller gets the same answer
  if (q.full && !q.reason?.trim()) throw badRequest("full_ledger_reason_required", "导出完整姓名和身份证号，请写明原因");
  const areaCode = q.areaCode ?? (actor.role === "admin" ? null : actor.areaCode);
  if (areaCode && !canSeeArea(actor, areaCode)) throw notFound("area_not_found", "您负责的区域里没有这个地方");
  const area = areaCode ? await findArea(tx, areaCode) : null;
  if (areaCode && !area) throw notFound("area_not_found", "没有这个区划代码");
  const fromDay = q.from ?? `${chinaDay(now).slice(0, 4)}-01-01`;
  const toDay = q.to ?? chinaDay(now);
  if (fromDay > toDay) throw badRequest("period_invalid", "开始日期不能晚于结束日期");
  const filter = { areaCode, from: startOfChinaDay(fromDay), to: startOfChinaDay(addDays(toDay, 1)) };

  const full = q.full === true;
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: full ? "ledger.exported_full" : "ledger.exported",
    subjectType: "area",
    subjectId: areaCode ?? "all",
    detail: full ? { from: fromDay, to: toDay, reason: q.reason!.trim() } : { from: fromDay, to: toDay },
  });
  const fileName = `申报台账${full ? "_完整信息" : ""}_${area?.name ?? "全部"}_${fromDay}_${toDay}.xlsx`;
  const about: LedgerAbout = { title: `${area?.name ?? "全部地区"} ${fromDay} 至 ${toDay}`, full, reason: full ? q.reason!.trim() : null };
  return { fileName, write: (out: Writable) => writeLedger(deps, filter, now, about, out) };
}

/**
 * Waits until the zip has taken what the sheet wrote so far. ExcelJS's streaming writer pushes
 * committed rows into the zip entry without heeding backpressure, so without this wait a fast
 * database outruns the compressor (and a slow client) and the whole file piles up in memory.
 * The entry's input is a PassThrough that archiver reads as fast as it compresses and sends.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet, out: Writable): Promise<void> {
  if (out.destroyed) throw new Error("ledger download closed by the client");
  const entry = (sheet as unknown as { stream?: { pipes?: Array<Writable & { _writableState?: { needDrain?: boolean } }> } }).stream?.pipes?.[0];
  // archiver's PassThrough comes from readable-stream 2, which lacks the writableNeedDrain getter
  if (!(entry?._writableState?.needDrain ?? entry?.writableNeedDrain)) return new Promise((resolve) => setImmediate(resolve));
  // a client that goes away never lets the zip drain: stop instead of waiting for ever
  const stop = new AbortController();
  try {
    await Promise.race([
      once(entry!, "drain", { signal: stop.signal }),
      once(out, "close", { signal: stop.signal }).then(() => Promise.reject(new Error("ledger download closed by the client"))),
    ]);
  } finally {
    stop.abort();
  }
}

/** What the 说明 sheet says of an export. */
export interface LedgerAbout {
  title: string;
  full: boolean;
  reason: string | null;
}

/**
 * Streams the workbook: the reports on the first sheet (a header, an autofilter, one row each,
 * committed as written and never held all at once), then a 说明 sheet with the period, the count,
 * the masking and what each column means.
 */
export async function writeLedger(
  deps: Deps,
  filter: { areaCode: string | null; from: Date; to: Date },
  now: Date,
  about: LedgerAbout,
  out: Writable,
): Promise<number> {
  const viewer: Viewer = about.full ? "ledger_full" : "ledger";
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "一键申报";
  const sheet = workbook.addWorksheet("申报台账", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map(({ header, key, width, ...c }) => ({ header, key, width, style: "style" in c ? c.style : undefined }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();

  const names = new Map<string, string>();
  let cursor: LedgerCursor | null = null;
  let seq = 0;
  for (;;) {
    const page = await ledgerPage(deps.db, filter, cursor, LEDGER_PAGE_SIZE);
    if (page.length === 0) break;
    const unknown = [...new Set(page.flatMap((r) => [r.villageCode, townshipOf(r.villageCode)]))].filter((c) => !names.has(c));
    for (const [code, name] of await areaNames(deps.db, unknown)) names.set(code, name);
    const notes = await visitNotes(
      deps.db,
      page.filter((r) => r.visitedAt).map((r) => r.id),
    );
    for (const r of page) {
      const idNumber = r.idNumberSealed ? deps.crypto.decrypt(r.idNumberSealed) : "";
      const phone = phoneOf(deps, r);
      const late = wasLate(r, now);
      const row = sheet.addRow({
        seq: ++seq,
        number: r.number,
        township: names.get(townshipOf(r.villageCode)) ?? "",
        village: names.get(r.villageCode) ?? r.villageCode,
        household: safeCellText(shown("householdName", viewer, r.householdName, maskName) ?? ""),
        phone: phone ? shown("phone", viewer, phone, maskPhone) : "",
        idNumber: idNumber ? shown("idNumber", viewer, idNumber, maskIdNumber) : "",
        relation: RELATION_LABELS[r.relation] ?? r.relation,
        riskTypes: riskList(r).map(riskTypeLabel).join("、"),
        description: safeCellText(r.description),
        channel: CHANNEL_LABELS[r.channel] ?? r.channel,
        receivedAt: chinaTimeCell(r.receivedAt),
        dueAt: dueDateCell(r.dueAt),
        acceptedAt: chinaTimeCell(r.acceptedAt),
        visitedAt: chinaTimeCell(r.visitedAt),
        visitNote: safeCellText(shown("staffNote", viewer, notes.get(r.id) ?? "", (n) => n) ?? ""),
        opinion: r.opinionKind ? OPINION_LABELS[r.opinionKind] : "",
        opinionReason: safeCellText(r.opinionReason ?? ""),
        policyRef: safeCellText(r.opinionPolicyRef ?? ""),
        opinionAt: chinaTimeCell(r.opinionAt),
        transferredTo: transferredLabel(r.transferredTo),
        closedAt: chinaTimeCell(r.closedAt),
        status: STATUS_LABELS[r.status],
        overdue: late ? "是" : "否",
      });
      // streamed rows do not take the column's style: each date cell gets its format
      for (const [key, numFmt] of DATE_COLUMNS) row.getCell(key).numFmt = numFmt;
      if (late) row.getCell("overdue").font = { color: { argb: "FFC00000" }, bold: true };
      row.commit();
    }
    await zipCaughtUp(sheet, out);
    const last = page[page.length - 1];
    cursor = { receivedAt: last.receivedAt, id: last.id };
    if (page.length < LEDGER_PAGE_SIZE) break;
  }
  // the filter covers the header and every report (a header alone still gets its buttons)
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: seq + 1, column: LEDGER_COLUMNS.length } };
  sheet.commit();

  const registered = await writeRegisterSheet(
    deps,
    workbook,
    out,
    { areaCode: filter.areaCode, fromDay: chinaDay(filter.from), toDay: addDays(chinaDay(filter.to), -1) },
    now,
    viewer,
    names,
  );

  const notes = workbook.addWorksheet("说明");
  notes.columns = [
    { key: "a", width: 14 },
    { key: "b", width: 80 },
  ];
  notes.addRow([`申报台账 ${about.title}`]).commit();
  notes.addRow(["共", `${seq} 条`]).commit();
  notes.addRow(["导出时间", chinaDateTime(now)]).commit();
  notes
    .addRow([
      "个人信息",
      about.full
        ? `含完整户主姓名和身份证号（电话仍脱敏），供与全国系统比对；导出原因：${about.reason ?? ""}。请妥善保管，用后删除。`
        : "户主姓名、电话和身份证号已脱敏。",
    ])
    .commit();
  notes.addRow(["监测对象台账", `${registered} 户：期间内任何一天处于监测中的监测对象（认定日期不晚于期末，且未在期初以前风险消除）`]).commit();
  notes.addRow([]).commit();
  notes.addRow(["列", "含义"]).commit();
  for (const c of LEDGER_COLUMNS) notes.addRow([c.header, c.meaning]).commit();
  notes.addRow([]).commit();
  notes.addRow(["监测对象台账的列", "含义"]).commit();
  for (const c of REGISTER_COLUMNS) notes.addRow([c.header, c.meaning]).commit();
  notes.commit();
  await workbook.commit();
  return seq;
}
