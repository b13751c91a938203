/**
 * Plan cells (`sheet/output`) as SpreadsheetML `<c>` elements. Text is always an inline string
 * (`t="inlineStr"`), never a formula, whatever its first character; the column's text format
 * (`@`) keeps Excel from turning it into one when the user later edits the cell. Dates are
 * serial numbers in the workbook's date system, with the column's date format.
 */
import { isDateCell, isTextCell, type PlanCell } from '../sheet/output';
import { columnLetter } from '../sheet/table';
import { escapeCellText } from './xlsx-package-xml';

const DAY_MS = 86_400_000;
/** Serial 0 of the 1900 date system is 1899-12-30 once Excel's phantom 1900-02-29 is accounted for. */
const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const FIRST_TRUE_DAY_1900 = Date.UTC(1900, 2, 1);

/** A `YYYY-MM-DD` day as Excel's serial number, or null for a day the date system cannot hold. */
export function excelSerial(iso: string, date1904: boolean): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return null;
  const time = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (date1904) return time < EPOCH_1904 ? null : (time - EPOCH_1904) / DAY_MS;
  if (time < Date.UTC(1900, 0, 1)) return null;
  // Before 1900-03-01 Excel's serials are one lower than the calendar's (it counts 1900-02-29).
  return (time - EPOCH_1900) / DAY_MS - (time < FIRST_TRUE_DAY_1900 ? 1 : 0);
}

export function cellRef(column: number, row: number): string {
  return `${columnLetter(column - 1)}${row}`;
}

/** The error values a cell can hold (`t="e"`); any other `#…` text is written as text. */
const ERROR_CODES: ReadonlySet<string> = new Set([
  '#NULL!',
  '#DIV/0!',
  '#VALUE!',
  '#REF!',
  '#NAME?',
  '#NUM!',
  '#N/A',
  '#GETTING_DATA',
]);

/**
 * Writes cells; remembers the escaped form of repeated texts (statuses, reasons) of a long column.
 * `prefix` is the sheet's namespace prefix (`x:`), when its SpreadsheetML elements carry one.
 */
export class CellWriter {
  private readonly escaped = new Map<string, string>();
  /** A long ledger repeats a few hundred distinct days. */
  private readonly serials = new Map<string, number | null>();
  private readonly open: string;
  private readonly close: string;
  private readonly v: string;
  private readonly vEnd: string;

  /**
   * `cacheTexts`: how many distinct texts to remember. The first few hundred of a ledger's column
   * are the statuses and reasons that repeat; a user's own column of names would only fill it.
   */
  constructor(
    private readonly date1904: boolean,
    private readonly prefix = '',
    private readonly cacheTexts = 1000,
  ) {
    this.open = `<${prefix}c r="`;
    this.close = `</${prefix}c>`;
    this.v = `<${prefix}v>`;
    this.vEnd = `</${prefix}v>`;
  }

  private inline(text: string): string {
    let body = this.escaped.get(text);
    if (body === undefined) {
      const p = this.prefix;
      const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
      body = `t="inlineStr"><${p}is><${p}t${space}>${escapeCellText(text)}</${p}t></${p}is>`;
      if (this.escaped.size < this.cacheTexts) this.escaped.set(text, body);
    }
    return body;
  }

  private start(ref: string, style: number): string {
    return style === 0 ? `${this.open}${ref}"` : `${this.open}${ref}" s="${style}"`;
  }

  text(ref: string, text: string, style: number): string {
    return `${this.start(ref, style)} ${this.inline(text)}${this.close}`;
  }

  number(ref: string, value: number, style: number): string {
    return Number.isFinite(value)
      ? `${this.start(ref, style)}>${this.v}${value}${this.vEnd}${this.close}`
      : `${this.start(ref, style)}/>`;
  }

  boolean(ref: string, value: boolean, style: number): string {
    return `${this.start(ref, style)} t="b">${this.v}${value ? 1 : 0}${this.vEnd}${this.close}`;
  }

  empty(ref: string, style: number): string {
    return `${this.start(ref, style)}/>`;
  }

  error(ref: string, code: string, style: number): string {
    if (!ERROR_CODES.has(code)) return this.text(ref, code, style);
    return `${this.start(ref, style)} t="e">${this.v}${code}${this.vEnd}${this.close}`;
  }

  /** A plan cell; a date the date system cannot hold is written as its ISO text. */
  plan(ref: string, value: PlanCell, style: number): string {
    if (value === null) return this.empty(ref, style);
    if (typeof value === 'number') return this.number(ref, value, style);
    if (isTextCell(value)) return this.text(ref, value.text, style);
    if (isDateCell(value)) {
      let serial = this.serials.get(value.iso);
      if (serial === undefined) {
        serial = excelSerial(value.iso, this.date1904);
        this.serials.set(value.iso, serial);
      }
      return serial === null ? this.text(ref, value.iso, style) : this.number(ref, serial, style);
    }
    return this.empty(ref, style);
  }
}
