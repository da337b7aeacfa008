import { createHash } from "node:crypto";
import type { Actor } from "../domain/access.js";
import { canSeeArea } from "../domain/access.js";
import { countyOf, isAreaCode } from "../domain/area-code.js";
import { ID_NUMBER_MESSAGES, idNumberProblem } from "../domain/id-number.js";
import { maskIdNumber, maskPhone } from "../domain/masking.js";
import { RISK_TYPES, riskTypeLabel, type RiskTypeCode } from "../domain/risk-types.js";
import { ALERT_UPLOADER_ROLES } from "../domain/roles.js";
import { AppError, badRequest, conflict } from "../errors.js";
import { AreaEntity, type Area } from "../db/entities/area.js";
import type { EntityManager } from "typeorm";
import { AlertBatchEntity } from "../db/entities/alert-batch.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import { AlertRowSchema, type AlertRowInput } from "../contracts/department-alerts.js";
import { readTablePages } from "../formats/sheet-upload.js";
import { SHEET_LIMITS } from "../formats/sheet-limits.js";
import { areaRange } from "../repositories/reports.js";
import { recordAudit } from "../repositories/audit.js";
import {
  batchResults,
  commitCounts,
  discardUncheckedRows,
  filedRowPage,
  finishBatch,
  markBatchChecked,
  moveBatchCommitted,
  openBatch,
  pendingBatchRows,
  recordFiledRows,
  skippedRowPage,
  writeBatchRows,
  type FiledRow,
} from "../repositories/alert-batches.js";
import { OPINION_KINDS, OPINION_LABELS } from "../domain/report/lifecycle.js";
import { DEPARTMENT_LABELS, type Department } from "../domain/roles.js";
import type { Deps } from "./deps.js";
import { intakeMany } from "./report-service.js";

/** Largest department list taken in one upload. */
export const MAX_ALERT_ROWS = SHEET_LIMITS.dataRows;

type Field = "name" | "idNumber" | "village" | "riskTypes" | "note" | "phone";

/** Column headings departments use, by field (compared without spaces, case-insensitive). */
const HEADINGS: Record<Field, string[]> = {
  name: ["姓名", "户主姓名", "户主", "当事人姓名", "name"],
  idNumber: ["身份证号", "身份证号码", "公民身份号码", "证件号码", "idnumber", "id_number"],
  village: ["村", "村名", "所在村", "村(社区)", "村代码", "村编码", "村区划代码", "行政村", "village", "villagecode"],
  riskTypes: ["风险类型", "风险", "预警类型", "risktype", "risktypes", "risk_type"],
  note: ["备注", "说明", "情况说明", "预警说明", "note"],
  phone: ["联系电话", "电话", "手机号", "手机号码", "手机", "phone"],
};
const REQUIRED: Field[] = ["name", "idNumber", "village", "riskTypes"];
const FIELD_LABELS: Record<Field, string> = { name: "姓名", idNumber: "身份证号", village: "村", riskTypes: "风险类型", note: "备注", phone: "联系电话" };

const normHeading = (h: string) => h.replace(/\s|\*/g, "").replace(/（/g, "(").replace(/）/g, ")").toLowerCase();

const RISK_BY_WORD = new Map<string, RiskTypeCode>(RISK_TYPES.flatMap((t) => [[t.code, t.code] as const, [t.label, t.code] as const]));

/** The forms a village may be written in: 永安村委会, 永安村, 永安. */
function villageKeys(name: string): string[] {
  const keys = new Set([name]);
  const short = name.replace(/(村民委员会|村委会)$/, "村").replace(/(社区居民委员会|社区居委会)$/, "社区");
  keys.add(short);
  keys.add(short.replace(/(村|社区)$/, ""));
  return [...keys].filter(Boolean);
}

