/**
 * CSV as Excel and WPS write it (RFC 4180): fields separated by commas, quoted fields may
 * hold commas, quotes ("") and line breaks; lines end in CRLF or LF.
 */
export function parseCsv(text: string): string[][] {
  return [...csvRows(text)];
}

/** The rows of a CSV text one at a time, as `parseCsv` reads them. */
export function* csvRows(text: string): Generator<string[]> {
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = "";
  };
  const endRow = () => {
    endField();
    const done = row;
    row = [];
    return done;
  };
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
      } else {
        field += ch;
      }
      i++;
      continue;
    }
    if (ch === '"' && field === "") quoted = true;
    else if (ch === ",") endField();
    else if (ch === "\r" && text[i + 1] === "\n") {
      yield endRow();
      i++;
    } else if (ch === "\n" || ch === "\r") yield endRow();
    else field += ch;
    i++;
  }
  if (field !== "" || row.length > 0) yield endRow();
}

/**
 * The text of an uploaded CSV: UTF-8 (with or without the BOM Excel adds), else GBK, which
 * Excel on Chinese Windows uses for "CSV (逗号分隔)".
 */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder("gbk").decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
