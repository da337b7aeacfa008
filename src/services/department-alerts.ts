import { createHash } from "node:crypto";
import type { Actor } from "../domain/access.js";
import { canSeeArea } from "../domain/access.js";
import { countyOf, isAreaCode } from "../domain/area-code.js";
import { ID_NUMBER_MESSAGES, idNumberProblem } from "../domain/id-number.js";
import { isMobilePhone, maskIdNumber, maskPhone } from "../domain/masking.js";
import { RISK_TYPES, riskTypeLabel, type RiskTypeCode } from "../domain/risk-types.js";
import { AppError, badRequest } from "../errors.js";
import { AreaEntity, type Area } from "../db/entities/area.js";
import { inTransaction } from "../db/transaction.js";
import { readTable, type Table } from "../formats/sheet-upload.js";
import { SHEET_LIMITS } from "../formats/sheet-limits.js";
import { areaRange } from "../repositories/reports.js";
import { recordAudit } from "../repositories/audit.js";
import { batchOfUpload, batchResults, linkBatchReports } from "../repositories/alert-batches.js";
import { OPINION_KINDS, OPINION_LABELS } from "../domain/report/lifecycle.js";
import { DEPARTMENT_LABELS, type Department } from "../domain/roles.js";
import type { Deps } from "./deps.js";
import { submitReport } from "./report-service.js";

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
  /** Unmasked values, kept on the server, never returned. */
  input?: { name: string; idNumber: string; villageCode: string; riskTypes: RiskTypeCode[]; note: string; phone: string };
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

    const name = get("name");
    if (!name) errors.push("姓名没有填");
    else if (name.length > 32) errors.push("姓名太长了（最多32个字）");

    const idNumber = get("idNumber").toUpperCase();
    if (!idNumber) errors.push("身份证号没有填");
    else {
      const problem = idNumberProblem(idNumber, now);
      if (problem)
        errors.push(/E\+/.test(idNumber) ? "身份证号被Excel存成了数字，后几位已经丢失：请把这一列设为“文本”后重新填写" : ID_NUMBER_MESSAGES[problem]);
    }

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
    if (riskWords.length === 0) errors.push("风险类型没有填");
    for (const word of riskWords) {
      const code = RISK_BY_WORD.get(word) ?? RISK_BY_WORD.get(word.toLowerCase());
      if (!code) errors.push(`风险类型“${word}”不认识，可填：${RISK_TYPES.map((t) => t.label).join("、")}`);
      else if (!riskTypes.includes(code)) riskTypes.push(code);
    }

    const note = get("note");
    if (note.length > 500) errors.push("备注太长了（最多500个字）");
    const phone = get("phone").replace(/[\s-]/g, "");
    if (phone && !isMobilePhone(phone)) errors.push("联系电话应为11位手机号");

    const result: AlertRowResult = {
      row: headerIndex + i + 2,
      ok: errors.length === 0,
      errors,
      normalized: {
        name,
        idNumber: idNumber && !idNumberProblem(idNumber, now) ? maskIdNumber(idNumber) : idNumber ? "（有误）" : "",
        village: village ? { code: village.code, name: village.name } : null,
        riskTypes,
        riskTypeLabels: riskTypes.map(riskTypeLabel),
        note,
        phone: phone ? maskPhone(phone) : "",
      },
    };
    checked.push({ result, input: result.ok ? { name, idNumber, villageCode: village!.code, riskTypes, note, phone } : undefined });
  });
  return checked;
}

function mayUpload(actor: Actor): void {
  if (!["department", "county", "admin"].includes(actor.role)) throw new AppError(403, "role_forbidden", "只有县农业农村局和行业部门可以导入部门预警");
}

const fileHashOf = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/** Reads an uploaded alert list and checks every row; nothing is saved. */
export async function previewAlerts(deps: Deps, actor: Actor, file: Uint8Array) {
  mayUpload(actor);
  const rows = (await checkRows(deps, actor, await readTable(file))).map((c) => c.result);
  return { fileHash: fileHashOf(file), total: rows.length, ok: rows.filter((r) => r.ok).length, bad: rows.filter((r) => !r.ok).length, rows };
}

/**
 * Files every good row of an alert list as a report in its village's queue (channel
 * "department", the same 5-day clock). Each row's idempotency key comes from the file's
 * hash and the row's person, village and risks, so the same file uploaded again creates nothing.
 */
export async function commitAlerts(deps: Deps, actor: Actor, file: Uint8Array, fileName: string | null = null) {
  mayUpload(actor);
  const fileHash = fileHashOf(file);
  const checked = await checkRows(deps, actor, await readTable(file));
  const outcomes: Array<{
    row: number;
    outcome: "created" | "already_there" | "merged";
    number: string;
    village: { code: string; name: string };
    reportId: string;
  }> = [];
  for (const { result, input } of checked) {
    if (!input) continue;
    const key = `dept-alert:${createHash("sha256")
      .update([fileHash, input.idNumber, input.villageCode, input.riskTypes.join(",")].join("|"))
      .digest("hex")
      .slice(0, 48)}`;
    const { receipt, replayed } = await submitReport(
      deps,
      actor,
      {
        villageCode: input.villageCode,
        riskTypes: input.riskTypes,
        description: input.note,
        household: { name: input.name, phone: input.phone, idNumber: input.idNumber },
        relation: "department",
        channel: "department",
        // the household has not signed the authorisation yet; the village collects it at the visit
        consent: { given: false, textVersion: "department-alert" },
      },
      key,
    );
    const outcome = replayed ? "already_there" : receipt.duplicateOf ? "merged" : "created";
    outcomes.push({
      row: result.row,
      outcome,
      number: receipt.duplicateOf?.number ?? receipt.number,
      village: receipt.village,
      reportId: receipt.duplicateOf?.id ?? receipt.id,
    });
  }
  const summary = {
    fileHash,
    created: outcomes.filter((o) => o.outcome === "created").length,
    alreadyThere: outcomes.filter((o) => o.outcome === "already_there").length,
    merged: outcomes.filter((o) => o.outcome === "merged").length,
    skipped: checked.filter((c) => !c.input).map((c) => c.result),
  };
  const now = deps.clock.now();
  // the batch links its reports to the department, which then sees them and follows their results
  await inTransaction(deps.db, async (tx) => {
    const batch = await batchOfUpload(tx, {
      department: actor.role === "department" ? (actor.department ?? null) : null,
      areaCode: actor.areaCode,
      uploadedBy: actor.accountId,
      fileHash,
      fileName,
      uploadedAt: now,
    });
    await linkBatchReports(
      tx,
      batch.id,
      outcomes.map((o) => o.reportId),
    );
    await recordAudit(tx, {
      at: now,
      actorId: actor.accountId,
      action: "department_alerts.committed",
      subjectType: "file",
      subjectId: fileHash,
      detail: { batchId: batch.id, created: summary.created, alreadyThere: summary.alreadyThere, merged: summary.merged, skipped: summary.skipped.length },
    });
  });
  return {
    ...summary,
    rows: outcomes.map(({ reportId: _id, ...o }) => o),
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
