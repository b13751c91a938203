/**
 * ExcelJS values of the host-agnostic plan, for the workbooks the CLI still writes through ExcelJS
 * (`compare --out`): dates and colours as ExcelJS wants them.
 */
import type ExcelJS from 'exceljs';

/** A `YYYY-MM-DD` day as ExcelJS wants a date: a UTC-midnight instant (ExcelJS converts through UTC). */
export function dateFromIso(iso: string): Date {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** `FF` alpha + RRGGBB, as ExcelJS colours are written. */
export function argb(rgb: string): { argb: string } {
  return { argb: `FF${rgb}` };
}

export function solidFill(rgb: string): ExcelJS.FillPattern {
  return { type: 'pattern', pattern: 'solid', fgColor: argb(rgb), bgColor: argb(rgb) };
}