export interface AlertRowResult {
  /** The row number as Excel shows it (the heading is row 1). */
  row: number;
  ok: boolean;
  errors: string[];
  normalized: {
    name: string;
    idNumber: string;
    village: { code: string; name: string } | null;
    riskTypes: RiskTypeCode[];
    riskTypeLabels: string[];
    note: string;
    phone: string;
  };
}

export interface CheckedRow {
  result: AlertRowResult;
  /** The report the row becomes (unmasked, kept on the server, never returned) and its village. */
  input?: { report: AlertRowInput; village: { code: string; name: string } };
}

function headingMap(header: string[]): Map<Field, number> {
  const map = new Map<Field, number>();
  header.forEach((h, i) => {
    const n = normHeading(h);
    for (const [field, names] of Object.entries(HEADINGS) as Array<[Field, string[]]>) {
      if (!map.has(field) && names.map(normHeading).includes(n)) map.set(field, i);
    }
  });
  const missing = REQUIRED.filter((f) => !map.has(f));
  if (missing.length) {
    throw badRequest(
      "alert_file_columns_missing",
      `文件第一行缺少这些列：${missing.map((f) => FIELD_LABELS[f]).join("、")}。第一行应为：姓名、身份证号、村、风险类型、备注（可加联系电话）`,
    );
  }
  return map;
}

/** The villages the actor may file alerts for, by code and by the ways their name is written. */
async function villageDirectory(deps: Deps, actor: Actor) {
  const scope = actor.role === "admin" ? null : actor.areaCode && (actor.role === "department" ? countyOf(actor.areaCode) : actor.areaCode);
  const qb = deps.db.getRepository(AreaEntity).createQueryBuilder("a").where("a.level = :level", { level: "village" });
  if (scope) {
    const [low, high] = areaRange(scope);
    qb.andWhere("a.code BETWEEN :low AND :high", { low, high });
  }
  const villages = await qb.getMany();
  const byCode = new Map<string, Area>(villages.map((v) => [v.code, v]));
  const byName = new Map<string, Area[]>();
  for (const v of villages) for (const key of villageKeys(v.name)) byName.set(key, [...(byName.get(key) ?? []), v]);
  return { byCode, byName, inScope: (code: string) => (scope ? canSeeArea({ ...actor, areaCode: scope }, code) : true) };
}

/**
 * The check of one list's rows below its heading (at `headerIndex` of the table): gives a row's
 * result from its cells and its index in the table, null for an empty row.
 */
