/**
 * Text for a spreadsheet cell that stays text: a value starting with = + - @ (or a tab or
 * carriage return before one) gets a leading apostrophe, so a re-save as CSV and a re-open
 * cannot turn a typed name or reason into a formula (OWASP "CSV injection").
 */
export function safeCellText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
