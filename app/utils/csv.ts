/**
 * CSV that Excel opens right: UTF-8 with a byte-order mark, CRLF line ends, every cell quoted
 * when it needs to be. A cell that a spreadsheet would run as a formula (it starts with =, +, -,
 * @, a tab or a carriage return) gets a leading apostrophe, so it is shown as the text it is.
 */

const BOM = "\uFEFF";
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (typeof value === "string" && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return BOM + [header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n") + "\r\n";
}
