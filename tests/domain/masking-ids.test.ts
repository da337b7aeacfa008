import { describe, expect, it } from "vitest";
import { ID_NUMBER_MESSAGES, idNumberProblem } from "../../src/domain/id-number.js";
import { isMobilePhone, maskIdNumber, maskName, maskPhone } from "../../src/domain/masking.js";

describe("masking what lists and logs show", () => {
  // fails if: a short or odd value is shown in clear instead of as ****.
  it.each([
    ["18 digits", "231226198001011234", "231226********1234"],
    ["15 digits (old cards)", "231226800101123", "231226*****1123"],
    ["10 characters: area and last four only", "2312261234", "2312261234"],
    ["9 characters: too short to show any", "231226123", "****"],
    ["empty", "", "****"],
  ])("an ID number of %s", (_why, id, shown) => expect(maskIdNumber(id)).toBe(shown));

  // fails if: a short phone is shown in clear (tried: maskPhone returning a 6-digit number as it is).
  it.each([
    ["11 digits", "13812345678", "138****5678"],
    ["7 digits (a landline)", "8123456", "812****3456"],
    ["6 digits", "812345", "****"],
    ["empty (no phone given)", "", "****"],
  ])("a phone of %s", (_why, phone, shown) => expect(maskPhone(phone)).toBe(shown));

  // fails if: a name shows more than its family name (tried: the first two characters kept).
  it.each([
    ["张三丰", "张**"],
    ["李四", "李*"],
    ["王", "王"],
    ["", ""],
  ])("the name %s shows as %s", (name, shown) => expect(maskName(name)).toBe(shown));

  it.each([
    ["13812345678", true],
    ["19912345678", true],
    ["12812345678", false],
    ["1381234567", false],
    ["138123456789", false],
    ["+8613812345678", false],
    ["1381234567x", false],
  ])("%s is a mainland mobile: %s", (phone, ok) => expect(isMobilePhone(phone)).toBe(ok));
});

describe("ID numbers: the edges of the birth date and the shape", () => {
  const today = new Date("2026-11-24T00:00:00Z");
  it.each([
    ["born 1 January 1900", "231226190001010013", null],
    ["born 31 December 1899", "231226189912310012", "birth_date"],
    ["born today", "231226202611240016", null],
    ["born tomorrow", "231226202611250011", "birth_date"],
    ["month 13", "231226198013010017", "birth_date"],
    ["month 00", "231226198000010015", "birth_date"],
    ["day 00", "231226198001000012", "birth_date"],
    ["day 32", "231226198001320015", "birth_date"],
    ["29 February of a leap year", "231226200002290014", null],
    ["29 February of a common year", "231226200102290013", "birth_date"],
    ["a letter in front", "A23122619800101001X", "length"],
    ["a digit too many", "2312261980010100121", "length"],
    ["an X in the middle", "2312261980X1010012", "length"],
  ])("%s", (_why, body, problem) => {
    // the check character is computed here so only the birth date or shape decides
    const first17 = body.slice(0, 17);
    const fixed = /^\d{17}$/.test(first17) && body.length === 18 && !/X/.test(first17) ? first17 + checkChar(first17) : body;
    expect(idNumberProblem(fixed, today)).toBe(problem);
  });

  it("each problem has its own plain message", () => {
    expect(ID_NUMBER_MESSAGES.length).toMatch(/18位/);
    expect(ID_NUMBER_MESSAGES.birth_date).toMatch(/出生日期/);
    expect(ID_NUMBER_MESSAGES.check_digit).toMatch(/校验码/);
  });
});

/** GB 11643's check character, written out again here so the test does not trust the code under test. */
function checkChar(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * weights[i], 0);
  return "10X98765432"[sum % 11];
}
