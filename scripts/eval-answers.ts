/**
 * Asks every question of the evaluation sets through the engine, the bot's router and the
 * HTTP endpoint, and prints for each set and channel: top-1 correct, confident-but-wrong,
 * honest "not sure", region-correctness, and the misses.
 *
 * Usage: npm run eval:answers [-- --set answers-blind-7.json] [--channels engine,bot,http] [--quiet]
 * Default: every set in eval/, engine only (add --channels engine,bot,http for all three). Through the
 * engine, a set whose questions are in the question bank is measured with them left out of it; through
 * the bot and HTTP (the system's own bank) such a set's figures are not a measure.
 */
import { loadPolicyFiles } from "../src/seed/policy-files.js";
import { openChannel, type ChannelName } from "./answer-channels.js";
import { evalSetFiles, evaluateAnswers, loadEvalSet, type EvalReport } from "./answer-evaluation.js";
import { inAskedBank } from "./asked-questions.js";

const pct = (n: number, d: number) => `${((100 * n) / (d || 1)).toFixed(1)}%`;

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

function print(name: string, channel: ChannelName, r: EvalReport, quiet: boolean): void {
  console.log(`\n== ${name} via ${channel}: ${r.total} questions (${r.answerable} with a figure, ${r.unsureCases} that should be "not sure")`);
  console.log(`top-1 correct               ${pct(r.top1Correct, r.total)} (${r.top1Correct}/${r.total})`);
  console.log(`confident but wrong         ${r.confidentWrong}`);
  console.log(`  … the figure in its seed words, another sheet  ${r.sameRuleElsewhere}`);
  console.log(`top-1 sheet                 ${pct(r.top1, r.answerable)} (${r.top1}/${r.answerable})`);
  console.log(`figure in first answer      ${pct(r.figure, r.answerable)} (${r.figure}/${r.answerable})`);
  console.log(`  … only in the document's words  ${r.figureOnlyInQuote}`);
  console.log(`honest "not sure"           ${pct(r.unsureCorrect, r.unsureCases)} (${r.unsureCorrect}/${r.unsureCases})`);
  console.log(`region-correct              ${pct(r.total - r.regionViolations, r.total)} (${r.regionViolations} violations)`);
  if (quiet) return;
  for (const m of r.misses)
    console.log(
      `  MISS [${m.why}${m.confident ? ", confident" : ""}] (${m.region}) ${m.question}\n       expected ${m.expected}\n       got      ${m.got.slice(0, 160)}`,
    );
}

const sheets = loadPolicyFiles();
const sets = arg("set")?.split(",") ?? evalSetFiles();
const channels = (arg("channels")?.split(",") ?? ["engine"]) as ChannelName[];
const quiet = process.argv.includes("--quiet");

const summary: string[] = [];
for (const name of channels) {
  // The engine leaves each set's own questions out of the question bank; the bot and HTTP use the system's.
  const shared = name === "engine" ? undefined : await openChannel(name, sheets);
  try {
    for (const file of sets) {
      const channel = shared ?? (await openChannel(name, sheets, file));
      const r = await evaluateAnswers(loadEvalSet(file), sheets, channel.ask);
      const label = !shared && inAskedBank(file) ? `${file} (held out of the bank)` : file;
      print(label, name, r, quiet);
      summary.push(
        `| ${label} | ${name} | ${pct(r.top1Correct, r.total)} (${r.top1Correct}/${r.total}) | ${r.confidentWrong} | ${pct(r.total - r.regionViolations, r.total)} | ${r.sameRuleElsewhere} |`,
      );
    }
  } finally {
    await shared?.close();
  }
}
console.log(
  `\n| set | channel | top-1 correct | confident but wrong | region-correct | of the wrong: its seed words, another sheet |\n|---|---|---|---|---|---|\n${summary.join("\n")}`,
);
// The bot's puppet and the test systems leave timers behind; the figures are printed.
process.exit(0);
