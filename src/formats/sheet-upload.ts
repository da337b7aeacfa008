import ExcelJS from "exceljs";
import { badRequest } from "../errors.js";
import { decodeCsv, parseCsv } from "./csv.js";

/** A table read from an uploaded CSV or XLSX file: every cell as trimmed text. */
export type Table = string[][];

const isZip = (b: Uint8Array) => b.length > 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isOle = (b: Uint8Array) => b.length > 8 && b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

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

async function readXlsx(bytes: Uint8Array): Promise<Table> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw badRequest("alert_file_unreadable", "这个Excel文件打不开，请另存为 .xlsx 或 .csv 后再上传");
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return [];
  const table: Table = [];
  for (let r = 1; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    const cells: string[] = [];
    for (let c = 1; c <= Math.max(row.cellCount, sheet.columnCount); c++) cells.push(cellText(row.getCell(c).value).trim());
    table.push(cells);
  }
  return table;
}

/** Reads the first sheet of an XLSX, or a CSV (UTF-8 or GBK), into text rows. */
export async function readTable(bytes: Uint8Array): Promise<Table> {
  if (bytes.length === 0) throw badRequest("alert_file_empty", "上传的文件是空的");
  if (isOle(bytes)) throw badRequest("alert_file_xls", "不支持旧版 .xls 文件，请在Excel里另存为 .xlsx 或 .csv 后再上传");
  if (isZip(bytes)) return readXlsx(bytes);
  return parseCsv(decodeCsv(bytes)).map((row) => row.map((c) => c.trim()));
}
