/**
 * Reading a ledger file into a host-agnostic table: .xlsx through ExcelJS, .csv by hand.
 * Cells come out as the sheet shows their values (formula results, plain text of rich text and
 * hyperlinks, error values, real dates); interpreting them is `sheet/`'s job.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Cell, Table } from '../sheet';

export type InputErrorCode = 'not-found' | 'empty' | 'not-spreadsheet' | 'corrupt' | 'encrypted' | 'unknown-sheet';

/** A ledger file that cannot be read as a table; the message is one line and names the file. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly code: InputErrorCode,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export interface TableFile {
  table: Table;
  /** The sheet read (for a CSV file: its name without extension). */
  sheetName: string;
  sheetNames: string[];
  kind: 'xlsx' | 'csv';
}

export interface ReadTableOptions {
  /** Worksheet name; default: the first visible worksheet. */
  sheet?: string;
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP = [0x50, 0x4b, 0x05, 0x06];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const PDF = [0x25, 0x50, 0x44, 0x46];
const XLSX_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xltx', '.xltm']);

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** The first line of an error message: messages here are one line. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split(/\r?\n/)[0] ?? '').trim() || 'unknown error';
}

export async function readTableFromFile(file: string, options: ReadTableOptions = {}): Promise<TableFile> {
  const name = path.basename(file);
  let bytes: Buffer;
  try {
    bytes = await fs.readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError(`${file}: no such file`, 'not-found');
    if (code === 'EISDIR') throw new InputError(`${file}: is a folder, not a spreadsheet`, 'not-spreadsheet');
    throw new InputError(`${file}: cannot be read (${code ?? firstLine(error)})`, 'not-found');
  }
  if (bytes.length === 0) throw new InputError(`${file}: the file is empty`, 'empty');
  if (startsWith(bytes, OLE)) {
    throw new InputError(
      `${file}: a password-protected (encrypted) workbook or an old .xls file; save it in Excel as .xlsx without a password`,
      'encrypted',
    );
  }
  if (startsWith(bytes, PDF))
    throw new InputError(`${file}: a PDF document, not a spreadsheet (.xlsx or .csv)`, 'not-spreadsheet');
  if (startsWith(bytes, ZIP) || startsWith(bytes, EMPTY_ZIP)) return readXlsx(file, bytes, options);
  if (XLSX_EXTENSIONS.has(path.extname(name).toLowerCase())) {
    throw new InputError(`${file}: not an .xlsx workbook (it is not a zip archive)`, 'not-spreadsheet');
  }
  return readCsv(file, bytes, options);
}

// ---------------------------------------------------------------------------------------------
// .xlsx

async function readXlsx(file: string, bytes: Buffer, options: ReadTableOptions): Promise<TableFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    // ExcelJS's typings want its own Buffer type (an ArrayBuffer); a Node Buffer is what it reads at run time.
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new InputError(`${file}: a corrupt or truncated .xlsx workbook (${firstLine(error)})`, 'corrupt');
  }
  const sheets = workbook.worksheets;
  const sheetNames = sheets.map((s) => s.name);
  if (sheets.length === 0) throw new InputError(`${file}: no worksheet in this file`, 'not-spreadsheet');
  const sheet = pickSheet(sheets, options.sheet);
  if (sheet === undefined) {
    throw new InputError(
      `${file}: no sheet named "${options.sheet}"; sheets: ${sheetNames.map((n) => `"${n}"`).join(', ')}`,
      'unknown-sheet',
    );
  }
  const date1904 = workbook.properties.date1904 === true;
  return { table: tableFromWorksheet(sheet, date1904), sheetName: sheet.name, sheetNames, kind: 'xlsx' };
}

function pickSheet(sheets: ExcelJS.Worksheet[], wanted: string | undefined): ExcelJS.Worksheet | undefined {
  if (wanted === undefined) return sheets.find((s) => s.state === 'visible') ?? sheets[0];
  const exact = sheets.find((s) => s.name === wanted);
  if (exact) return exact;
  const key = wanted.trim().toLowerCase();
  return sheets.find((s) => s.name.trim().toLowerCase() === key);
}

function tableFromWorksheet(sheet: ExcelJS.Worksheet, date1904: boolean): Table {
  const values: Cell[][] = [];
  const formats: (string | null)[][] = [];
  // Each row only as wide as its own last cell, and only rows that hold something: one stray cell
  // in column XFD must not make every row 16,384 cells wide (20,000 rows would need 5 GB).
  sheet.eachRow({ includeEmpty: false }, (row, r) => {
    while (values.length < r - 1) {
      values.push([]);
      formats.push([]);
    }
    const rowValues: Cell[] = [];
    const rowFormats: (string | null)[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      while (rowValues.length < column - 1) {
        rowValues.push(null);
        rowFormats.push(null);
      }
      rowValues[column - 1] = cellValue(cell, date1904);
      rowFormats[column - 1] = cell.numFmt || null;
    });
    values.push(rowValues);
    formats.push(rowFormats);
  });
  return { values, formats };
}

function cellValue(cell: ExcelJS.Cell, date1904: boolean): Cell {
  // Excel shows a merged area's value once, in its top-left cell (so does Office.js): the others are empty.
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  return fromExcelValue(cell.value, date1904);
}

const DAY_MS = 86_400_000;
/** 1900-03-01: from this day on, ExcelJS's dates of the 1900 system are the days Excel shows. */
const FIRST_TRUE_DAY_MS = Date.UTC(1900, 2, 1);