async function listChecker(deps: Deps, actor: Actor, header: string[], headerIndex: number): Promise<(cells: string[], index: number) => CheckedRow | null> {
  const columns = headingMap(header);
  const directory = await villageDirectory(deps, actor);
  const now = deps.clock.now();
  return (cells, index) => {
    if (index - headerIndex > MAX_ALERT_ROWS) throw badRequest("alert_file_too_many_rows", `一次最多上传${MAX_ALERT_ROWS}行，请分成几个文件`);
    if (cells.every((c) => c === "")) return null;
    const get = (f: Field) => (columns.has(f) ? (cells[columns.get(f)!] ?? "").trim() : "");
    const errors: string[] = [];

    const idNumber = get("idNumber").toUpperCase();
    const idProblem = idNumber ? idNumberProblem(idNumber, now) : null;
    if (idProblem)
      errors.push(/E\+/.test(idNumber) ? "身份证号被Excel存成了数字，后几位已经丢失：请把这一列设为“文本”后重新填写" : ID_NUMBER_MESSAGES[idProblem]);

    const villageText = get("village");
    let village: Area | null = null;
    if (!villageText) errors.push("村没有填");
    else if (isAreaCode(villageText)) {
      village = directory.byCode.get(villageText) ?? null;
      if (!village)
        errors.push(directory.inScope(villageText) ? `村代码${villageText}不是一个村，请填写12位村级区划代码` : `村代码${villageText}不在您负责的区域内`);
    } else {
      const found = directory.byName.get(villageText.replace(/\s/g, "")) ?? [];
      const distinct = [...new Map(found.map((v) => [v.code, v])).values()];
      if (distinct.length === 1) village = distinct[0];
      else if (distinct.length === 0) errors.push(`没有找到“${villageText}”这个村，请核对村名或改填12位村代码`);
      else errors.push(`有${distinct.length}个村都叫“${villageText}”，请改填12位村代码`);
    }

    const riskWords = get("riskTypes")
      .split(/[、,，;；/\s]+/)
      .filter(Boolean);
    const riskTypes: RiskTypeCode[] = [];
    for (const word of riskWords) {
      const code = RISK_BY_WORD.get(word) ?? RISK_BY_WORD.get(word.toLowerCase());
      if (!code) errors.push(`风险类型“${word}”不认识，可填：${RISK_TYPES.map((t) => t.label).join("、")}`);
      else if (!riskTypes.includes(code)) riskTypes.push(code);
    }

    const phone = get("phone").replace(/[\s-]/g, "");
    const parsed = AlertRowSchema.safeParse({
      villageCode: village?.code ?? "",
      riskTypes,
      description: get("note"),
      household: { name: get("name"), phone, idNumber },
      relation: "department",
      channel: "department",
      // the household has not signed the authorisation yet; the village collects it at the visit
      consent: { given: false, textVersion: "department-alert" },
    });
    const unknownRisk = riskTypes.length < riskWords.length;
    for (const issue of parsed.error?.issues ?? []) {
      // the village and the risk words were explained above, in a list's own terms
      if (issue.path[0] === "villageCode" || (issue.path[0] === "riskTypes" && unknownRisk)) continue;
      if (!errors.includes(issue.message)) errors.push(issue.message);
    }
    const input = parsed.success && errors.length === 0 ? parsed.data : undefined;

    const result: AlertRowResult = {
      row: index + 1,
      ok: input !== undefined,
      errors,
      normalized: {
        name: get("name"),
        idNumber: idNumber && !idProblem ? maskIdNumber(idNumber) : idNumber ? "（有误）" : "",
        village: village ? { code: village.code, name: village.name } : null,
        riskTypes,
        riskTypeLabels: riskTypes.map(riskTypeLabel),
        note: get("note"),
        phone: phone ? maskPhone(phone) : "",
      },
    };
    return { result, input: input && { report: input, village: village! } };
  };
}

/**
 * Reads an alert list a page of ALERT_CHUNK_ROWS at a time and checks each row as it comes:
 * nothing is written, and no more than a page is held. A limit the file breaks (rows, columns)
 * is met when the read reaches it, after the pages before it.
 */
export async function* checkedAlertPages(deps: Deps, actor: Actor, file: Uint8Array): AsyncGenerator<CheckedRow[]> {
  let check: ((cells: string[], index: number) => CheckedRow | null) | null = null;
  let index = 0;
  for await (const page of readTablePages(file, ALERT_CHUNK_ROWS)) {
    const checked: CheckedRow[] = [];
    for (const cells of page) {
      const at = index++;
      if (check) {
        const row = check(cells, at);
        if (row) checked.push(row);
      } else if (cells.some((c) => c !== "")) check = await listChecker(deps, actor, cells, at);
    }
    yield checked;
  }
  if (!check) throw badRequest("alert_file_empty", "文件里没有内容");
}

function mayUpload(actor: Actor): void {
  if (!ALERT_UPLOADER_ROLES.includes(actor.role)) throw new AppError(403, "role_forbidden", "只有县农业农村局和行业部门可以导入部门预警");
}

/** The batch key of an uploaded file: its sha256. */
export const alertFileHash = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Reads an uploaded alert list and checks every row; nothing is saved. */
export async function previewAlerts(deps: Deps, actor: Actor, file: Uint8Array) {
  mayUpload(actor);
  const rows: AlertRowResult[] = [];
  for await (const page of checkedAlertPages(deps, actor, file)) for (const c of page) rows.push(c.result);
  return { fileHash: alertFileHash(file), total: rows.length, ok: rows.filter((r) => r.ok).length, bad: rows.filter((r) => !r.ok).length, rows };
}

