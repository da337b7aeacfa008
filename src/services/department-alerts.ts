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
import { In, type EntityManager } from "typeorm";
import { DepartmentAlertBatchEntity, DepartmentAlertRowEntity, type DepartmentAlertRow } from "../db/entities/department-alert-batch.js";
import { isUniqueViolation } from "../db/unique-violation.js";
import { insertRows } from "../db/insert-rows.js";
import { AlertRowSchema, type AlertRowInput } from "../contracts/department-alerts.js";
import { readTable, type Table } from "../formats/sheet-upload.js";
import { SHEET_LIMITS } from "../formats/sheet-limits.js";
import { areaRange } from "../repositories/reports.js";
import { ReportEntity } from "../db/entities/report.js";
import { recordAudit } from "../repositories/audit.js";
import { batchOfUpload, batchResults, linkBatchReports } from "../repositories/alert-batches.js";
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

interface CheckedRow {
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

async function checkRows(deps: Deps, actor: Actor, table: Table): Promise<CheckedRow[]> {
  const headerIndex = table.findIndex((r) => r.some((c) => c !== ""));
  if (headerIndex < 0) throw badRequest("alert_file_empty", "文件里没有内容");
  const columns = headingMap(table[headerIndex]);
  const body = table.slice(headerIndex + 1);
  if (body.length > MAX_ALERT_ROWS) throw badRequest("alert_file_too_many_rows", `一次最多上传${MAX_ALERT_ROWS}行，请分成几个文件`);
  const directory = await villageDirectory(deps, actor);
  const now = deps.clock.now();
  const checked: CheckedRow[] = [];

  body.forEach((cells, i) => {
    if (cells.every((c) => c === "")) return;
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
      row: headerIndex + i + 2,
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
    checked.push({ result, input: input && { report: input, village: village! } });
  });
  return checked;
}

function mayUpload(actor: Actor): void {
  if (!ALERT_UPLOADER_ROLES.includes(actor.role)) throw new AppError(403, "role_forbidden", "只有县农业农村局和行业部门可以导入部门预警");
}

const fileHashOf = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Reads an uploaded alert list and checks every row; nothing is saved. */
export async function previewAlerts(deps: Deps, actor: Actor, file: Uint8Array) {
  mayUpload(actor);
  const rows = (await checkRows(deps, actor, await readTable(file))).map((c) => c.result);
  return { fileHash: fileHashOf(file), total: rows.length, ok: rows.filter((r) => r.ok).length, bad: rows.filter((r) => !r.ok).length, rows };
}

/** Rows filed in one transaction: a chunk's reports and their audit records commit together or not at all. */
export const ALERT_CHUNK_ROWS = 500;

/** A checked alert list about to be filed: its batch key and its good rows in file order. */
export interface AlertCommitPlan {
  fileHash: string;
  fileName: string | null;
  checked: CheckedRow[];
  good: Array<{ row: number; report: AlertRowInput; village: { code: string; name: string } }>;
}

export type AlertRowOutcome = { row: number; outcome: "created" | "already_there" | "merged"; number: string; village: { code: string; name: string } };

/** Reads and checks an alert list to be filed; nothing is written yet. */
export async function planAlertCommit(deps: Deps, actor: Actor, file: Uint8Array, fileName: string | null = null): Promise<AlertCommitPlan> {
  mayUpload(actor);
  const checked = await checkRows(deps, actor, await readTable(file));
  const good = checked.flatMap(({ result, input }) => (input ? [{ row: result.row, ...input }] : []));
  return { fileHash: fileHashOf(file), fileName, checked, good };
}

const batchKey = (actor: Actor, plan: AlertCommitPlan) => ({ accountId: actor.accountId, fileHash: plan.fileHash });

/** The list as its department's batch (结果反馈, and the department's lane): the same file again is the same batch. */
const laneBatchOf = (deps: Deps, tx: EntityManager, actor: Actor, plan: AlertCommitPlan) =>
  batchOfUpload(tx, {
    department: actor.role === "department" ? (actor.department ?? null) : null,
    areaCode: actor.areaCode,
    uploadedBy: actor.accountId,
    fileHash: plan.fileHash,
    fileName: plan.fileName,
    uploadedAt: deps.clock.now(),
  });

/**
 * Opens the list's batch, or finds the one an earlier commit of the same file began. Returns
 * how many good rows are committed already: filing continues after them.
 */
export async function openAlertBatch(deps: Deps, tx: EntityManager, actor: Actor, plan: AlertCommitPlan): Promise<number> {
  const now = deps.clock.now();
  // a second commit of the same new file at the same moment finds the first one's batch, not an error
  await tx
    .createQueryBuilder()
    .insert()
    .into(DepartmentAlertBatchEntity)
    .values({ ...batchKey(actor, plan), rowsTotal: plan.good.length, rowsCommitted: 0, createdAt: now, updatedAt: now, finishedAt: null })
    .orIgnore()
    .execute();
  const batch = await tx.getRepository(DepartmentAlertBatchEntity).findOneByOrFail(batchKey(actor, plan));
  return batch.rowsCommitted;
}

/** The chunks still to file after `committed` good rows: each a slice of the plan's good rows. */
export function alertChunks(plan: AlertCommitPlan, committed: number): Array<{ from: number; to: number }> {
  const chunks: Array<{ from: number; to: number }> = [];
  for (let from = committed; from < plan.good.length; from += ALERT_CHUNK_ROWS) chunks.push({ from, to: Math.min(from + ALERT_CHUNK_ROWS, plan.good.length) });
  return chunks;
}

/**
 * Files one chunk of good rows as reports in their villages' queues (channel "department", the
 * same 5-day clock), in the caller's transaction, and moves the batch's count past them. The
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
  const moved = await tx
    .getRepository(DepartmentAlertBatchEntity)
    .update({ ...batchKey(actor, plan), rowsCommitted: chunk.from }, { rowsCommitted: chunk.to, updatedAt: now });
  if (!moved.affected) throw conflict("alert_batch_busy", "这份名单正在导入，请稍后刷新申报列表查看结果");
  const rows = plan.good.slice(chunk.from, chunk.to);
  const receipts = await fileRows(deps, tx, actor, rows);
  const outcomes: AlertRowOutcome[] = [];
  const filedRows: DepartmentAlertRow[] = [];
  for (const [i, receipt] of receipts.entries()) {
    const outcome = receipt.duplicateOf ? "merged" : "created";
    // staff are always told which report a row became: a new one, or the household's open one
    const filed = receipt.duplicateOf ?? { id: receipt.id!, number: receipt.number! };
    outcomes.push({ row: rows[i].row, outcome, number: filed.number, village: receipt.village });
    filedRows.push({ ...batchKey(actor, plan), rowNo: rows[i].row, reportId: filed.id, outcome });
  }
  await insertRows(tx, DepartmentAlertRowEntity, filedRows);
  const reportIds = filedRows.map((r) => r.reportId);
  // the department's batch links the chunk's reports in the same transaction: the department sees them as soon as they are filed
  await linkBatchReports(tx, (await laneBatchOf(deps, tx, actor, plan)).id, reportIds);
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "department_alerts.chunk_committed",
    subjectType: "file",
    subjectId: plan.fileHash,
    detail: { rows: [plan.good[chunk.from].row, plan.good[chunk.to - 1].row], created: outcomes.filter((o) => o.outcome === "created").length },
  });
  return outcomes;
}

/**
 * The chunk's rows in one intake, in a savepoint: should a report number be drawn twice after all
 * (another intake took it since it was checked), the chunk's reports are drawn again.
 */
async function fileRows(deps: Deps, tx: EntityManager, actor: Actor, rows: AlertCommitPlan["good"]) {
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
      if (!isUniqueViolation(err) || attempt >= 3) throw err;
    }
  }
}

