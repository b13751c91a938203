/**
 * Plan cells (`sheet/output`) into ExcelJS cells: the one place the CLI turns the host-agnostic
 * values into ExcelJS values, so text is always stored as text and dates as dates.
 */
import type ExcelJS from 'exceljs';
import { isDateCell, isTextCell, TEXT_FORMAT, type PlanCell } from '../sheet/output';

/** A `YYYY-MM-DD` day as ExcelJS wants a date: a UTC-midnight instant (ExcelJS converts through UTC). */
export function dateFromIso(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/**
 * Writes one plan cell. Text goes in as a plain string, which ExcelJS stores as a shared string,
 * never as a formula, whatever its first character; the text format keeps Excel from turning it
 * into a formula when the user later edits the cell.
 */
export function writePlanCell(cell: ExcelJS.Cell, value: PlanCell, numberFormat: string): void {
  if (isTextCell(value)) {
    cell.value = value.text;
    cell.numFmt = TEXT_FORMAT;
  } else if (isDateCell(value)) {
    cell.value = dateFromIso(value.iso);
    cell.numFmt = numberFormat;
  } else {
    cell.value = value;
    cell.numFmt = numberFormat;
  }
}

/** `FF` alpha + RRGGBB, as ExcelJS colours are written. */
export function argb(rgb: string): { argb: string } {
  return { argb: `FF${rgb}` };
}

export function solidFill(rgb: string): ExcelJS.FillPattern {
  return { type: 'pattern', pattern: 'solid', fgColor: argb(rgb), bgColor: argb(rgb) };
}