/** Rows filed in one transaction: a chunk's reports and their audit records commit together or not at all. */
export const ALERT_CHUNK_ROWS = 500;

/** An alert list being committed: its batch, and which commit of the list this is (a row records the commit that filed it). */
export interface AlertCommitPlan {
  batchId: string;
  fileHash: string;
  commitNo: number;
  /** Every row of the file is checked and written already (an earlier commit did it): this commit only files. */
  checked: boolean;
}

export type AlertRowOutcome = { row: number; outcome: "created" | "already_there" | "merged"; number: string; village: { code: string; name: string } };

/**
 * Opens the list's batch (the department's, for 结果反馈 and its lane), or finds the one an
 * earlier commit of the same file began: filing continues after the rows that one filed.
 */
export async function openAlertBatch(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  upload: { fileHash: string; fileName: string | null },
): Promise<AlertCommitPlan> {
  mayUpload(actor);
  const batch = await openBatch(tx, {
    department: actor.role === "department" ? (actor.department ?? null) : null,
    areaCode: actor.areaCode,
    uploadedBy: actor.accountId,
    fileHash: upload.fileHash,
    fileName: upload.fileName,
    uploadedAt: deps.clock.now(),
  });
  return { batchId: batch.id, fileHash: batch.fileHash, commitNo: batch.commits, checked: batch.checkedAt !== null };
}

/**
 * Writes a page of checked rows to the batch, audited: a good row with its report sealed (it holds
 * the numbers in full) until it is filed, a refused row with what was wrong (numbers masked).
 */
export async function stageAlertRows(deps: Deps, tx: EntityManager, actor: Actor, plan: AlertCommitPlan, page: readonly CheckedRow[]): Promise<void> {
  if (page.length === 0) return;
  await writeBatchRows(
    tx,
    page.map(({ result, input }) => ({
      batchId: plan.batchId,
      rowNo: result.row,
      outcome: input ? "pending" : "skipped",
      villageCode: result.normalized.village?.code ?? null,
      reportId: null,
      commitNo: null,
      sealedInput: input ? deps.crypto.encrypt(JSON.stringify(input)) : null,
      problems: input ? null : JSON.stringify(result),
    })),
  );
  await recordAudit(tx, {
    at: deps.clock.now(),
    actorId: actor.accountId,
    action: "department_alerts.rows_checked",
    subjectType: "file",
    subjectId: plan.fileHash,
    detail: { batchId: plan.batchId, rows: [page[0].result.row, page[page.length - 1].result.row], bad: page.filter((c) => !c.input).length },
  });
}

/** Every row of the list is checked and written: its good rows are counted, and the check is audited. */
export async function finishAlertCheck(deps: Deps, tx: EntityManager, actor: Actor, plan: AlertCommitPlan): Promise<void> {
  const now = deps.clock.now();
  await markBatchChecked(tx, plan.batchId, now);
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "department_alerts.checked",
    subjectType: "file",
    subjectId: plan.fileHash,
    detail: { batchId: plan.batchId },
  });
}

/** The file was refused part-way (a limit, an unreadable part): the rows written so far are forgotten, and so is the batch if nothing of it was filed. */
export async function abandonAlertCheck(deps: Deps, tx: EntityManager, actor: Actor, plan: AlertCommitPlan): Promise<void> {
  await discardUncheckedRows(tx, plan.batchId);
  await recordAudit(tx, {
    at: deps.clock.now(),
    actorId: actor.accountId,
    action: "department_alerts.check_abandoned",
    subjectType: "file",
    subjectId: plan.fileHash,
    detail: { batchId: plan.batchId },
  });
}

