import type { Actor } from "../domain/access.js";
import type { AskResult } from "../domain/policy/answer-engine.js";
import { hardshipsIn } from "../domain/policy/hardship.js";
import type { RiskTypeCode } from "../domain/risk-types.js";
import { AreaEntity } from "../db/entities/area.js";
import { checkPolicySheet, type Audience, type PolicySheetContent } from "../domain/policy/policy-sheet.js";
import { canPublishPolicy } from "../domain/policy/publish-rule.js";
import { appliesTo, askerRegion, regionName } from "../domain/policy/region.js";
import type { EntityManager } from "typeorm";
import { badRequest, conflict, forbidden, notFound } from "../errors.js";
import { recordAudit } from "../repositories/audit.js";
import { findPolicySheet, insertPolicyVersion, latestPolicyVersion, type PolicySheetRecord } from "../repositories/policy-sheets.js";
import type { Deps } from "./deps.js";
import type { PolicyLibrary } from "./policy-library.js";

/** What a list shows of a sheet. */
export interface PolicySummary {
  id: string;
  title: string;
  audience: Audience[];
  region: string;
  regionName: string;
  source: string;
  year: number;
  version: number;
  publishedAt: Date;
}

/** A sheet as households read it. */
export type PolicyView = Omit<PolicySheetRecord, "publishedBy"> & { regionName: string };

/** What a county writes when it creates or re-publishes a sheet. */
export type PolicyDraft = Omit<PolicySheetContent, "id" | "version" | "keywords"> & { keywords?: string[] };

function library(deps: Deps): PolicyLibrary {
  if (!deps.policies) throw new Error("policy library not wired: startSystem builds it");
  return deps.policies;
}

const summary = (s: PolicySheetRecord): PolicySummary => ({
  id: s.id,
  title: s.title,
  audience: s.audience,
  region: s.region,
  regionName: regionName(s.region),
  source: s.source,
  year: s.year,
  version: s.version,
  publishedAt: s.publishedAt,
});

const view = ({ publishedBy: _by, ...s }: PolicySheetRecord): PolicyView => ({ ...s, regionName: regionName(s.region) });

function regionOrThrow(region: string | undefined) {
  if (region === undefined) return null;
  const r = askerRegion(region);
  if (!r) throw badRequest("bad_region", "地区应为省、县或村的区划代码，例如 23、231226");
  return r;
}

/** The current sheets that apply to a region (national ones included) and an audience. */
export function listPolicies(deps: Deps, filter: { region?: string; audience?: Audience }): PolicySummary[] {
  const region = regionOrThrow(filter.region);
  return library(deps)
    .list()
    .filter((s) => appliesTo(s.region, region) && (!filter.audience || s.audience.includes(filter.audience)))
    .map(summary);
}

/** One sheet: the current version, or an older one by number. */
export async function getPolicy(deps: Deps, id: string, version?: number): Promise<PolicyView> {
  const sheet = version === undefined ? library(deps).get(id) : await findPolicySheet(deps.db, id, version);
  if (!sheet) throw notFound("policy_not_found", version === undefined ? "没有这张明白纸" : "这张明白纸没有这个版本");
  return view(sheet);
}

/** Answers from the in-memory index alone (the engine, for tools); households go through `answerQuestion`. */
export function askPolicy(deps: Deps, question: string, region?: string): AskResult {
  return library(deps).ask(question, regionOrThrow(region));
}

/** A county a household may pick when its region is not known yet. */
export interface CountyChoice {
  code: string;
  name: string;
}

/** The answer to a household's question, the same for the bot, the mini-program and the API. */
export interface QuestionAnswer extends AskResult {
  /** Hardships of the asker's own household the question tells of: the channel offers to report them. */
  hardship: RiskTypeCode[];
  /** No region given: figures differ by province, so the asker is asked to choose a county first. */
  regionNeeded: { message: string; counties: CountyChoice[] } | null;
}

export const REGION_NEEDED_TEXT = "各地的补助标准不一样，请先选择您所在的县（区），我再按当地的政策回答。";

/** The counties whose villages yijian knows, for a household to choose from. */
export async function countyChoices(deps: Deps): Promise<CountyChoice[]> {
  const rows = await deps.db.getRepository(AreaEntity).find({ where: { level: "county" }, order: { code: "ASC" } });
  return rows.map((a) => ({ code: a.code.slice(0, 6), name: a.name }));
}