/**
 * ExcelJS makes serial s the instant (s − 25569) days after 1970, which leaves out Excel's phantom
 * 1900-02-29 (serial 60): serials 1–59 come out one day early and 60 as 1900-02-28. Those are put
 * back to the day Excel shows; serial 60, and serials below 1 (a time of day, no date), are given as
 * the serial number, which the reader reports instead of reading it as some neighbouring day.
 */
export function excelJsDateCell(date: Date, date1904: boolean): Cell {
  const time = date.getTime();
  if (date1904 || !(time < FIRST_TRUE_DAY_MS)) return date; // NaN too: the reader says it is invalid
  const serial = time / DAY_MS + 25569;
  if (serial < 1 || serial >= 60) return serial;
  return new Date(time + DAY_MS);
}

function fromExcelValue(value: ExcelJS.CellValue, date1904: boolean): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (value instanceof Date) return excelJsDateCell(value, date1904);
  if ('error' in value) return { error: String(value.error) };
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    if (value.result === undefined) {
      const formula = 'sharedFormula' in value ? (value.formula ?? value.sharedFormula) : value.formula;
      return { error: `formula =${formula} has no saved result (open and save the file in Excel)` };
    }
    return fromExcelValue(value.result, date1904);
  }
  if ('hyperlink' in value) {
    // ExcelJS gives a hyperlink's text as plain text or as rich text.
    const text: unknown = value.text;
    if (typeof text === 'string') return text;
    if (typeof text === 'object' && text !== null && 'richText' in text) {
      return fromExcelValue(text as ExcelJS.CellRichTextValue, date1904);
    }
    return null;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// .csv

const SEPARATORS = [';', ',', '\t'] as const;
type Separator = (typeof SEPARATORS)[number];
const SEPARATOR_SAMPLE_ROWS = 30;

function readCsv(file: string, bytes: Buffer, options: ReadTableOptions): TableFile {
  const text = decodeText(bytes);
  if (text === null || looksBinary(text)) {
    throw new InputError(`${file}: not a spreadsheet (neither an .xlsx workbook nor CSV text)`, 'not-spreadsheet');
  }
  if (text.trim() === '') throw new InputError(`${file}: the file is empty`, 'empty');
  const sheetName = path.basename(file, path.extname(file));
  if (options.sheet !== undefined && options.sheet.trim().toLowerCase() !== sheetName.toLowerCase()) {
    throw new InputError(
      `${file}: no sheet named "${options.sheet}"; a CSV file has one sheet: "${sheetName}"`,
      'unknown-sheet',
    );
  }
  // Excel writes and honours a first line `sep=;`; it is a hint, not a row of the sheet.
  const hint = /^sep=([;,\t|])\r?\n/i.exec(text);
  const body = hint ? text.slice(hint[0].length) : text;
  const separator = hint?.[1] ?? detectSeparator(body);
  const rows = parseCsv(body, separator);
  while (rows.length > 0 && (rows[rows.length - 1] ?? []).every((f) => f === '')) rows.pop();
  const values: Cell[][] = rows.map((fields) => fields.map((f) => (f === '' ? null : f)));
  return { table: { values }, sheetName, sheetNames: [sheetName], kind: 'csv' };
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (what Excel writes for "CSV" in France). */
export function decodeText(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe])) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16le');
  if (startsWith(bytes, [0xfe, 0xff])) return iconv.decode(Buffer.from(bytes.subarray(2)), 'utf16be');
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  if (body.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return iconv.decode(Buffer.from(body), 'win1252');
  }
}

/** Text with many control characters is some binary file that happened to decode. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65536);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  const controls = sample.match(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g)?.length ?? 0;
  return controls > 0 && controls * 100 > sample.length;
}

/**
 * The separator that splits the first rows into the most rows of one same width (more than one
 * field), then the widest. A French `1 234,56` in a `;` file does not fool it: the header and
 * title rows have no comma, so `,` never gathers as many rows of one width as `;`.
 */
export function detectSeparator(text: string): Separator {
  let best: Separator = ',';
  let bestScore: [number, number] = [0, 0];
  for (const separator of SEPARATORS) {
    const rows = parseCsv(text, separator, SEPARATOR_SAMPLE_ROWS).filter((r) => r.length > 1);
    const widths = new Map<number, number>();
    for (const r of rows) widths.set(r.length, (widths.get(r.length) ?? 0) + 1);
    let score: [number, number] = [0, 0];
    for (const [width, count] of widths) {
      if (count > score[0] || (count === score[0] && width > score[1])) score = [count, width];
    }
    if (score[0] > bestScore[0] || (score[0] === bestScore[0] && score[1] > bestScore[1])) {
      best = separator;
      bestScore = score;
    }
  }
  return best;
}

/** RFC 4180 fields: quoted fields may hold separators, line breaks and doubled quotes. */
export function parseCsv(text: string, separator: string, maxRows = Infinity): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length && rows.length < maxRows) {
    const ch = text.charAt(i);
    if (quoted) {
      if (ch === '"') {
        if (text.charAt(i + 1) === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        continue;
      }
      field += ch;
      i += 1;
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      // A quote opens a quoted field only at its start (spaces before it are dropped, as Excel does).
      field = '';
      quoted = true;
    } else if (ch === separator) {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      endRow();
      if (ch === '\r' && text.charAt(i + 1) === '\n') i += 1;
    } else {
      field += ch;
    }
    i += 1;
  }
  if (rows.length < maxRows && (field !== '' || row.length > 0 || quoted)) endRow();
  return rows;
}
