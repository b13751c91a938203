/**
 * An .xlsx ledger into a host-agnostic table, through ExcelJS. Cells come out as the sheet shows
 * their values (formula results, plain text of rich text and hyperlinks, error values, real dates).
 */
import ExcelJS from 'exceljs';
import type { Cell, Table } from '../sheet';
import { firstLine, InputError, type ReadTableOptions, type TableFile } from './input-common';

export async function readXlsx(file: string, bytes: Buffer, options: ReadTableOptions): Promise<TableFile> {
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
