import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { AnswerEngine } from "../../src/domain/policy/answer-engine.js";
import { askerRegion } from "../../src/domain/policy/region.js";
import { loadPolicyFiles } from "../../src/seed/policy-files.js";
import { evaluateAnswers, figuresOf, fromAskResult, loadEvalSet, type EvalCase, type EvalReport } from "../../scripts/answer-evaluation.js";
import { engineChannel, type Channel } from "../../scripts/answer-channels.js";
import { inAskedBank } from "../../scripts/asked-questions.js";

const sheets = loadPolicyFiles();
const cases = JSON.parse(readFileSync(new URL("../../eval/answers.json", import.meta.url), "utf8")) as EvalCase[];
const engine = new AnswerEngine(sheets);
/** A set's figures with its own questions left out of the question bank: measured as if unseen. */
const evaluate = (file: string, set: readonly EvalCase[] = loadEvalSet(file)) =>
  evaluateAnswers(set, sheets, async (q, region) => fromAskResult(engine.ask(q, askerRegion(region), file)));

describe("policy answers against eval/answers.json (the set the engine was tuned on)", () => {
  let report: EvalReport;
  beforeAll(async () => {
    report = await evaluate("answers.json", cases);
  });

  it("holds at least 100 questions, some of which should get 'not sure'", () => {
    expect(cases.length).toBeGreaterThanOrEqual(100);
    expect(report.unsureCases).toBeGreaterThan(0);
    for (const c of cases) if ("expectedSheet" in c) expect(sheets.map((s) => s.id)).toContain(c.expectedSheet);
  });

  it("puts the expected figure in the first answer at least 90% of the time", () => {
    expect(report.figure / report.answerable, JSON.stringify(report.misses, null, 1)).toBeGreaterThanOrEqual(0.9);
    expect(report.top1 / report.answerable).toBeGreaterThanOrEqual(0.9);
    expect(report.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it("says 'not sure' when it should, at least 90% of the time", () => {
    expect(report.unsureCorrect / report.unsureCases).toBeGreaterThanOrEqual(0.9);
  });

  it("answers from the line that itself speaks of the question's topic, not one the sheet's keywords drag in", () => {
    // The 低保 sheet's keywords name 存款, so its line on cars also matches 存款; the line on savings must win.
    expect(engine.ask("办低保 家里存款不能超过多少", "230000").answers[0].text).toContain("30个月");
    // 风险消除 is the topic, 多长时间 and 监测户 are not: the line on leaving monitoring answers.
    expect(engine.ask("想退出监测 收入得稳多长时间", "230000").answers[0].text).toContain("半年");
    // A house graded C级 is answered with the C级 figure, though the D级 line matches more of its other words.
    expect(engine.ask("住建来人看过了 定的是c级 自己还得掏多少 给补助多少钱", "230000").answers[0].text).toMatch(/C级[^D]*14000/);
    // The pair "白内障算不算大病" answers its own case; an asker naming another illness of the list gets the list.
    expect(engine.ask("俺妈骨肉瘤 算不算三十种大病", "230000").answers[0].text).toContain("骨肉瘤");
    // An amount told as known is not the one asked: the 24000 of one's own shop, then the employer's figure.
    expect(engine.ask("开个体户每年能减两万四 要是雇了俺们脱贫户 一个人给老板减多少", "230000").answers[0].text).toContain("7800");
    // Facts of the seeds a sheet had left out: 低保金加发 (seed 002), 技术入股 (seed 004).
    expect(engine.ask("俺家吃低保 老伴瘫炕上了 低保金能多给点不", "230000").answers[0].text).toContain("加发");
    expect(engine.ask("回村创业能拿技术入股合作社不", "430000").answers[0].text).toContain("技术、资金等方式入股");
  });

  it("gives no figure of its own province for a rule of a province no sheet covers", () => {
    const r = engine.ask("辽宁危房改造一户补多少", "230000");
    expect(r.confident).toBe(false);
    expect(r.answers[0].text).toContain("辽宁省");
    expect(r.answers[0].text).not.toMatch(/14000|28000/);
  });

  it("never gives another province's rule or figure", () => {
    expect(report.misses.filter((m) => m.why === "region_violation")).toEqual([]);
  });
});

/**
 * Each held-out set's FIRST run (README, "Evaluation") is its floor, on the project's objective:
 * right answers − 3 × confident wrong ones (a confident wrong answer is worse than an honest “not
 * sure”, so turning a doubtful answer into “not sure” may cost right answers and still gain).
 * `firstRunScore` is that objective at the first run; for held-out sets 1–6, whose confident wrong
 * answers were not counted then, it is their first-run right answers. `confidentWrong` is the count
 * measured at the last refit of the confidence model (scripts/fit-confidence.ts): lower it when a change
 * improves it; a refit that moves the threshold may raise it, and the README says why. A change that gains
 * on the total and on the sealed sets it was planned against may move a set's floor; the line says so
 * (README "The decision on the floors"). Every set is measured with its own questions left out of the
 * question bank (content/question-bank-asked.json), as if unseen.
 */
// confidentWrong: the count measured after the last refit of the confidence model; it goes down, or a marked line says which change moved it.
const FLOORS: Array<{ file: string; firstRunScore: number; confidentWrong: number }> = [
  { file: "answers-holdout.json", firstRunScore: 21, confidentWrong: 2 }, // moved by the asked questions (was score 27, cap 0), then by F′: the split's 大祥区 label (prereg-106-111)
  { file: "answers-holdout-2.json", firstRunScore: 25, confidentWrong: 0 },
  { file: "answers-holdout-3.json", firstRunScore: 16, confidentWrong: 2 }, // F′: the split moves two labelled facts to the other 大祥区 sheet (prereg-106-111)
  { file: "answers-holdout-4.json", firstRunScore: 21, confidentWrong: 1 }, // moved by the question bank, was cap 0 (README)
  { file: "answers-holdout-5.json", firstRunScore: 49, confidentWrong: 2 }, // moved by the question bank (score 53 → 50, cap 0 → 2), then by sets 34 and 35 joining it (README)
  { file: "answers-holdout-6.json", firstRunScore: 35, confidentWrong: 1 }, // moved by the question bank, was score 37 and cap 0 (README)
  // Issue 17's blind set 7: first run 72/80 right, 4 confident wrong.
  { file: "answers-blind-7.json", firstRunScore: 59, confidentWrong: 4 }, // moved by the asked questions (was cap 1), then by F′: the split's 大祥区 label (prereg-106-111)
  // Blind set 8: first run 57/70 right, 6 confident wrong.
  { file: "answers-blind-8.json", firstRunScore: 57 - 3 * 6, confidentWrong: 3 },
  // Blind set 9 (eval/first-runs/blind-9.txt): first run 115/142 right, 22 confident wrong.
  { file: "answers-blind-9.json", firstRunScore: 49, confidentWrong: 7 }, // moved by the question bank (cap 5 → 6), then by the asked questions (README)
  // Blind set 10 (eval/first-runs/blind-10.txt): first run 110/147 right, 25 confident wrong (24 through the bot).
  { file: "answers-blind-10.json", firstRunScore: 110 - 3 * 25, confidentWrong: 9 },
  // Blind set 11 (eval/first-runs/blind-11.txt): first run 86/110 right, 14 confident wrong, through the
  // engine, the bot and HTTP alike.
  { file: "answers-blind-11.json", firstRunScore: 44, confidentWrong: 6 }, // moved by the question bank, was cap 4 (README)
  // Blind set 12 (eval/first-runs/blind-12.txt), written with set 11 and kept sealed until the engine had
  // changed: first run 82/110 right, 9 confident wrong through the engine and HTTP (80/110, 9 through the bot).
  { file: "answers-blind-12.json", firstRunScore: 55, confidentWrong: 8 }, // moved by the question bank, was cap 6 (README)
  // Blind set 13 (eval/first-runs/blind-13.txt): first run 78/110 right, 10 confident wrong through the engine
  // and HTTP (77/110, 10 through the bot).
  { file: "answers-blind-13.json", firstRunScore: 78 - 3 * 10, confidentWrong: 6 },
  // Blind set 14 (eval/first-runs/blind-14.txt), written with set 13 and kept sealed until the engine had
  // changed: first run 78/110 right, 8 confident wrong through the engine, the bot and HTTP alike.
  { file: "answers-blind-14.json", firstRunScore: 78 - 3 * 8, confidentWrong: 4 },
  // Blind set 15 (eval/first-runs/blind-15.txt): first run 83/110 right, 6 confident wrong through the engine
  // and HTTP (83/110, 5 through the bot).
  { file: "answers-blind-15.json", firstRunScore: 83 - 3 * 6, confidentWrong: 5 },
  // Blind set 16 (eval/first-runs/blind-16.txt), written with set 15 and kept sealed until the engine had
  // changed: first run 76/110 right, 8 confident wrong through the engine and HTTP (76/110, 7 through the bot).
  { file: "answers-blind-16.json", firstRunScore: 76 - 3 * 8, confidentWrong: 7 },
  // Blind set 17 (eval/first-runs/blind-17.txt): first run 85/110 right, 6 confident wrong through the engine,
  // the bot and HTTP alike.
  { file: "answers-blind-17.json", firstRunScore: 67, confidentWrong: 8 }, // moved by the question bank (cap 5 → 6), then by the asked questions (README)
  // Blind set 18 (eval/first-runs/blind-18.txt), written with set 17 and kept sealed: first run 89/110 right,
  // 10 confident wrong through the engine, the bot and HTTP alike, on the same engine as set 17's first run.
  { file: "answers-blind-18.json", firstRunScore: 59, confidentWrong: 10 }, // moved by the question bank, was cap 8 (README)
  // Blind sets 19 and 20 (eval/first-runs/blind-19.txt, -20.txt), written with 17 and 18 and kept sealed until
  // the changes after them were done: first runs 91/110 right, 6 confident wrong, and 81/110, 10, through the
  // engine, the bot and HTTP alike.
  { file: "answers-blind-19.json", firstRunScore: 67, confidentWrong: 8 }, // moved by the question bank, was score 91 - 3 * 6 and cap 6 (README)
  { file: "answers-blind-20.json", firstRunScore: 81 - 3 * 10, confidentWrong: 10 },
  // Blind sets 21 and 22 (eval/first-runs/blind-21.txt, -22.txt), sealed until run once on 88a63f9, a change to the
  // sheets' wording that was then withdrawn (README); these floors are their figures on the engine that landed:
  // 86/110 right, 6 confident wrong, and 77/110, 10.
  { file: "answers-blind-21.json", firstRunScore: 86 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-22.json", firstRunScore: 47, confidentWrong: 11 }, // moved by the question bank, was cap 10 (README)
  // Blind set 23 (eval/first-runs/blind-23.txt), older askers telling long stories before the question: first run
  // on 400df47, 63/110 right, 16 confident wrong through the engine and HTTP (64/110, 15 through the bot).
  { file: "answers-blind-23.json", firstRunScore: 63 - 3 * 16, confidentWrong: 16 },
  // Blind sets 24 and 25 (eval/first-runs/blind-24.txt, -25.txt), written with set 23 and sealed until run once on
  // 8728d7c: 75/110 right, 6 confident wrong, and 71/110, 8, through the engine and HTTP (bot: 73/6, 71/8).
  { file: "answers-blind-24.json", firstRunScore: 75 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-25.json", firstRunScore: 46, confidentWrong: 10 }, // moved by the question bank, was score 71 - 3 * 8 and cap 8 (README)
  // Blind sets 26 and 27 (eval/first-runs/blind-26.txt, -27.txt), written after set 25 and sealed until run once on
  // ab9dcd1: 80/110 right, 5 confident wrong, and 78/110, 10, through the engine, the bot and HTTP alike.
  { file: "answers-blind-26.json", firstRunScore: 63, confidentWrong: 7 }, // moved by the question bank, was score 80 - 3 * 5 and cap 5 (README)
  { file: "answers-blind-27.json", firstRunScore: 78 - 3 * 10, confidentWrong: 10 },
  // Blind sets 28 and 29 (eval/first-runs/blind-28.txt, -29.txt), sealed until run once on f486af3: 73/110 right,
  // 2 confident wrong, and 72/110, 9, through the engine, the bot and HTTP alike.
  { file: "answers-blind-28.json", firstRunScore: 58, confidentWrong: 6 }, // moved by the question bank, was score 73 - 3 * 2 and cap 2 (README)
  { file: "answers-blind-29.json", firstRunScore: 45, confidentWrong: 10 }, // moved by the question bank, was cap 9 (README)
  // Blind sets 30 and 31 (eval/first-runs/blind-30.txt, -31.txt), sealed until run once on fb39ee4: 78/110 right,
  // 7 confident wrong, and 82/110, 11, through the engine, the bot and HTTP alike.
  { file: "answers-blind-30.json", firstRunScore: 57, confidentWrong: 11 }, // moved by the asked questions, was cap 7 (README)
  { file: "answers-blind-31.json", firstRunScore: 82 - 3 * 11, confidentWrong: 11 },
  // Blind sets 32 and 33 (eval/first-runs/blind-32.txt, -33.txt), sealed until run once on a84f687: 85/110 right,
  // 6 confident wrong (84/110, 6 through the bot), and 83/110, 10, through the engine, the bot and HTTP alike.
  { file: "answers-blind-32.json", firstRunScore: 85 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-33.json", firstRunScore: 51, confidentWrong: 10 }, // moved by the question bank, was score 83 - 3 * 10 (README)
  // Blind sets 34 and 35 (eval/first-runs/blind-34.txt, -35.txt), sealed until run once on 462619c (the question
  // bank): 79/110 right, 7 confident wrong, and 85/110, 13, through the engine, the bot and HTTP alike.
  { file: "answers-blind-34.json", firstRunScore: 58, confidentWrong: 8 }, // moved by the asked questions, was cap 7 (README)
  { file: "answers-blind-35.json", firstRunScore: 85 - 3 * 13, confidentWrong: 13 },
  // Blind sets 36–41 (eval/first-runs/blind-36.txt … -41.txt), six writers, each on a topic area, sealed until run once
  // on 1fabd14 (the question bank with the asked questions), through the engine, the bot and HTTP alike (bot on 36: 83/11).
  { file: "answers-blind-36.json", firstRunScore: 84 - 3 * 10, confidentWrong: 10 },
  { file: "answers-blind-37.json", firstRunScore: 73 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-38.json", firstRunScore: 80 - 3 * 11, confidentWrong: 11 },
  { file: "answers-blind-39.json", firstRunScore: 76 - 3 * 14, confidentWrong: 14 },
  { file: "answers-blind-40.json", firstRunScore: 96 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-41.json", firstRunScore: 83 - 3 * 16, confidentWrong: 16 },
  // Blind sets 42 and 43 (eval/first-runs/blind-42.txt, -43.txt), sealed until run once on 5ef811b: 94/110 right,
  // 9 confident wrong, and 92/110, 5, through the engine and HTTP (bot: 94/9, 91/5).
  { file: "answers-blind-42.json", firstRunScore: 94 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-43.json", firstRunScore: 92 - 3 * 5, confidentWrong: 5 },
  // Blind sets 44 and 45 (eval/first-runs/blind-44.txt, -45.txt), sealed until run once on 3d6a5df: 82/110 right,
  // 8 confident wrong, and 91/110, 8, through the engine and HTTP (bot: 81/8, 90/8).
  { file: "answers-blind-44.json", firstRunScore: 82 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-45.json", firstRunScore: 91 - 3 * 8, confidentWrong: 8 },
  // Blind sets 46–51 (eval/first-runs/blind-46.txt … -51.txt), sealed until run once on ed0e069, the same through
  // the engine, the bot and HTTP: 73/28, 85/15, 74/24, 82/21, 75/29, 52/31 (right/110, confident wrong).
  { file: "answers-blind-46.json", firstRunScore: 73 - 3 * 28, confidentWrong: 28 },
  { file: "answers-blind-47.json", firstRunScore: 85 - 3 * 15, confidentWrong: 15 },
  { file: "answers-blind-48.json", firstRunScore: 74 - 3 * 24, confidentWrong: 24 },
  { file: "answers-blind-49.json", firstRunScore: 82 - 3 * 21, confidentWrong: 21 },
  { file: "answers-blind-50.json", firstRunScore: 75 - 3 * 29, confidentWrong: 29 },
  { file: "answers-blind-51.json", firstRunScore: 52 - 3 * 31, confidentWrong: 31 },
  // Blind sets 52–57 (eval/first-runs/blind-52.txt … -57.txt), sealed until run once on 0361b8d (the document's words
  // beside each answer): 82/19, 86/12, 91/12, 70/15, 85/9, 87/11 through the engine and HTTP (bot: 53 gives 84/14).
  { file: "answers-blind-52.json", firstRunScore: 82 - 3 * 19, confidentWrong: 19 },
  { file: "answers-blind-53.json", firstRunScore: 86 - 3 * 12, confidentWrong: 12 },
  { file: "answers-blind-54.json", firstRunScore: 91 - 3 * 12, confidentWrong: 12 },
  { file: "answers-blind-55.json", firstRunScore: 70 - 3 * 15, confidentWrong: 15 },
  { file: "answers-blind-56.json", firstRunScore: 85 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-57.json", firstRunScore: 87 - 3 * 11, confidentWrong: 11 },
  // Blind sets 58–63 (eval/first-runs/blind-58.txt … -63.txt), sealed until run once on 150a622 (every fact of a line
  // in the document's words), the same through the engine, the bot and HTTP: 86/10, 91/12, 100/3, 96/8, 91/12, 94/6.
  { file: "answers-blind-58.json", firstRunScore: 86 - 3 * 10, confidentWrong: 10 },
  { file: "answers-blind-59.json", firstRunScore: 91 - 3 * 12, confidentWrong: 12 },
  { file: "answers-blind-60.json", firstRunScore: 100 - 3 * 3, confidentWrong: 3 },
  { file: "answers-blind-61.json", firstRunScore: 96 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-62.json", firstRunScore: 91 - 3 * 12, confidentWrong: 12 },
  { file: "answers-blind-63.json", firstRunScore: 94 - 3 * 6, confidentWrong: 6 },
  // Blind sets 64–69 (eval/first-runs/blind-64.txt … -69.txt), sealed until run once on 5be563a: 83/12, 94/6, 91/7,
  // 92/9, 83/10, 91/7 through the engine and HTTP (the bot: 66 gives 90/7).
  { file: "answers-blind-64.json", firstRunScore: 83 - 3 * 12, confidentWrong: 12 },
  { file: "answers-blind-65.json", firstRunScore: 94 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-66.json", firstRunScore: 91 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-67.json", firstRunScore: 92 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-68.json", firstRunScore: 83 - 3 * 10, confidentWrong: 10 },
  { file: "answers-blind-69.json", firstRunScore: 91 - 3 * 7, confidentWrong: 7 },
  // Blind sets 70–75 (eval/first-runs/blind-70.txt … -75.txt), sealed until run once on 8374a56 (the engine of
  // 5be563a): 91/11, 89/9, 93/6, 93/10, 97/7, 94/5 through the engine and HTTP (the bot: 70 gives 90/11, 71 88/10).
  { file: "answers-blind-70.json", firstRunScore: 91 - 3 * 11, confidentWrong: 11 },
  { file: "answers-blind-71.json", firstRunScore: 89 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-72.json", firstRunScore: 93 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-73.json", firstRunScore: 93 - 3 * 10, confidentWrong: 10 },
  { file: "answers-blind-74.json", firstRunScore: 97 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-75.json", firstRunScore: 94 - 3 * 5, confidentWrong: 5 },
  // Blind sets 76–81 (eval/first-runs/blind-76.txt … -81.txt), sealed until run once on 1d1bc6a (honest lines for
  // what the documents leave open): 91/12, 91/7, 90/9, 93/11, 98/8, 93/7 through the engine and HTTP (the bot: 79
  // gives 94/10, 81 gives 92/7).
  { file: "answers-blind-76.json", firstRunScore: 91 - 3 * 12, confidentWrong: 12 },
  { file: "answers-blind-77.json", firstRunScore: 91 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-78.json", firstRunScore: 90 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-79.json", firstRunScore: 93 - 3 * 11, confidentWrong: 11 },
  { file: "answers-blind-80.json", firstRunScore: 98 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-81.json", firstRunScore: 93 - 3 * 7, confidentWrong: 7 },
  // Blind sets 82–87 (eval/first-runs/blind-82.txt … -87.txt), sealed until run once on 6599ced (what a line leaves
  // out): 97/7, 93/8, 103/4, 95/5, 92/7, 93/10 through the engine and HTTP (the bot: 86 gives 92/6, 87 gives 92/10).
  { file: "answers-blind-82.json", firstRunScore: 97 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-83.json", firstRunScore: 93 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-84.json", firstRunScore: 103 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-85.json", firstRunScore: 95 - 3 * 5, confidentWrong: 5 },
  { file: "answers-blind-86.json", firstRunScore: 92 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-87.json", firstRunScore: 93 - 3 * 10, confidentWrong: 10 },
  // Blind sets 88–93 (eval/first-runs/blind-88.txt … -93.txt), sealed until run once on dfcf6f6 (the engine of
  // 6948b83): 93/9, 91/7, 92/9, 87/9, 97/8, 94/9 through the engine and HTTP (the bot: 93 gives 95/9).
  { file: "answers-blind-88.json", firstRunScore: 93 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-89.json", firstRunScore: 91 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-90.json", firstRunScore: 92 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-91.json", firstRunScore: 87 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-92.json", firstRunScore: 97 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-93.json", firstRunScore: 94 - 3 * 9, confidentWrong: 9 },
  // Blind sets 94–99 (eval/first-runs/blind-94.txt … -99.txt), sealed, first run on 2f1263c (a grade the question
  // names): 90/10, 87/11, 89/8, 89/8, 91/6, 99/4 through the engine and HTTP (the bot: 96 gives 88/8).
  { file: "answers-blind-94.json", firstRunScore: 90 - 3 * 10, confidentWrong: 10 },
  { file: "answers-blind-95.json", firstRunScore: 87 - 3 * 11, confidentWrong: 11 },
  { file: "answers-blind-96.json", firstRunScore: 89 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-97.json", firstRunScore: 89 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-98.json", firstRunScore: 91 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-99.json", firstRunScore: 99 - 3 * 4, confidentWrong: 4 },
  // Blind sets 100–105 (eval/first-runs/blind-100.txt … -105.txt), sealed, first run on 226bc89 (the engine of 2f1263c):
  // 93/9, 95/4, 80/11, 92/5, 92/9, 100/6 through the engine and HTTP (the bot: 105 gives 99/6).
  { file: "answers-blind-100.json", firstRunScore: 93 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-101.json", firstRunScore: 95 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-102.json", firstRunScore: 80 - 3 * 11, confidentWrong: 11 },
  { file: "answers-blind-103.json", firstRunScore: 92 - 3 * 5, confidentWrong: 5 },
  { file: "answers-blind-104.json", firstRunScore: 92 - 3 * 9 - 2, confidentWrong: 9 }, // F′: two right turned unsure (prereg-106-111)
  { file: "answers-blind-105.json", firstRunScore: 100 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-106.json", firstRunScore: 84 - 3 * 11, confidentWrong: 11 },
  { file: "answers-blind-107.json", firstRunScore: 77 - 3 * 12, confidentWrong: 12 },
  { file: "answers-blind-108.json", firstRunScore: 84 - 3 * 11, confidentWrong: 11 },
  { file: "answers-blind-109.json", firstRunScore: 89 - 3 * 4 - 3, confidentWrong: 4 }, // F′: two right turned unsure; M: one more (贷款建房 now unsure); within the allowance (prereg-106-111, prereg-142-147)
  { file: "answers-blind-110.json", firstRunScore: 94 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-111.json", firstRunScore: 86 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-112.json", firstRunScore: 94 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-113.json", firstRunScore: 71 - 3 * 1 - 1, confidentWrong: 1 }, // H: one right turned unsure, within the allowance (prereg-112-117)
  { file: "answers-blind-114.json", firstRunScore: 100 - 3 * 5, confidentWrong: 5 },
  { file: "answers-blind-115.json", firstRunScore: 95 - 3 * 2 - 2, confidentWrong: 3 }, // H: one more right, one more confident wrong, within the allowance (prereg-112-117)
  { file: "answers-blind-116.json", firstRunScore: 95 - 3 * 1, confidentWrong: 1 },
  { file: "answers-blind-117.json", firstRunScore: 97 - 3 * 2 - 3, confidentWrong: 3 }, // P: one confident wrong more, within the allowance (prereg-160-165)
  { file: "answers-blind-118.json", firstRunScore: 90 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-119.json", firstRunScore: 85 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-120.json", firstRunScore: 88 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-121.json", firstRunScore: 84 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-122.json", firstRunScore: 98 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-123.json", firstRunScore: 105 - 3 * 3, confidentWrong: 3 },
  { file: "answers-blind-124.json", firstRunScore: 88 - 3 * 4 - 4, confidentWrong: 5 }, // O: one right answer fewer, within the allowance (prereg-154-159); W″: 87 right, 5 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-125.json", firstRunScore: 94 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-126.json", firstRunScore: 100 - 3 * 2, confidentWrong: 2 },
  { file: "answers-blind-127.json", firstRunScore: 93 - 3 * 11, confidentWrong: 11 },
  { file: "answers-blind-128.json", firstRunScore: 90 - 3 * 5 - 3, confidentWrong: 6 }, // O: one confident wrong more, within the allowance (prereg-154-159)
  { file: "answers-blind-129.json", firstRunScore: 91 - 3 * 0, confidentWrong: 0 },
  { file: "answers-blind-130.json", firstRunScore: 94 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-131.json", firstRunScore: 90 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-132.json", firstRunScore: 90 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-133.json", firstRunScore: 96 - 3 * 5, confidentWrong: 5 },
  { file: "answers-blind-134.json", firstRunScore: 80 - 3 * 5 - 2, confidentWrong: 6 }, // N: one right answer fewer on the development sets, within the allowance (prereg-148-153); W″: 81 right, 6 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-135.json", firstRunScore: 96 - 3 * 10, confidentWrong: 10 },
  { file: "answers-blind-136.json", firstRunScore: 94 - 3 * 3, confidentWrong: 3 },
  { file: "answers-blind-137.json", firstRunScore: 89 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-138.json", firstRunScore: 85 - 3 * 8 - 1, confidentWrong: 8 }, // M: one right turned unsure, within the allowance (prereg-142-147)
  { file: "answers-blind-139.json", firstRunScore: 77 - 3 * 13, confidentWrong: 13 },
  { file: "answers-blind-140.json", firstRunScore: 79 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-141.json", firstRunScore: 81 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-142.json", firstRunScore: 86 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-143.json", firstRunScore: 98 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-144.json", firstRunScore: 89 - 3 * 10 - 2, confidentWrong: 10 }, // M, measured on it: two right turned unsure, within the allowance (prereg-142-147)
  { file: "answers-blind-145.json", firstRunScore: 96 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-146.json", firstRunScore: 81 - 3 * 8 - 5, confidentWrong: 9 }, // M, measured on it: 80 right, 9 confident wrong, within the allowance (prereg-142-147); O: one fewer right (prereg-154-159)
  { file: "answers-blind-147.json", firstRunScore: 89 - 3 * 3, confidentWrong: 3 },
  { file: "answers-blind-148.json", firstRunScore: 85 - 3 * 9, confidentWrong: 9 },
  { file: "answers-blind-149.json", firstRunScore: 90 - 3 * 6 - 4, confidentWrong: 7 }, // W″: 89 right, 7 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-150.json", firstRunScore: 84 - 3 * 5, confidentWrong: 4 }, // N: one confident wrong fewer
  { file: "answers-blind-151.json", firstRunScore: 92 - 3 * 3, confidentWrong: 3 }, // N: one confident wrong fewer; P: back to its first run's 3 (prereg-160-165)
  { file: "answers-blind-152.json", firstRunScore: 84 - 3 * 4, confidentWrong: 4 }, // N: one confident wrong fewer; W″: 86 right, 4 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-153.json", firstRunScore: 90 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-154.json", firstRunScore: 95 - 3 * 4, confidentWrong: 2 }, // O: two confident wrong fewer
  { file: "answers-blind-155.json", firstRunScore: 94 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-156.json", firstRunScore: 95 - 3 * 4 - 3, confidentWrong: 5 }, // O, measured on it: 96 right, 5 confident wrong, within the allowance (prereg-154-159); W″: 95 right, 5 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-157.json", firstRunScore: 89 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-158.json", firstRunScore: 90 - 3 * 6 - 1, confidentWrong: 6 }, // W″: 89 right, 6 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-159.json", firstRunScore: 89 - 3 * 3, confidentWrong: 2 }, // O: one confident wrong fewer
  { file: "answers-blind-160.json", firstRunScore: 85 - 3 * 3, confidentWrong: 3 },
  { file: "answers-blind-161.json", firstRunScore: 93 - 3 * 2 - 1, confidentWrong: 2 }, // W″: 92 right, 2 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-162.json", firstRunScore: 95 - 3 * 1, confidentWrong: 1 },
  { file: "answers-blind-163.json", firstRunScore: 91 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-164.json", firstRunScore: 87 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-165.json", firstRunScore: 83 - 3 * 5, confidentWrong: 5 },
  { file: "answers-blind-166.json", firstRunScore: 90 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-167.json", firstRunScore: 84 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-168.json", firstRunScore: 82 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-169.json", firstRunScore: 95 - 3 * 2, confidentWrong: 2 },
  { file: "answers-blind-170.json", firstRunScore: 88 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-171.json", firstRunScore: 87 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-172.json", firstRunScore: 89 - 3 * 8 - 5, confidentWrong: 9 }, // W″: 87 right, 9 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-173.json", firstRunScore: 89 - 3 * 2, confidentWrong: 2 },
  { file: "answers-blind-174.json", firstRunScore: 84 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-175.json", firstRunScore: 96 - 3 * 6, confidentWrong: 6 },
  { file: "answers-blind-176.json", firstRunScore: 87 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-177.json", firstRunScore: 87 - 3 * 1, confidentWrong: 1 },
  { file: "answers-blind-178.json", firstRunScore: 92 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-179.json", firstRunScore: 89 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-180.json", firstRunScore: 91 - 3 * 4 - 3, confidentWrong: 5 }, // W″: 91 right, 5 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-181.json", firstRunScore: 89 - 3 * 3, confidentWrong: 3 },
  { file: "answers-blind-182.json", firstRunScore: 98 - 3 * 3, confidentWrong: 3 },
  { file: "answers-blind-183.json", firstRunScore: 85 - 3 * 7, confidentWrong: 7 },
  { file: "answers-blind-184.json", firstRunScore: 85 - 3 * 8, confidentWrong: 8 },
  { file: "answers-blind-185.json", firstRunScore: 88 - 3 * 5, confidentWrong: 5 },
  { file: "answers-blind-186.json", firstRunScore: 87 - 3 * 5, confidentWrong: 5 },
  { file: "answers-blind-187.json", firstRunScore: 92 - 3 * 3, confidentWrong: 3 },
  { file: "answers-blind-188.json", firstRunScore: 93 - 3 * 6 - 2, confidentWrong: 6 }, // W″: 91 right, 6 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-189.json", firstRunScore: 88 - 3 * 5 - 1, confidentWrong: 5 }, // W″: 87 right, 5 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-190.json", firstRunScore: 89 - 3 * 1, confidentWrong: 1 },
  { file: "answers-blind-191.json", firstRunScore: 90 - 3 * 5 - 3, confidentWrong: 5 }, // W″: 87 right, 5 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-192.json", firstRunScore: 94 - 3 * 2 - 3, confidentWrong: 3 }, // W″: 94 right, 3 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-193.json", firstRunScore: 85 - 3 * 4 - 1, confidentWrong: 4 }, // W″: 84 right, 4 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-194.json", firstRunScore: 92 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-195.json", firstRunScore: 95 - 3 * 5, confidentWrong: 5 },
  { file: "answers-blind-196.json", firstRunScore: 88 - 3 * 8 - 3, confidentWrong: 9 }, // W″, measured on it: 88 right, 9 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-197.json", firstRunScore: 79 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-198.json", firstRunScore: 90 - 3 * 6 - 1, confidentWrong: 6 }, // W″, measured on it: 89 right, 6 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-199.json", firstRunScore: 92 - 3 * 3 - 3, confidentWrong: 4 }, // W″, measured on it: 92 right, 4 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-200.json", firstRunScore: 87 - 3 * 4, confidentWrong: 4 },
  { file: "answers-blind-201.json", firstRunScore: 88 - 3 * 3 - 3, confidentWrong: 4 }, // W″, measured on it: 88 right, 4 confident wrong, within the allowance (prereg-196-201)
  { file: "answers-blind-202.json", firstRunScore: 75 - 3 * 3, confidentWrong: 3 }, // under W″, then spent on candidate R (first run before it: 74 right, 6 confident wrong; prereg-202-207)
  { file: "answers-blind-203.json", firstRunScore: 83 - 3 * 7, confidentWrong: 7 }, // under W″, then spent on candidate R (first run before it: 83 right, 6 confident wrong; prereg-202-207)
  { file: "answers-blind-204.json", firstRunScore: 87 - 3 * 11, confidentWrong: 11 }, // under W″, then spent on candidate R (first run before it: 86 right, 12 confident wrong; prereg-202-207)
  { file: "answers-blind-205.json", firstRunScore: 95 - 3 * 4, confidentWrong: 4 }, // under W″, then spent on candidate R (first run before it: 94 right, 5 confident wrong; prereg-202-207)
  { file: "answers-blind-206.json", firstRunScore: 96 - 3 * 1, confidentWrong: 1 }, // under W″, then spent on candidate R (first run before it: 94 right, 2 confident wrong; prereg-202-207)
  { file: "answers-blind-207.json", firstRunScore: 79 - 3 * 5, confidentWrong: 5 }, // under W″, then spent on candidate R (first run before it: 81 right, 5 confident wrong; prereg-202-207)
  { file: "answers-blind-208.json", firstRunScore: 95 - 3 * 4, confidentWrong: 4 }, // first run, sealed (prereg-208-213)
  { file: "answers-blind-209.json", firstRunScore: 84 - 3 * 8, confidentWrong: 8 }, // first run, sealed (prereg-208-213)
  { file: "answers-blind-210.json", firstRunScore: 89 - 3 * 2, confidentWrong: 2 }, // first run, sealed (prereg-208-213)
  { file: "answers-blind-211.json", firstRunScore: 92 - 3 * 7, confidentWrong: 7 }, // first run, sealed (prereg-208-213)
  { file: "answers-blind-212.json", firstRunScore: 86 - 3 * 4, confidentWrong: 4 }, // first run, sealed (prereg-208-213)
  { file: "answers-blind-213.json", firstRunScore: 91 - 3 * 5, confidentWrong: 5 }, // first run, sealed (prereg-208-213)
];

describe("the evaluation's engine channel", () => {
  // fails if: a set named by its path (eval/answers.json) is measured with its own questions in the question bank
  it("leaves a set's own questions out of the bank whether the set is named by its file name or by its path", async () => {
    expect(inAskedBank("eval/answers.json")).toBe(true);
    const asked = cases.slice(0, 40);
    const replies = (ch: Channel) => Promise.all(asked.map((c) => ch.ask(c.question, c.region)));
    const byName = await replies(engineChannel(sheets, "answers.json"));
    expect(await replies(engineChannel(sheets, "eval/answers.json"))).toEqual(byName);
    expect(await replies(engineChannel(sheets))).not.toEqual(byName);
  });
});

describe("the grader", () => {
  const sheet = { sheet: "hlj-housing", region: "231226" };
  const said = (text: string) => async () => ({ answers: [{ sheet: sheet.sheet, text }], confident: true });
  const one = (expectedFigure: string): EvalCase[] => [{ question: "C级危房补多少", region: sheet.region, expectedSheet: sheet.sheet, expectedFigure }];

  it("reads a figure copied with the seed's PDF spacing as the same figure, and a different figure as wrong", async () => {
    expect((await evaluateAnswers(one("14000 元"), sheets, said("C级危房补助14000元。"))).top1Correct).toBe(1);
    expect((await evaluateAnswers(one("5日至15日"), sheets, said("每月5日到15日。"))).top1Correct).toBe(1);
    const wrong = await evaluateAnswers(one("14000 元"), sheets, said("D级危房补助28000元。"));
    expect([wrong.top1Correct, wrong.confidentWrong]).toEqual([0, 1]);
  });

  it("reads what the asker is shown: a figure in the document's words counts, and is counted apart", async () => {
    const yulu: EvalCase[] = [{ question: "本科能领雨露计划吗", region: "231226", expectedSheet: "hlj-yulu", expectedFigure: "本科生不得" }];
    const quoted = async () => ({ answers: [{ sheet: "hlj-yulu", text: "不能。本科生不行。", quote: "本科生不得作为发放对象" }], confident: true });
    const plain = async () => ({ answers: [{ sheet: "hlj-yulu", text: "不能。本科生不行。", quote: null }], confident: true });
    const r = await evaluateAnswers(yulu, sheets, quoted);
    expect([r.top1Correct, r.figureOnlyInQuote, r.confidentWrong]).toEqual([1, 1, 0]);
    expect((await evaluateAnswers(yulu, sheets, plain)).confidentWrong).toBe(1);
  });

  // fails if: an answer from a sheet the writer did not name counts as right, or the words of its seed sentence go unnoticed
  it("counts the same seed sentence told from another sheet as wrong, and apart from other wrong answers", async () => {
    const source = "001_e52302995b0e815d.txt: 存在一定时间周期的帮扶措施需要延续，如小额信贷帮扶应持续至合同到期，公益性岗位应持续到岗位协议到期。";
    const loan: EvalCase[] = [{ question: "退出监测了贷款要提前还吗", region: "231226", expectedSheet: "hlj-assistance", expectedFigure: "合同到期", source }];
    const from = (quote: string) => async () => ({ answers: [{ sheet: "risk-cleared", text: "不会马上停。", quote }], confident: true });
    const seedWords = await evaluateAnswers(loan, sheets, from("如小额信贷帮扶应持续至合同到期"));
    expect([seedWords.top1Correct, seedWords.confidentWrong, seedWords.sameRuleElsewhere]).toEqual([0, 1, 1]);
    const otherWords = await evaluateAnswers(loan, sheets, from("贷款到合同到期为止"));
    expect([otherWords.top1Correct, otherWords.confidentWrong, otherWords.sameRuleElsewhere]).toEqual([0, 1, 0]);
  });
});

describe("policy answers on the held-out sets, against their first-run figures", () => {
  // fails if: a synonym group, a threshold or a ranking rule that unseen questions need is taken away
  it.each(FLOORS)("$file scores no lower than at its first run and gives no more confident wrong answers", async ({ file, firstRunScore, confidentWrong }) => {
    const r = await evaluate(file);
    const misses = JSON.stringify(
      r.misses.map((m) => `${m.why}${m.confident ? "!" : ""} ${m.question} → ${m.got.slice(0, 60)}`),
      null,
      1,
    );
    expect(r.top1Correct - 3 * r.confidentWrong, misses).toBeGreaterThanOrEqual(firstRunScore);
    expect(r.confidentWrong, misses).toBeLessThanOrEqual(confidentWrong);
    expect(r.regionViolations).toBe(0);
  });
});

describe("the sheets in content/policies", () => {
  it("cover national, Heilongjiang and Hunan rules, including the two sheets the 2024 guide requires", () => {
    expect(new Set(sheets.map((s) => s.region))).toEqual(new Set(["000000", "230000", "430000"]));
    const ids = sheets.map((s) => s.id);
    expect(ids).toEqual(expect.arrayContaining(["report-risk", "hlj-assistance", "hn-assistance"]));
  });

  it.each(sheets.map((s) => [s.id, s] as const))("%s names its source and gives every answer a clause", (_id, s) => {
    expect(s.source).toMatch(/〔20\d\d〕\d+号|实施意见/);
    for (const f of s.faq) expect(f.source ?? s.source).toBeTruthy();
  });

  // Same number, different rule: 大祥区's village collective income target vs Heilongjiang's loan cap.
  const COINCIDENCES = new Set(["10万元"]);

  it("a Hunan sheet states no amount that only Heilongjiang sheets state", () => {
    const amounts = (region: string) =>
      new Set(
        sheets
          .filter((s) => s.region === region)
          .flatMap((s) => [s.body, ...s.faq.map((f) => f.answer)].flatMap(figuresOf))
          .filter((f) => /元|%/.test(f)),
      );
    const [hlj, national, hunan] = [amounts("230000"), amounts("000000"), amounts("430000")];
    expect(hunan.size).toBeGreaterThan(0);
    expect([...hunan].filter((f) => hlj.has(f) && !national.has(f) && !COINCIDENCES.has(f))).toEqual([]);
  });
});

describe("the synonym table in content/synonyms.json", () => {
  it("gives every variant of every concept its provenance, and a known kind to every concept", async () => {
    const { SYNONYM_TABLE } = await import("../../src/domain/policy/synonyms.js");
    expect(SYNONYM_TABLE.length).toBeGreaterThan(50);
    for (const e of SYNONYM_TABLE) {
      expect(["topic", "generic", "out_of_scope"]).toContain(e.kind);
      for (const v of e.variants) expect(v.from, `${e.concept}: ${v.word}`).toMatch(/^(seed \d|sheet wording|dictionary|colloquial|dialect|typo|gazetteer)/);
    }
  });
});
