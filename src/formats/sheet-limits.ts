/** What an uploaded list may be: checked while it is read, so a hostile file costs little. */
export const SHEET_LIMITS = {
  /** the file as uploaded */
  fileBytes: 5 * 1024 * 1024,
  /** any one zip entry of an XLSX, inflated */
  entryBytes: 20 * 1024 * 1024,
  /** all entries of an XLSX together, inflated */
  totalBytes: 50 * 1024 * 1024,
  /** rows below the heading */
  dataRows: 10_000,
  columns: 50,
} as const;
