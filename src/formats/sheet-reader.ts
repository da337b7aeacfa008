import { Readable } from "node:stream";
import { inflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { AppError, badRequest } from "../errors.js";
import { csvRows, decodeCsv } from "./csv.js";
import { SHEET_LIMITS } from "./sheet-limits.js";

/** Rows read from an uploaded CSV or XLSX file: every cell as trimmed text. */
export type Table = string[][];

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

const unreadable = () => badRequest("alert_file_unreadable", "这个Excel文件打不开，请另存为 .xlsx 或 .csv 后再上传");
const tooBig = () => new AppError(413, "alert_file_inflates_too_much", "这个Excel文件解压后太大了，不像正常的名单，请另存为 .csv 或删掉多余的内容后再上传");
const tooManyRows = () => badRequest("alert_file_too_many_rows", `一次最多上传${SHEET_LIMITS.dataRows}行，请分成几个文件`);
const tooManyColumns = () => badRequest("alert_file_too_many_columns", `表格最多${SHEET_LIMITS.columns}列，请删掉多余的列后再上传`);

/** One cell's value as text. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "是" : "否";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("error" in value) return "";
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("text" in value && typeof value.text === "string") return value.text;
    if ("result" in value) return cellText(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

/**
 * Checks an XLSX's zip before anything inflates it for real: every entry the central directory
 * lists is inflated here with a ceiling (one entry ≤ 20 MB, all ≤ 50 MB), and the entries must
 * tile the file up to the directory, so no entry hides from this check that a streaming reader
 * would still find.
 */
export function checkZip(bytes: Buffer): void {
  const eocd = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0 || eocd + 22 > bytes.length) throw unreadable();
  const count = bytes.readUInt16LE(eocd + 10);
  const dirSize = bytes.readUInt32LE(eocd + 12);
  const dirStart = bytes.readUInt32LE(eocd + 16);
  if (count === 0xffff || dirStart === 0xffffffff || dirStart + dirSize > eocd) throw unreadable();
  const entries: Array<{ flags: number; method: number; packed: number; size: number; offset: number }> = [];
  let p = dirStart;
  for (let i = 0; i < count; i++) {
    if (p + 46 > eocd || bytes.readUInt32LE(p) !== 0x02014b50) throw unreadable();
    entries.push({
      flags: bytes.readUInt16LE(p + 8),
      method: bytes.readUInt16LE(p + 10),
      packed: bytes.readUInt32LE(p + 20),
      size: bytes.readUInt32LE(p + 24),
      offset: bytes.readUInt32LE(p + 42),
    });
    p += 46 + bytes.readUInt16LE(p + 28) + bytes.readUInt16LE(p + 30) + bytes.readUInt16LE(p + 32);
  }
  entries.sort((a, b) => a.offset - b.offset);
  let expected = 0;
  let total = 0;
  for (const e of entries) {
    if (e.offset !== expected || e.offset + 30 > dirStart || bytes.readUInt32LE(e.offset) !== 0x04034b50) throw unreadable();
    const dataStart = e.offset + 30 + bytes.readUInt16LE(e.offset + 26) + bytes.readUInt16LE(e.offset + 28);
    const dataEnd = dataStart + e.packed;
    if (dataEnd > dirStart) throw unreadable();
    if (e.size > SHEET_LIMITS.entryBytes || total + e.size > SHEET_LIMITS.totalBytes) throw tooBig();
    let inflated: number;
    if (e.method === 0) inflated = e.packed;
    else if (e.method === 8) {
      const ceiling = Math.min(SHEET_LIMITS.entryBytes, SHEET_LIMITS.totalBytes - total);
      try {
        inflated = inflateRawSync(bytes.subarray(dataStart, dataEnd), { maxOutputLength: Math.max(1, ceiling) }).length;
      } catch (err) {
        if ((err as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") throw tooBig();
        throw unreadable();
      }
    } else throw unreadable();
    if (inflated !== e.size) throw unreadable();
    total += inflated;
    expected = dataEnd;
    // a data descriptor (flag bit 3) follows the data: 16 bytes with its signature, 12 without
    if (e.flags & 8) expected += bytes.readUInt32LE(dataEnd) === 0x08074b50 ? 16 : 12;
  }
  if (expected !== dirStart) throw unreadable();
}

/**
 * Reads the first sheet with ExcelJS's streaming reader, row by row. Only rows the file holds
 * are produced (a gap is empty rows); a row past the limit or a filled cell past column 50
 * stops the read at once.
 */
async function* xlsxRows(bytes: Buffer): AsyncGenerator<string[]> {
  checkZip(bytes);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([bytes]), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  });
  let produced = 0;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          const text = cellText(cell.value).trim();
          if (!text) return;
          if (column > SHEET_LIMITS.columns) throw tooManyColumns();
          cells[column - 1] = text;
        });
        if (cells.length === 0) continue;
        if (row.number > SHEET_LIMITS.dataRows + 1) throw tooManyRows();
        for (; produced < row.number - 1; produced++) yield [];
        produced++;
        yield Array.from(cells, (c) => c ?? "");
      }
      break; // the first sheet only
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw unreadable();
  }
}

/** The rows of a CSV (UTF-8 or GBK), within SHEET_LIMITS, one at a time. */
function* csvTableRows(bytes: Uint8Array): Generator<string[]> {
  let produced = 0;
  for (const row of csvRows(decodeCsv(bytes))) {
    if (++produced > SHEET_LIMITS.dataRows + 1) throw tooManyRows();
    if (row.length > SHEET_LIMITS.columns && row.slice(SHEET_LIMITS.columns).some((c) => c.trim())) throw tooManyColumns();
    yield row.slice(0, SHEET_LIMITS.columns).map((c) => c.trim());
  }
}

/**
 * Reads the first sheet of an XLSX, or a CSV (UTF-8 or GBK), a row at a time as trimmed text,
 * within SHEET_LIMITS: a limit is met as the read reaches it, so a caller may have taken rows before.
 */
export async function* readRows(bytes: Uint8Array): AsyncGenerator<string[]> {
  if (bytes.length === 0) throw badRequest("alert_file_empty", "上传的文件是空的");
  if (bytes.length > SHEET_LIMITS.fileBytes) throw new AppError(413, "upload_too_large", "文件太大了（不能超过5MB），请分成几个文件上传");
  if (isOle(bytes)) throw badRequest("alert_file_xls", "不支持旧版 .xls 文件，请在Excel里另存为 .xlsx 或 .csv 后再上传");
  if (isZip(bytes)) yield* xlsxRows(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  else yield* csvTableRows(bytes);
}