/**
 * The one answer pipeline of every channel: the asker's region (any division code: the
 * village, the county or the province), the engine's answer for it, and the hardship the
 * question tells of. Without a region no province's figure is given: the asker chooses first.
 */
export async function answerQuestion(deps: Deps, question: string, region: string | null | undefined): Promise<QuestionAnswer> {
  const hardship = hardshipsIn(question);
  let asker = region;
  if (!asker) {
    // "绥棱县危房补多少": the county named in the question is the asker's.
    const counties = await countyChoices(deps);
    asker = countyNamedIn(question, counties);
    if (!asker) return { answers: [], confident: false, hardship, regionNeeded: { message: REGION_NEEDED_TEXT, counties } };
  }
  return { ...library(deps).ask(question, regionOrThrow(asker)), hardship, regionNeeded: null };
}

/** The county a text names ("绥棱县" or just "绥棱"), if one. */
export const countyNamedIn = (text: string, counties: readonly CountyChoice[]): string | null =>
  counties.find((c) => text.includes(c.name) || text.includes(c.name.replace(/(县|区|市|旗)$/, "")))?.code ?? null;

function checked(sheet: PolicySheetContent): PolicySheetContent {
  const problems = checkPolicySheet(sheet);
  if (problems.length) throw badRequest("invalid_policy_sheet", `明白纸内容有问题：${problems.join("；")}`, { problems });
  return sheet;
}

const VERSION_TAKEN = () => conflict("policy_version_taken", "这张明白纸刚被别人更新过，请刷新后再发布");

/** Whether the database refused a row because its (id, version) is already stored. */
function isDuplicateKey(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  const code = e?.driverError?.code ?? e?.code ?? "";
  return code === "ER_DUP_ENTRY" || code.startsWith("SQLITE_CONSTRAINT");
}

async function publish(deps: Deps, tx: EntityManager, actor: Actor, sheet: PolicySheetContent, action: string, expectedVersion: number): Promise<PolicyView> {
  // Two staff publishing at once: the second finds the version taken and is told so.
  if ((await latestPolicyVersion(tx, sheet.id)) !== expectedVersion) throw VERSION_TAKEN();
  const at = deps.clock.now();
  const record = await insertPolicyVersion(tx, sheet, at, actor.accountId).catch((err) => {
    throw isDuplicateKey(err) ? VERSION_TAKEN() : err;
  });
  await recordAudit(tx, {
    at,
    actorId: actor.accountId,
    action,
    subjectType: "policy_sheet",
    subjectId: sheet.id,
    detail: { version: sheet.version, region: sheet.region },
  });
  // the last step of the transaction: answers use the new version at once
  library(deps).put(record);
  return view(record);
}

/** A county (or admin) creates a new sheet, version 1. */
export async function createPolicy(deps: Deps, tx: EntityManager, actor: Actor, id: string, draft: PolicyDraft): Promise<PolicyView> {
  if (!canPublishPolicy(actor, draft.region)) throw forbidden("policy_region_forbidden", "您只能发布本省的明白纸");
  const sheet = checked({ ...draft, id, version: 1, keywords: draft.keywords ?? [] });
  if ((await latestPolicyVersion(deps.db, id)) > 0) throw conflict("policy_exists", "已经有这个编号的明白纸了，请发布新版本");
  return publish(deps, tx, actor, sheet, "policy.created", 0);
}

/** A county (or admin) publishes a new version of a sheet; the old versions are kept. */
export async function publishPolicyVersion(deps: Deps, tx: EntityManager, actor: Actor, id: string, draft: PolicyDraft): Promise<PolicyView> {
  const latest = await latestPolicyVersion(deps.db, id);
  if (!latest) throw notFound("policy_not_found", "没有这张明白纸");
  const current = await findPolicySheet(deps.db, id);
  if (!current || !canPublishPolicy(actor, current.region) || !canPublishPolicy(actor, draft.region))
    throw forbidden("policy_region_forbidden", "您只能发布本省的明白纸");
  const sheet = checked({ ...draft, id, version: latest + 1, keywords: draft.keywords ?? current.keywords });
  return publish(deps, tx, actor, sheet, "policy.version_published", latest);
}
