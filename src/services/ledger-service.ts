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
import { OPINION_LABELS, STATUS_LABELS } from "../domain/report/lifecycle.js";
import { wasLate } from "../domain/report/overdue.js";
import { riskTypeLabel } from "../domain/risk-types.js";
import { badRequest, notFound } from "../errors.js";
import { inTransaction } from "../db/transaction.js";
import { areaNames, findArea } from "../repositories/areas.js";
import { recordAudit } from "../repositories/audit.js";
import { ledgerPage, type LedgerCursor } from "../repositories/ledger-rows.js";
import type { Deps } from "./deps.js";
import { phoneOf, riskList } from "./report-service.js";

/** Rows fetched per query while streaming; memory stays flat whatever the period. */
export const LEDGER_PAGE_SIZE = 500;

const CHANNEL_LABELS: Record<string, string> = { miniprogram: "小程序", bot: "微信群", in_person: "当面", phone: "电话", department: "部门预警" };

/**
 * The deadline as every screen says it: its last day and "24时" ("2026-12-07 24时"), not the next
 * day's 00:00. A date cell (Excel sorts and filters it) whose format adds the 24时.
 */
const DUE_FORMAT = 'yyyy-mm-dd "24时"';
// ExcelJS writes a Date by its UTC fields: the China day at UTC midnight is that day in the cell
export const dueDateCell = (dueAt: Date): Date => new Date(`${lastDayOf(dueAt)}T00:00:00Z`);

/** The ledger's columns, as the county files them (台账). */
export const LEDGER_COLUMNS = [
  { header: "序号", key: "seq", width: 7 },
  { header: "申报编号", key: "number", width: 14 },
  { header: "乡镇", key: "township", width: 14 },
  { header: "村", key: "village", width: 18 },
  { header: "户主", key: "household", width: 9 },
  { header: "联系电话", key: "phone", width: 14 },
  { header: "身份证号", key: "idNumber", width: 21 },
  { header: "风险类型", key: "riskTypes", width: 18 },
  { header: "申报渠道", key: "channel", width: 9 },
  { header: "收到时间", key: "receivedAt", width: 17 },
  { header: "办理期限", key: "dueAt", width: 17, style: { numFmt: DUE_FORMAT } },
  { header: "受理时间", key: "acceptedAt", width: 17 },
  { header: "办理意见", key: "opinion", width: 24 },
  { header: "意见理由", key: "opinionReason", width: 24 },
  { header: "意见时间", key: "opinionAt", width: 17 },
  { header: "状态", key: "status", width: 14 },
  { header: "是否超期", key: "overdue", width: 9 },
] as const;

/** "2026-03-02 10:00" in China time: what a clerk types and files. */
const chinaTime = (at: Date | null): string => (at ? chinaDateTime(at) : "");

export interface LedgerRequest {
  areaCode?: string;
  from?: string;
  to?: string;
}

/**
 * Checks the request and records the export in the audit trail; returns the file name and a
 * writer that streams the workbook to any Writable, page by page.
 */
export async function prepareLedger(deps: Deps, actor: Actor, q: LedgerRequest) {
  const now = deps.clock.now();
  const areaCode = q.areaCode ?? (actor.role === "admin" ? null : actor.areaCode);
  if (areaCode && !canSeeArea(actor, areaCode)) throw notFound("area_not_found", "您负责的区域里没有这个地方");
  const area = areaCode ? await findArea(deps.db, areaCode) : null;
  if (areaCode && !area) throw notFound("area_not_found", "没有这个区划代码");
  const fromDay = q.from ?? `${chinaDay(now).slice(0, 4)}-01-01`;
  const toDay = q.to ?? chinaDay(now);
  if (fromDay > toDay) throw badRequest("period_invalid", "开始日期不能晚于结束日期");
  const filter = { areaCode, from: startOfChinaDay(fromDay), to: startOfChinaDay(addDays(toDay, 1)) };

  await inTransaction(deps.db, (tx) =>
    recordAudit(tx, {
      at: now,
      actorId: actor.accountId,
      action: "ledger.exported",
      subjectType: "area",
      subjectId: areaCode ?? "all",
      detail: { from: fromDay, to: toDay },
    }),
  );
  const fileName = `申报台账_${area?.name ?? "全部"}_${fromDay}_${toDay}.xlsx`;
  return { fileName, write: (out: Writable) => writeLedger(deps, filter, now, `${area?.name ?? "全部地区"} ${fromDay} 至 ${toDay}`, out) };
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

/** Streams the workbook: rows are committed as they are written and never held all at once. */
export async function writeLedger(
  deps: Deps,
  filter: { areaCode: string | null; from: Date; to: Date },
  now: Date,
  title: string,
  out: Writable,
): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  workbook.creator = "一键申报";
  const sheet = workbook.addWorksheet("申报台账", { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({ ...c }));
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
    for (const r of page) {
      const idNumber = r.idNumberSealed ? deps.crypto.decrypt(r.idNumberSealed) : "";
      const phone = phoneOf(deps, r);
      const late = wasLate(r, now);
      const row = sheet.addRow({
        seq: ++seq,
        number: r.number,
        township: names.get(townshipOf(r.villageCode)) ?? "",
        village: names.get(r.villageCode) ?? r.villageCode,
        household: safeCellText(maskName(r.householdName)),
        phone: phone ? maskPhone(phone) : "",
        idNumber: idNumber ? maskIdNumber(idNumber) : "",
        riskTypes: riskList(r).map(riskTypeLabel).join("、"),
        channel: CHANNEL_LABELS[r.channel] ?? r.channel,
        receivedAt: chinaTime(r.receivedAt),
        dueAt: dueDateCell(r.dueAt),
        acceptedAt: chinaTime(r.acceptedAt),
        opinion: r.opinionKind ? OPINION_LABELS[r.opinionKind] : "",
        opinionReason: safeCellText(r.opinionReason ?? ""),
        opinionAt: chinaTime(r.opinionAt),
        status: STATUS_LABELS[r.status],
        overdue: late ? "是" : "否",
      });
      row.getCell("dueAt").numFmt = DUE_FORMAT;
      if (late) row.getCell("overdue").font = { color: { argb: "FFC00000" }, bold: true };
      row.commit();
    }
    await zipCaughtUp(sheet, out);
    const last = page[page.length - 1];
    cursor = { receivedAt: last.receivedAt, id: last.id };
    if (page.length < LEDGER_PAGE_SIZE) break;
  }
  sheet.addRow([]).commit();
  sheet.addRow([`${title}，共 ${seq} 条；户主姓名、电话和身份证号已脱敏。导出时间 ${chinaTime(now)}`]).commit();
  sheet.commit();
  await workbook.commit();
  return seq;
}
