/**
 * Plan cells (`sheet/output`) as Office.js values, and Office.js cells as the reader's `Cell`s: the
 * one place the add-in converts between the two.
 *
 * Text is always written into cells whose number format is text (`@`), set before the value. Excel
 * reads a string written through `Range.values` as if it were typed: `=…`, `+…`, `-…` and `@…`
 * become formulas, `0012` becomes 12, `1/2` a date. In a text-formatted cell it keeps the string
 * as given. The other way to force text, an apostrophe prefix (`'=…`), relies on the same typing
 * parser for each value and leaves the cell General, so the next edit turns it back into a
 * formula; the text format stays with the cell. A buyer called `=HYPERLINK(…)` stays a name, and a
 * SIREN keeps its leading zero.
 */
import { excelSerialFromDay, parseIsoDay } from '../domain';
import { TEXT_FORMAT, isDateCell, isTextCell, type PlanCell } from '../sheet/output';
import type { Cell } from '../sheet/table';

/** What `Range.values` takes: `""` empties a cell (`null` would leave it unchanged). */
export type ExcelValue = string | number | boolean;

export function excelDate(iso: string): number {
  const day = parseIsoDay(iso);
  if (day === null) throw new Error(`"${iso}" is not a YYYY-MM-DD date`);
  return excelSerialFromDay(day);
}

export function excelValue(cell: PlanCell): ExcelValue {
  if (cell === null) return '';
  if (isTextCell(cell)) return cell.text;
  if (isDateCell(cell)) return excelDate(cell.iso);
  return cell;
}

/** The number format a plan cell needs, given its column's: text is text wherever it appears. */
export function cellFormat(cell: PlanCell, columnFormat: string): string {
  return isTextCell(cell) ? TEXT_FORMAT : columnFormat;
}

/**
 * One cell as Office.js gives it (`values`, `valueTypes`) as the reader's `Cell`: an error value
 * becomes `{ error }`, an empty cell null (a formula's empty string stays a string).
 */
export function readerCell(value: unknown, type: string | undefined): Cell {
  if (type === 'Empty') return null;
  if (type === 'Error') return { error: String(value) };
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  // A rich value (linked data type, image) has no plain value the reader could use.
  return value === null || value === undefined ? null : String(value);
}
