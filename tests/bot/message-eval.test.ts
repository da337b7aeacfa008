import { describe, expect, it } from "vitest";
import { evaluateMessages, loadMessageSet } from "../../scripts/message-evaluation.js";

/**
 * The bot on chat messages nobody on the team wrote (eval/messages-blind-*.json, README "Measured on chat
 * messages nobody had seen"): what it did for each, through the real bot, may only get better. Floors
 * are the counts measured when the last change to the intents or the hardship words landed.
 */
// Raised when W″ landed (prereg-196-201): an overheard policy question the bot is unsure of gets one line.
const FLOORS = [
  // set 1: first run 129/200 (the bot before); tuned on since
  { file: "eval/messages-blind-1.json", right: 192, falseOffers: 1 },
  // set 2: first run 169/200 after the intents changes, sealed until then
  { file: "eval/messages-blind-2.json", right: 190, falseOffers: 0 },
  // set 3: first run 183/200 after the hardship words were reviewed, sealed until then
  { file: "eval/messages-blind-3.json", right: 195, falseOffers: 0 },
  // set 4: first run 154/200 on c42bdab, before the statement intent and the second word review
  { file: "eval/messages-blind-4.json", right: 183, falseOffers: 2 },
  // set 5: first run 185/200 on 4cae04f, sealed until then (the bot before this round: 167)
  { file: "eval/messages-blind-5.json", right: 194, falseOffers: 0 },
  // set 6 (hard mixes asked for): first run 165/200 on 88004b0, sealed until then (496ca55: 159; bb75f8e: 139)
  { file: "eval/messages-blind-6.json", right: 174, falseOffers: 0 },
  // set 7 (questions to the bot about nothing a policy covers, and policies no sheet covers, asked for): first run
  // 178/200 on b3a6d22, sealed until then (5aeebef: 165; bb75f8e: 153)
  { file: "eval/messages-blind-7.json", right: 182, falseOffers: 1 },
  // set 8 (the weeks before the New Year; 198 after two repeats of older sets were taken out): first run 179/198 on
  // 92bcd32 (the bot before W″: 176, 0 offers where none was due)
  { file: "eval/messages-blind-8.json", right: 179, falseOffers: 1 },
];

describe("the bot on households' chat messages, against its recorded figures", () => {
  // fails if: a change to the intents or the hardship words makes the bot answer, invite or offer where it did not
  it.each(FLOORS)(
    "$file: at least $right messages handled as the household expected",
    async ({ file, right, falseOffers }) => {
      const r = await evaluateMessages(loadMessageSet(file));
      expect(r.right, r.misses.join("\n")).toBeGreaterThanOrEqual(right);
      expect(r.falseOffers, r.misses.join("\n")).toBeLessThanOrEqual(falseOffers);
    },
    120_000,
  );
});
