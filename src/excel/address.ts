/**
 * A1 addresses as Office.js gives and takes them: `Ledger!B3:K120`, `'Balance âgée'!A1`,
 * `$J$1:$Q$1001`, whole rows `5:5` and whole columns `A:C`. Pure text handling, shared by the
 * adapter and the in-memory host so that both read an address the same way.
 */
import type { CellRange } from '../sheet/output';
import { columnLetter } from '../sheet/table';

/** Excel's grid: rows 1..1,048,576, columns A..XFD. */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

export interface ParsedAddress {
  /** The sheet named before `!`, unquoted; null when the address has none. */
  sheet: string | null;
  range: CellRange;
}

/** 1-based column number of column letters: A → 1, AA → 27. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) throw new Error(`"${letters}" is not a column`);
    n = n * 26 + code - 64;
  }
  return n;
}

/** Column letters of a 1-based column number. */
export function columnName(column: number): string {
  return columnLetter(column - 1);
}

export function cellName(row: number, column: number): string {
  return `${columnName(column)}${row}`;
}

/** `A1` for one cell, `A1:B2` otherwise. */
export function rangeName(range: CellRange): string {
  const first = cellName(range.firstRow, range.firstColumn);
  if (range.firstRow === range.lastRow && range.firstColumn === range.lastColumn) return first;
  return `${first}:${cellName(range.lastRow, range.lastColumn)}`;
}

/** `$A$1:$B$2`: the form of a reference in a defined name's formula. */
export function absoluteRangeName(range: CellRange): string {
  const abs = (row: number, column: number): string => `$${columnName(column)}$${row}`;
  const first = abs(range.firstRow, range.firstColumn);
  if (range.firstRow === range.lastRow && range.firstColumn === range.lastColumn) return first;
  return `${first}:${abs(range.lastRow, range.lastColumn)}`;
}

/**
 * A sheet name as Excel writes it before `!`. Quoting every name is always valid (Excel accepts
 * `'Sheet1'!A1`), and it spares guessing which names look like cell references (`A1`, `R1C1`).
 */
