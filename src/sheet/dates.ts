/**
 * Date cells: Excel serial numbers, real dates from the host, ISO text, and `dd/mm/yyyy` or
 * `m/d/yyyy` text, whose day/month order is inferred from the whole column (a part above 12 can
 * only be a day), else from the sheet's other date columns, else from the options.
 */
import { dayFromExcelSerial, dayFromParts, EXCEL_PHANTOM_SERIAL, isValidDate } from '../domain/days';
import type { Day } from '../domain/types';
import { isDateFormat } from './formats';
import { describeCell, isCellError, type Cell } from './table';

export type DateOrder = 'dmy' | 'mdy';

/** How a column's day/month order was decided, for the mapping and its info diagnostic. */
export interface DateOrderChoice {
  order: DateOrder;
  /** `column`: the column shows it; `sheet`: another date column shows it; `option`: `dateOrder`; `locale`: the locale. */
  source: 'column' | 'sheet' | 'option' | 'locale';
  reason: string;
}

/** What one date cell holds, before the column's order is known. */
export type DateScan =
  | { kind: 'blank' }
  | { kind: 'day'; day: Day }
  /** `a/b/year` text: which of a and b is the day depends on the column. */
  | { kind: 'parts'; first: number; second: number; year: number; text: string }
  | { kind: 'bad'; reason: string };

/** The largest serial Excel shows as a date (9999-12-31). */
const MAX_SERIAL = 2958465;

const TIME = String.raw`(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?: ?[AaPp][Mm])?(?:Z|[+-]\d{2}:?\d{2})?)?`;
const ISO = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const PARTS = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/;
const SERIAL_TEXT = /^\d{5}(?:\.\d+)?$/;

/** A typed year outside 1900–2199 is a typo (0207 for 2027), not a ledger date. */
function plausibleYear(year: number): boolean {
  return year >= 1900 && year <= 2199;
}

/** The calendar day of a host date (a UTC-midnight instant from ExcelJS), or null when invalid. */
export function dayFromUtcDate(date: Date): Day | null {
  if (Number.isNaN(date.getTime())) return null;
  return dayFromParts(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate());
}

function dayFromSerial(serial: number): Day | null {
  return serial >= 1 && serial < MAX_SERIAL + 1 ? dayFromExcelSerial(serial) : null;
}

/** `20270630` as a number or text: ERP exports write dates so; no serial is that large. */
function dayFromCompact(text: string): Day | null {
  const m = COMPACT.exec(text);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1900 && isValidDate(year, month, day) ? dayFromParts(year, month, day) : null;
}

function notADate(cell: Cell): DateScan {
  const shown = describeCell(cell);
  return { kind: 'bad', reason: `${typeof cell === 'string' ? `"${shown}"` : shown} is not a date` };
}

const PHANTOM_DAY =
  "serial 60 is Excel's 29/02/1900, a day that never existed (Excel's 1900 leap-year bug): correct the date";

/** Reads what a date cell holds. A number is an Excel serial (a date format confirms it) or `yyyymmdd`. */
export function scanDate(cell: Cell, format: string | null): DateScan {
  if (cell === null) return { kind: 'blank' };
  if (isCellError(cell)) return { kind: 'bad', reason: `${cell.error} is an error value` };
  if (cell instanceof Date) {
    const day = dayFromUtcDate(cell);
    return day === null ? { kind: 'bad', reason: 'an invalid date' } : { kind: 'day', day };
  }
  if (typeof cell === 'boolean') return notADate(cell);
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return notADate(cell);
    if (Math.floor(cell) === EXCEL_PHANTOM_SERIAL) return { kind: 'bad', reason: PHANTOM_DAY };
    const compact = isDateFormat(format) ? null : dayFromCompact(String(cell));
    const day = compact ?? dayFromSerial(cell);
    return day === null ? notADate(cell) : { kind: 'day', day };
  }
  const text = cell.trim();
  if (text === '') return { kind: 'blank' };
  const iso = ISO.exec(text);
  if (iso) {
    const [year, month, day] = [Number(iso[1]), Number(iso[3]), Number(iso[4])];
    return plausibleYear(year) && isValidDate(year, month, day)
      ? { kind: 'day', day: dayFromParts(year, month, day) }
      : notADate(text);
  }
  const parts = PARTS.exec(text);
  if (parts) {
    const yearText = parts[4] ?? '';
    const year = yearText.length === 2 ? 2000 + Number(yearText) : Number(yearText);
    if (!plausibleYear(year)) return notADate(text);
    return { kind: 'parts', first: Number(parts[1]), second: Number(parts[3]), year, text };
  }
  const compact = dayFromCompact(text);
  if (compact !== null) return { kind: 'day', day: compact };
  if (SERIAL_TEXT.test(text)) {
    const day = dayFromSerial(Number(text));
    if (day !== null) return { kind: 'day', day };
  }
  return notADate(text);
}

/** The day of `a/b/year` text in a given order, or null when it is no calendar day (31/02/2027). */
export function dayFromOrderedParts(
  scan: { first: number; second: number; year: number },
  order: DateOrder,
): Day | null {
  const [day, month] = order === 'dmy' ? [scan.first, scan.second] : [scan.second, scan.first];
  return isValidDate(scan.year, month, day) ? dayFromParts(scan.year, month, day) : null;
}

/** Does the order matter for this text? 05/05/2027 reads the same either way. */
export function orderMatters(scan: { first: number; second: number }): boolean {
  return scan.first !== scan.second;
}

export interface OrderWitness {
  row: number;
  text: string;
  part: number;
}

/** The first cell of a column that shows each order: a part above 12 can only be a day. */
export interface OrderEvidence {
  dayFirst: OrderWitness | null;
  monthFirst: OrderWitness | null;
}

export function orderEvidence(scans: readonly DateScan[], rowOf: (offset: number) => number): OrderEvidence {
  const evidence: OrderEvidence = { dayFirst: null, monthFirst: null };
  for (let offset = 0; offset < scans.length; offset++) {
    const scan = scans[offset];
    if (scan?.kind !== 'parts') continue;
    const row = rowOf(offset);
    // 13/13/2027 is no date in any order: it says nothing about the column.
    if (scan.first > 12 && scan.second <= 12 && evidence.dayFirst === null) {
      evidence.dayFirst = { row, text: scan.text, part: scan.first };
    } else if (scan.second > 12 && scan.first <= 12 && evidence.monthFirst === null) {
      evidence.monthFirst = { row, text: scan.text, part: scan.second };
    }
  }
  return evidence;
}

/** The order a column's evidence shows on its own: null when it shows neither or both. */
export function evidenceOrder(evidence: OrderEvidence): DateOrder | null {
  if (evidence.dayFirst && !evidence.monthFirst) return 'dmy';
  if (evidence.monthFirst && !evidence.dayFirst) return 'mdy';
  return null;
}

export function describeWitness(witness: OrderWitness, order: DateOrder): string {
  const which = order === 'dmy' ? 'first' : 'second';
  return `row ${witness.row} has "${witness.text}", whose ${which} part (${witness.part}) can only be a day`;
}

export function describeOrder(order: DateOrder): string {
  return order === 'dmy' ? 'day first (d/m/y)' : 'month first (m/d/y)';
}
