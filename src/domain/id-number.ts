/**
 * Resident ID numbers (GB 11643-1999): 17 digits, then a check character computed with
 * ISO 7064 MOD 11-2. Returns the reason an ID number is wrong, or null when it is right.
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";

export type IdNumberProblem = "length" | "birth_date" | "check_digit";

export function idNumberCheckChar(first17: string): string {
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

export function idNumberProblem(id: string, today: Date = new Date()): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return "length";
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(y, m - 1, d));
  const valid = birth.getUTCFullYear() === y && birth.getUTCMonth() === m - 1 && birth.getUTCDate() === d;
  if (!valid || y < 1900 || birth.getTime() > today.getTime()) return "birth_date";
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) return "check_digit";
  return null;
}

export const ID_NUMBER_MESSAGES: Record<IdNumberProblem, string> = {
  length: "身份证号应为18位，最后一位可以是数字或X",
  birth_date: "身份证号里的出生日期不对，请核对",
  check_digit: "身份证号最后一位校验码不对，请逐位核对",
};
