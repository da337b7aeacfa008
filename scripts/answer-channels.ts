/**
 * The three ways a question reaches the answers, each as an `Ask` for the evaluation:
 * the engine alone, the HTTP endpoint (`GET /api/policies/ask`) of a whole system, and the
 * bot's router in a group bound to a village of the asker's county (the question @-mentions
 * the bot, as a household addressing it would).
 */
import { basename } from "node:path";
import { AreaEntity, type Area } from "../src/db/entities/area.js";
import { inTransaction } from "../src/db/transaction.js";
import { AnswerEngine } from "../src/domain/policy/answer-engine.js";
import type { PolicySheetContent } from "../src/domain/policy/policy-sheet.js";
import { askerRegion } from "../src/domain/policy/region.js";
import { bindGroup } from "../src/services/bot-service.js";
import { BotHarness } from "../tests/bot/bot-harness.js";
import { startTestSystem, type TestSystem } from "../tests/helpers/test-system.js";
import { fromAskResult, type Ask, type ChannelReply } from "./answer-evaluation.js";

export type ChannelName = "engine" | "http" | "bot";

export interface Channel {
  ask: Ask;
  close(): Promise<void>;
}

/** One engine per list of sheets: building one takes seconds, and each set is left out at query time. */
const engines = new WeakMap<readonly PolicySheetContent[], AnswerEngine>();

/**
 * The engine alone. For a set whose questions are in the question bank (content/question-bank-asked.json),
 * pass it as `set` (by name or by path: the bank names it by its file name): its questions are left out of
 * the bank, so the figures measure it as if unseen.
 */
export function engineChannel(sheets: readonly PolicySheetContent[], set?: string): Channel {
  let engine = engines.get(sheets);
  if (!engine) engines.set(sheets, (engine = new AnswerEngine(sheets)));
  const unseen = set && basename(set);
  return { ask: async (q, region) => fromAskResult(engine.ask(q, askerRegion(region), unseen)), close: async () => undefined };
}

export async function httpChannel(): Promise<Channel> {
  const sys: TestSystem = await startTestSystem("sqlite");
  return {
    ask: async (q, region) => {
      // The endpoint allows 120 questions a minute per address: a household's pace, not a script's.
      sys.clock.advance(1_000);
      const res = await sys.request().get("/api/policies/ask").query({ q, region });
      if (res.status !== 200) throw new Error(`ask ${q}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body as ChannelReply;
    },
    close: () => sys.close(),
  };
}

/** The county a region names; a bare province is its pilot county. */
const PILOT_COUNTY: Record<string, string> = { "23": "231226", "43": "430503" };

export async function botChannel(): Promise<Channel> {
  const h = await BotHarness.start("sqlite");
  // the county above the village binds its group (only a village's staff or its county may)
  const countyOfficer = (villageCode: string) => ({
    accountId: "eval-county",
    role: "county" as const,
    areaCode: `${villageCode.slice(0, 6)}000000`,
    householdId: null,
  });
  const sheetByTitle = new Map(h.sys.deps.policies!.list().map((s) => [s.title, s.id]));
  const farmer = h.person("问政策的村民");
  const rooms = new Map<string, ReturnType<BotHarness["group"]>>();

  /** A group bound to the asker's own village, or to the first village of the asker's county. */
  async function roomFor(region: string) {
    // An eval region may be a made-up village code: its township's, else its county's first village.
    const county = /^\d{2}(0000)?$/.test(region) ? PILOT_COUNTY[region.slice(0, 2)] : region.slice(0, 6);
    const prefixes = region.length === 12 ? [region, region.slice(0, 9), county] : [county];
    let village: Area | null = null;
    for (const p of prefixes) {
      village ??= await h.sys.deps.db
        .getRepository(AreaEntity)
        .createQueryBuilder("a")
        .where("a.level = 'village'")
        .andWhere("a.code LIKE :p", { p: `${p}%` })
        .orderBy("a.code")
        .getOne();
    }
    if (!village) throw new Error(`no village for region ${region}`);
    let room = rooms.get(village.code);
    if (!room) {
      room = h.group(`${village.name}群`, [farmer]);
      const roomId = room.id;
      await inTransaction(h.sys.deps.db, (tx) => bindGroup(h.sys.deps, tx, countyOfficer(village.code), { roomId, code: village.code }));
      rooms.set(village.code, room);
    }
    return room;
  }

  return {
    ask: async (q, region) => {
      const replies = await h.ask(farmer, q, await roomFor(region), { mention: true });
      return botReply(replies, sheetByTitle);
    },
    close: () => h.stop(),
  };
}

/** Reads the bot's replies back: "【title】…" is a sure answer from that sheet; anything else is not. */
export function botReply(replies: string[], sheetByTitle: Map<string, string>): ChannelReply {
  const answers = replies.map((text) => {
    const m = /^【([^】]+)】\n([\s\S]*)$/.exec(text);
    const sheet = m ? (sheetByTitle.get(m[1]) ?? null) : null;
    return { sheet, text: sheet && m ? m[2] : text };
  });
  return { answers, confident: answers[0]?.sheet != null };
}

export async function openChannel(name: ChannelName, sheets: readonly PolicySheetContent[], set?: string): Promise<Channel> {
  if (name === "engine") return engineChannel(sheets, set);
  return name === "http" ? httpChannel() : botChannel();
}