export function quoteSheetName(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** A sheet name as Office.js shows it in an address: bare when it can be, quoted otherwise. */
export function sheetReference(sheet: string): string {
  const bare = /^[A-Za-z_\u00C0-\uFFFF][A-Za-z0-9_.\u00C0-\uFFFF]*$/.test(sheet) && !/^[A-Za-z]{1,3}\d+$/.test(sheet);
  return bare ? sheet : quoteSheetName(sheet);
}

/** The way Office.js shows a range's `address`: `Ledger!B3:K120`, `'Balance âgée'!A1`. */
export function qualifiedAddress(sheet: string, range: CellRange): string {
  return `${sheetReference(sheet)}!${rangeName(range)}`;
}

/** Splits `Sheet!A1:B2` into its sheet (unquoted) and the rest; the rest is left untouched. */
function splitSheet(text: string): { sheet: string | null; rest: string } {
  const trimmed = text.trim().replace(/^=/, '');
  if (trimmed.startsWith("'")) {
    let i = 1;
    let name = '';
    while (i < trimmed.length) {
      const ch = trimmed.charAt(i);
      if (ch === "'") {
        if (trimmed.charAt(i + 1) === "'") {
          name += "'";
          i += 2;
          continue;
        }
        break;
      }
      name += ch;
      i++;
    }
    if (trimmed.charAt(i + 1) !== '!') throw new Error(`"${text}" is not an address`);
    return { sheet: name, rest: trimmed.slice(i + 2) };
  }
  const bang = trimmed.lastIndexOf('!');
  return bang === -1
    ? { sheet: null, rest: trimmed }
    : { sheet: trimmed.slice(0, bang), rest: trimmed.slice(bang + 1) };
}

type Part = { row: number | null; column: number | null };

function parsePart(text: string): Part {
  const m = /^\$?([A-Za-z]{0,3})\$?(\d*)$/.exec(text.trim());
  if (!m || (m[1] === '' && m[2] === '')) throw new Error(`"${text}" is not a cell reference`);
  return { column: m[1] === '' ? null : columnNumber(m[1]), row: m[2] === '' ? null : Number(m[2]) };
}

/** Parses one area: `A1`, `A1:B2`, `A:C`, `5:5`, with or without `$` and a sheet. */
export function parseAddress(text: string): ParsedAddress {
  // A defined name whose sheet was deleted reads `=#REF!$A$1`: it points nowhere.
  if (text.includes('#REF!')) throw new Error(`"${text}" is not an address`);
  const { sheet, rest } = splitSheet(text);
  if (rest === '') throw new Error(`"${text}" is not an address`);
  const [a, b, extra] = rest.split(':');
  if (extra !== undefined) throw new Error(`"${text}" is not an address`);
  const first = parsePart(a);
  const last = b === undefined ? first : parsePart(b);
  // `5:5` is whole rows, `A:C` whole columns; a cell and a row cannot be mixed (`A1:5`).
  if ((first.row === null) !== (last.row === null) || (first.column === null) !== (last.column === null)) {
    throw new Error(`"${text}" is not an address`);
  }
  const range: CellRange = {
    firstRow: first.row ?? 1,
    lastRow: last.row ?? MAX_ROWS,
    firstColumn: first.column ?? 1,
    lastColumn: last.column ?? MAX_COLUMNS,
  };
  if (range.firstRow > range.lastRow) [range.firstRow, range.lastRow] = [range.lastRow, range.firstRow];
  if (range.firstColumn > range.lastColumn)
    [range.firstColumn, range.lastColumn] = [range.lastColumn, range.firstColumn];
  if (range.firstRow < 1 || range.lastRow > MAX_ROWS || range.firstColumn < 1 || range.lastColumn > MAX_COLUMNS) {
    throw new Error(`"${text}" lies outside the sheet`);
  }
  return { sheet, range };
}

/** `parseAddress`, or null for what is not an address (a `#REF!` name, a constant). */
export function tryParseAddress(text: unknown): ParsedAddress | null {
  if (typeof text !== 'string') return null;
  try {
    return parseAddress(text);
  } catch {
    return null;
  }
}

/** Comma-separated areas (`A2:Z2, A5:Z9`), commas inside a quoted sheet name kept. */
export function splitAreas(text: string): string[] {
  const areas: string[] = [];
  let current = '';
  let quoted = false;
  for (const ch of text) {
    if (ch === "'") quoted = !quoted;
    if (ch === ',' && !quoted) {
      areas.push(current.trim());
      current = '';
    } else current += ch;
  }
  if (current.trim() !== '') areas.push(current.trim());
  return areas;
}

export function contains(outer: CellRange, inner: CellRange): boolean {
  return (
    inner.firstRow >= outer.firstRow &&
    inner.lastRow <= outer.lastRow &&
    inner.firstColumn >= outer.firstColumn &&
    inner.lastColumn <= outer.lastColumn
  );
}

export function intersection(a: CellRange, b: CellRange): CellRange | null {
  const range = {
    firstRow: Math.max(a.firstRow, b.firstRow),
    lastRow: Math.min(a.lastRow, b.lastRow),
    firstColumn: Math.max(a.firstColumn, b.firstColumn),
    lastColumn: Math.min(a.lastColumn, b.lastColumn),
  };
  return range.firstRow <= range.lastRow && range.firstColumn <= range.lastColumn ? range : null;
}

/** `a` less `b`: at most four rectangles (above, below, left, right of the overlap). */
export function subtract(a: CellRange, b: CellRange): CellRange[] {
  const overlap = intersection(a, b);
  if (overlap === null) return [a];
  const parts: CellRange[] = [];
  if (a.firstRow < overlap.firstRow) parts.push({ ...a, lastRow: overlap.firstRow - 1 });
  if (overlap.lastRow < a.lastRow) parts.push({ ...a, firstRow: overlap.lastRow + 1 });
  const band = { firstRow: overlap.firstRow, lastRow: overlap.lastRow };
  if (a.firstColumn < overlap.firstColumn) {
    parts.push({ ...band, firstColumn: a.firstColumn, lastColumn: overlap.firstColumn - 1 });
  }
  if (overlap.lastColumn < a.lastColumn) {
    parts.push({ ...band, firstColumn: overlap.lastColumn + 1, lastColumn: a.lastColumn });
  }
  return parts;
}

/** The parts of `range` outside every one of `holes`. */
export function subtractAll(range: CellRange, holes: readonly CellRange[]): CellRange[] {
  return holes.reduce<CellRange[]>((parts, hole) => parts.flatMap((p) => subtract(p, hole)), [range]);
}

export function sameRange(a: CellRange, b: CellRange): boolean {
  return (
    a.firstRow === b.firstRow &&
    a.lastRow === b.lastRow &&
    a.firstColumn === b.firstColumn &&
    a.lastColumn === b.lastColumn
  );
}