/** The next chunk to file, as a range of the batch's good rows by count; null when every good row is filed. */
export async function nextAlertChunk(tx: EntityManager, plan: AlertCommitPlan): Promise<{ from: number; to: number } | null> {
  const batch = await tx.getRepository(AlertBatchEntity).findOneByOrFail({ id: plan.batchId });
  if (batch.rowsCommitted >= batch.rowsTotal) return null;
  return { from: batch.rowsCommitted, to: Math.min(batch.rowsCommitted + ALERT_CHUNK_ROWS, batch.rowsTotal) };
}

/** The chunk's rows, as checked: the first `count` rows of the batch still to file, their reports unsealed. */
async function pendingAlertRows(
  deps: Deps,
  tx: EntityManager,
  plan: AlertCommitPlan,
  count: number,
): Promise<Array<{ row: number } & NonNullable<CheckedRow["input"]>>> {
  const rows = await pendingBatchRows(tx, plan.batchId, count);
  if (rows.length !== count) throw new Error(`alert batch ${plan.batchId}: ${count} rows to file, ${rows.length} waiting`);
  return rows.map((r) => ({ row: r.rowNo, ...(JSON.parse(deps.crypto.decrypt(r.sealedInput!)) as NonNullable<CheckedRow["input"]>) }));
}

/**
 * Files one chunk of the batch's good rows (read from its row table) as reports in their villages'
 * queues (channel "department", the same 5-day clock), in the caller's transaction, records on
 * each row the report it filed or joined, and moves the batch's count past them. The
 * count moves only from where this chunk starts: a second commit of the same file running at
 * once finds it moved and stops, so no row is filed twice.
 */
export async function commitAlertChunk(
  deps: Deps,
  tx: EntityManager,
  actor: Actor,
  plan: AlertCommitPlan,
  chunk: { from: number; to: number },
): Promise<AlertRowOutcome[]> {
  const now = deps.clock.now();
  const moved = await moveBatchCommitted(tx, plan.batchId, chunk.from, chunk.to);
  if (!moved) throw conflict("alert_batch_busy", "这份名单正在导入，请稍后刷新申报列表查看结果");
  const rows = await pendingAlertRows(deps, tx, plan, chunk.to - chunk.from);
  const receipts = await fileRows(deps, tx, actor, rows);
  const outcomes: AlertRowOutcome[] = [];
  const filedRows: FiledRow[] = [];
  for (const [i, receipt] of receipts.entries()) {
    const outcome = receipt.duplicateOf ? "merged" : "created";
    // staff are always told which report a row became: a new one, or the household's open one
    const filed = receipt.duplicateOf ?? { id: receipt.id!, number: receipt.number! };
    outcomes.push({ row: rows[i].row, outcome, number: filed.number, village: receipt.village });
    filedRows.push({ rowNo: rows[i].row, outcome, reportId: filed.id, villageCode: receipt.village.code });
  }
  // the batch's rows name their reports in the same transaction: the department sees them as soon as they are filed
  await recordFiledRows(tx, plan.batchId, plan.commitNo, filedRows);
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "department_alerts.chunk_committed",
    subjectType: "file",
    subjectId: plan.fileHash,
    detail: { rows: [outcomes[0].row, outcomes[outcomes.length - 1].row], created: outcomes.filter((o) => o.outcome === "created").length },
  });
  return outcomes;
}

/**
 * The chunk's rows in one intake, in a savepoint: should a report number be drawn twice after all
 * (another intake took it since it was checked), the chunk's reports are drawn again.
 */
async function fileRows(deps: Deps, tx: EntityManager, actor: Actor, rows: ReadonlyArray<{ report: AlertRowInput; village: { code: string; name: string } }>) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await tx.transaction((inner) =>
        intakeMany(
          deps,
          inner,
          actor,
          rows.map(({ report, village }) => ({ input: report, village })),
        ),
      );
    } catch (err) {
      // a list of 10 000 draws as many numbers in one day: near its end one draw in ten clashes, so three tries are not enough
      if (!isUniqueViolation(err) || attempt >= 8) throw err;
    }
  }
}