/** The numbers of reports by id, read a chunk at a time. */
async function reportNumbers(tx: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  const numbers = new Map<string, string>();
  for (let i = 0; i < ids.length; i += ALERT_CHUNK_ROWS) {
    const rows = await tx.getRepository(ReportEntity).find({ where: { id: In(ids.slice(i, i + ALERT_CHUNK_ROWS)) }, select: { id: true, number: true } });
    for (const r of rows) numbers.set(r.id, r.number);
  }
  return numbers;
}

/**
 * Closes the batch once every chunk is filed: the summary counts rows filed by an earlier commit
 * of the same file as already there, and the commit is audited.
 */
export async function closeAlertBatch(deps: Deps, tx: EntityManager, actor: Actor, plan: AlertCommitPlan, filed: readonly AlertRowOutcome[]) {
  const now = deps.clock.now();
  const fresh = new Set(filed.map((o) => o.row));
  const earlier = (await tx.getRepository(DepartmentAlertRowEntity).findBy(batchKey(actor, plan))).filter((r) => !fresh.has(r.rowNo));
  const numbers = await reportNumbers(
    tx,
    earlier.map((r) => r.reportId),
  );
  const villageOf = new Map(plan.good.map((g) => [g.row, g.village]));
  const outcomes: AlertRowOutcome[] = [
    ...earlier.map((r) => ({ row: r.rowNo, outcome: "already_there" as const, number: numbers.get(r.reportId) ?? "", village: villageOf.get(r.rowNo)! })),
    ...filed,
  ].sort((a, b) => a.row - b.row);
  await tx.getRepository(DepartmentAlertBatchEntity).update(batchKey(actor, plan), { finishedAt: now, updatedAt: now });
  const summary = {
    fileHash: plan.fileHash,
    created: outcomes.filter((o) => o.outcome === "created").length,
    alreadyThere: outcomes.filter((o) => o.outcome === "already_there").length,
    merged: outcomes.filter((o) => o.outcome === "merged").length,
    skipped: plan.checked.filter((c) => !c.input).map((c) => c.result),
  };
  await recordAudit(tx, {
    at: now,
    actorId: actor.accountId,
    action: "department_alerts.committed",
    subjectType: "file",
    subjectId: plan.fileHash,
    detail: {
      batchId: (await laneBatchOf(deps, tx, actor, plan)).id,
      created: summary.created,
      alreadyThere: summary.alreadyThere,
      merged: summary.merged,
      skipped: summary.skipped.length,
    },
  });
  return {
    ...summary,
    rows: outcomes,
    message: `新建${summary.created}条，已存在${summary.alreadyThere}条，并入已有申报${summary.merged}条，有误未导入${summary.skipped.length}条`,
  };
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
