/**
 * Arguments as Excel hands them to a custom function, checked and turned into the core's units.
 * Each reader names the argument in its `#VALUE!` message. An omitted optional argument arrives as
 * null (Excel's convention); undefined is treated the same.
 */
import { dayFromExcelSerial, EXCEL_PHANTOM_SERIAL, parseIsoDay, type Cents, type Day } from '../domain';
import { centsFromNumber } from '../sheet/amounts';
import { readBoolean } from '../sheet/cells';
import { invalidValue } from './errors';
import type { Texts } from './texts';

/** Excel's date serials: 1 is 1900-01-01, 2958465 is 9999-12-31. */
const FIRST_SERIAL = 1;
const LAST_SERIAL = 2958465;

const isEmpty = (value: unknown): boolean =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** A buyer id: text as typed (trimmed), or a number cell's digits (`numeric`: see ActivePolicy.resolveNumericId). */
export function buyerArg(value: unknown, arg: string, t: Texts): { id: string; numeric: boolean } {
  if (isEmpty(value)) throw invalidValue(t.missing(arg));
  if (typeof value === 'string') return { id: value.trim(), numeric: false };
  if (typeof value === 'number' && Number.isFinite(value)) return { id: String(value), numeric: true };
  throw invalidValue(t.expectedBuyer(arg, t.describe(value)));
}

/** An amount in currency units, to cents (half away from zero past the cent; float artefacts read as meant). */
export function amountArg(value: unknown, arg: string, t: Texts): Cents {
  if (typeof value !== 'number') throw invalidValue(t.expectedAmount(arg, t.describe(value)));
  const read = centsFromNumber(value);
  if (read === null) throw invalidValue(t.expectedAmount(arg, t.describe(value)));
  return read.cents;
}

/** A date: an Excel serial (a date cell; the time of day is ignored) or `YYYY-MM-DD` text. */
export function dateArg(value: unknown, arg: string, t: Texts): Day {
  if (isEmpty(value)) throw invalidValue(t.missing(arg));
  // Read as a neighbouring day, it would move a deadline; the sheet reader refuses it the same way.
  if (typeof value === 'number' && Math.floor(value) === EXCEL_PHANTOM_SERIAL) throw invalidValue(t.phantomDay(arg));
  const day = dayOf(value);
  if (day === null) throw invalidValue(t.expectedDate(arg, t.describe(value)));
  return day;
}

export function optionalDateArg(value: unknown, arg: string, t: Texts): Day | null {
  return isEmpty(value) ? null : dateArg(value, arg, t);
}

function dayOf(value: unknown): Day | null {
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < FIRST_SERIAL || value >= LAST_SERIAL + 1) return null;
    return dayFromExcelSerial(value);
  }
  if (typeof value === 'string') return parseIsoDay(value.trim());
  return null;
}

/** Yes/no as the ledger reader reads it (TRUE/FALSE, Oui/Non, Yes/No, X, 1/0, Vrai/Faux); empty → null. */
export function optionalYesNoArg(value: unknown, arg: string, t: Texts): boolean | null {
  if (isEmpty(value)) return null;
  if (typeof value !== 'boolean' && typeof value !== 'number' && typeof value !== 'string')
    throw invalidValue(t.expectedYesNo(arg, t.describe(value)));
  const read = readBoolean(value);
  if (!read.ok) throw invalidValue(t.expectedYesNo(arg, t.describe(value)));
  return read.value;
}