/**
 * Closes the batch once every chunk is filed: the summary counts rows filed by an earlier commit
 * of the same file as already there, and the commit is audited. The rows themselves are read
 * page by page (`alertCommitRows`, `alertSkippedRows`).
 */
export async function closeAlertBatch(deps: Deps, tx: EntityManager, actor: Actor, plan: AlertCommitPlan) {
  const now = deps.clock.now();
  await finishBatch(tx, plan.batchId, now);
  const counts = await commitCounts(tx, plan.batchId, plan.commitNo);
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "department_alerts.committed",
    subjectType: "file",
    subjectId: plan.fileHash,
    detail: { batchId: plan.batchId, ...counts },
  });
  return {
    fileHash: plan.fileHash,
    ...counts,
    message: `新建${counts.created}条，已存在${counts.alreadyThere}条，并入已有申报${counts.merged}条，有误未导入${counts.skipped}条`,
  };
}

/** What each filed row of the list became, in file order, a page at a time: rows an earlier commit filed are already there. */
export async function* alertCommitRows(deps: Deps, plan: AlertCommitPlan): AsyncGenerator<AlertRowOutcome[]> {
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const page = await filedRowPage(deps.db, plan.batchId, after, ALERT_CHUNK_ROWS);
    if (page.length === 0) return;
    after = page[page.length - 1].rowNo;
    yield page.map((r) => ({ row: r.rowNo, outcome: r.commitNo === plan.commitNo ? r.outcome : "already_there", number: r.number, village: r.village }));
  }
}

/** The rows the check refused, with what was wrong (numbers masked), in file order, a page at a time. */
export async function* alertSkippedRows(deps: Deps, plan: AlertCommitPlan): AsyncGenerator<AlertRowResult[]> {
  for (let after = Number.MIN_SAFE_INTEGER; ;) {
    const page = await skippedRowPage(deps.db, plan.batchId, after, ALERT_CHUNK_ROWS);
    if (page.length === 0) return;
    after = page[page.length - 1].rowNo;
    yield page.map((r) => JSON.parse(r.problems!) as AlertRowResult);
  }
}

/** Short names of the opinion kinds for the 结果反馈 table. */
const OPINION_SHORT: Record<(typeof OPINION_KINDS)[number], string> = {
  propose_monitoring: "拟纳入监测",
  not_eligible: "不符合条件",
  already_assisted: "已落实帮扶",
  transferred: "转交部门",
  duplicate: "重复申报",
};

/**
 * What became of the reports each uploaded alert list raised (结果反馈, seed 003): how many were
 * accepted, answered, and by which opinion. A department sees its own lists; the county those of
 * its area. Counts only: no household is named.
 */
export async function alertBatchResults(deps: Deps, actor: Actor) {
  mayUpload(actor);
  const scope = actor.role === "department" ? { department: actor.department ?? "" } : { areaCode: actor.role === "admin" ? null : actor.areaCode };
  const results = await batchResults(deps.db, scope);
  return {
    items: results.map((r) => ({
      id: r.batch.id,
      fileName: r.batch.fileName,
      department: r.batch.department,
      departmentLabel: r.batch.department ? (DEPARTMENT_LABELS[r.batch.department as Department] ?? r.batch.department) : null,
      uploadedAt: r.batch.uploadedAt.toISOString(),
      reports: r.reports,
      accepted: r.accepted,
      answered: r.answered,
      byOpinion: OPINION_KINDS.filter((k) => r.byOpinion[k]).map((kind) => ({
        kind,
        label: OPINION_SHORT[kind],
        title: OPINION_LABELS[kind],
        count: r.byOpinion[kind]!,
      })),
    })),
  };
}
