/**
 * A sheet as plain data, the same whatever the host: Excel (Office.js), ExcelJS or a CSV file.
 * Row index 0 is sheet row 1; column index 0 is column A.
 */

/** An Excel error value (`#N/A`, `#REF!` …) as the host shows it. */
export interface CellError {
  error: string;
}

/**
 * One cell's value. Formula cells are given as their cached result (the host adapter's job).
 * A `Date` only comes from hosts that give real dates (ExcelJS): it is a UTC-midnight instant.
 */
export type Cell = string | number | boolean | Date | null | CellError;

export interface Table {
  values: Cell[][];
  /** Number format of each cell where the host knows it (`dd/mm/yyyy`, `000000000`, `General`). */
  formats?: (string | null)[][];
}

export function isCellError(cell: Cell | undefined): cell is CellError {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** Blank: nothing the user would see (no value, or only spaces). */
export function isBlank(cell: Cell | undefined): boolean {
  return cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');
}

export function cellAt(table: Table, row: number, column: number): Cell {
  return table.values[row]?.[column] ?? null;
}

export function formatAt(table: Table, row: number, column: number): string | null {
  return table.formats?.[row]?.[column] ?? null;
}

/** Column letters as Excel shows them: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** A cell as short text for messages: what the user would recognise in the sheet. */
export function describeCell(cell: Cell): string {
  if (cell === null) return 'an empty cell';
  if (isCellError(cell)) return cell.error;
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? 'an invalid date' : cell.toISOString().slice(0, 10);
  if (typeof cell === 'string') return cell.trim();
  return String(cell);
}
