/**
 * Text, yes/no and currency cells. Identifier and text columns keep the text exactly as the sheet
 * shows it (DOMAIN.md, "Readings pinned down"): a number cell is read as its displayed text, so a
 * SIREN typed as 012345678 with the format `000000000` stays "012345678".
 */
import { formatIsoDay } from '../domain/days';
import { dayFromUtcDate } from './dates';
import { displayNumber } from './formats';
import { normaliseLabel } from './labels';
import { describeCell, isCellError, type Cell } from './table';

export type CellResult<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): CellResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): CellResult<T> => ({ ok: false, reason });

/** A cell of a text column (ids, names, country, invoice number, sector, buyer type); blank → null. */
export function readText(cell: Cell, format: string | null): CellResult<string | null> {
  if (cell === null) return ok(null);
  if (isCellError(cell)) return fail(`${cell.error} is an error value`);
  if (cell instanceof Date) {
    const day = dayFromUtcDate(cell);
    return day === null ? fail('an invalid date') : ok(formatIsoDay(day));
  }
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) return fail(`${cell} is not a number`);
    const shown = displayNumber(cell, format).trim();
    return ok(shown === '' ? null : shown);
  }
  if (typeof cell === 'boolean') return ok(cell ? 'TRUE' : 'FALSE');
  const text = cell.trim();
  return ok(text === '' ? null : text);
}

const YES = new Set(['oui', 'o', 'yes', 'y', 'x', '1', 'true', 'vrai']);
const NO = new Set(['non', 'n', 'no', '0', 'false', 'faux']);

/**
 * The readings of the texts a yes/no or currency column repeats on every row (`Oui`, `EUR`): the
 * results are immutable, so one per distinct text is enough. Bounded, as a column of free text
 * must not grow it without end.
 */
class TextMemo<T> {
  private readonly seen = new Map<string, CellResult<T>>();
  constructor(private readonly read: (text: string) => CellResult<T>) {}
  get(text: string): CellResult<T> {
    let result = this.seen.get(text);
    if (result === undefined) {
      result = this.read(text);
      if (this.seen.size < 4096) this.seen.set(text, result);
    }
    return result;
  }
}

const booleanTexts = new TextMemo<boolean | null>(booleanFromText);
const currencyTexts = new TextMemo<string | null>(currencyFromText);

/** A yes/no cell (`Oui`, `Non`, `Yes`, `No`, `X`, `1`, `0`, `TRUE`, `FALSE`, `vrai`, `faux`, `Y`, `N`); blank → null. */
export function readBoolean(cell: Cell): CellResult<boolean | null> {
  if (cell === null) return ok(null);
  if (isCellError(cell)) return fail(`${cell.error} is an error value`);
  if (typeof cell === 'boolean') return ok(cell);
  if (typeof cell === 'number') {
    if (cell === 1) return ok(true);
    if (cell === 0) return ok(false);
    return fail(`${cell} is not yes or no`);
  }
  if (cell instanceof Date) return fail(`${describeCell(cell)} is not yes or no`);
  return booleanTexts.get(cell);
}

function booleanFromText(cell: string): CellResult<boolean | null> {
  const text = cell.trim();
  if (text === '') return ok(null);
  const word = normaliseLabel(text);
  if (YES.has(word)) return ok(true);
  if (NO.has(word)) return ok(false);
  return fail(`"${text}" is not yes or no`);
}

const CURRENCY_SYMBOLS: Record<string, string> = {
  '€': 'EUR',
  $: 'USD',
  US$: 'USD',
  '£': 'GBP',
  '¥': 'JPY',
  EURO: 'EUR',
  EUROS: 'EUR',
};

/** An ISO currency code from a code or a symbol (`€` → EUR), or null when the text is neither. */
export function currencyCode(text: string): string | null {
  const t = text.trim();
  const symbol = CURRENCY_SYMBOLS[t.toUpperCase()];
  if (symbol) return symbol;
  return /^[A-Za-z]{3}$/.test(t) ? t.toUpperCase() : null;
}

/** A cell of the currency column: an uppercase ISO code; blank → null. */
export function readCurrency(cell: Cell): CellResult<string | null> {
  if (cell === null) return ok(null);
  if (isCellError(cell)) return fail(`${cell.error} is an error value`);
  if (typeof cell !== 'string') return fail(`${describeCell(cell)} is not a currency code`);
  return currencyTexts.get(cell);
}

function currencyFromText(cell: string): CellResult<string | null> {
  if (cell.trim() === '') return ok(null);
  const code = currencyCode(cell);
  return code === null ? fail(`"${cell.trim()}" is not a currency code`) : ok(code);
}
