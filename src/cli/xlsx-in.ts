/**
 * An .xlsx ledger into a host-agnostic table. Cells come out as the sheet shows their values
 * (formula results, plain text of rich text and hyperlinks, error values, real dates).
 *
 * Read straight from the package (xlsx-read-*.ts): the zip's directory, the workbook, styles,
 * shared strings and the one sheet asked for, with a scanner over the sheet's XML. It replaced
 * ExcelJS's `workbook.xlsx.load`, which built the whole workbook as objects (a 100,000-row ledger:
 * 8 s and 600 MB), and gives the same Table, values and formats, for the files ExcelJS read;
 * test/cli/xlsx-in.test.ts keeps the old reader and compares the two. Where ExcelJS was wrong, this
 * reader is not (each case is tested there):
 * - a formula whose saved result is 0, FALSE or '' gives that result (ExcelJS said it had none);
 * - a formula's text, boolean or error result under a date format stays what it is (ExcelJS made an
 *   invalid or absurd date of it);
 * - a hyperlinked number, date or boolean is its value (ExcelJS gave null for any hyperlink but text);
 * - `_x000D_`-style escapes are decoded in inline strings as in shared strings;
 * - `date1904="true"` means the 1904 date system, as `date1904="1"` does;
 * - `t="d"` (ISO 8601 date) cells are dates, not the year read as a serial number;
 * - text is decoded once, as XML wants: ExcelJS decoded formula text results and sheet names twice
 *   (`&amp;amp;` in the file, `&amp;` in the cell, read `&`);
 * - CDATA in a value is its text (ExcelJS dropped it);
 * - files ExcelJS refused or found empty are read: worksheets whose part has another name than
 *   `sheetN.xml` (found through the relationships), rows and cells without their numbers,
 *   elements with a namespace prefix (`<x:c>`, as the Open XML SDK writes them).
 * Two things it does not copy: a formatted empty cell with a hyperlink (ExcelJS counted it a cell,
 * so its row could be one null wider), and merged areas of more than a million cells in all, which
 * only empty the cells the sheet has (ExcelJS laid out every cell, or ran out of memory trying).
 */
import type { Table } from '../sheet';
import { InputError, type ReadTableOptions, type TableFile } from './input-common';
import { readSheet } from './xlsx-read-sheet';
import { readSharedStrings } from './xlsx-read-strings';
import { readStyles } from './xlsx-read-styles';
import { readWorkbook, type SheetEntry, type WorkbookInfo } from './xlsx-read-workbook';
import { XlsxArchive } from './xlsx-read-zip';

export { excelJsDateCell } from './xlsx-read-dates';

export async function readXlsx(file: string, bytes: Buffer, options: ReadTableOptions): Promise<TableFile> {
  const pkg = XlsxArchive.open(file, bytes);
  const workbook = await readWorkbook(pkg);
  const sheets = workbook.sheets;
  const sheetNames = sheets.map((s) => s.name);
  if (sheets.length === 0) throw new InputError(`${file}: no worksheet in this file`, 'not-spreadsheet');
  const sheet = pickSheet(sheets, options.sheet);
  if (sheet === undefined) {
    throw new InputError(
      `${file}: no sheet named "${options.sheet}"; sheets: ${sheetNames.map((n) => `"${n}"`).join(', ')}`,
      'unknown-sheet',
    );
  }
  const table = await readTable(pkg, workbook, sheet);
  return { table, sheetName: sheet.name, sheetNames, kind: 'xlsx' };
}

function pickSheet(sheets: SheetEntry[], wanted: string | undefined): SheetEntry | undefined {
  if (wanted === undefined) return sheets.find((s) => s.state === 'visible') ?? sheets[0];
  const exact = sheets.find((s) => s.name === wanted);
  if (exact) return exact;
  const key = wanted.trim().toLowerCase();
  return sheets.find((s) => s.name.trim().toLowerCase() === key);
}

async function readTable(pkg: XlsxArchive, workbook: WorkbookInfo, sheet: SheetEntry): Promise<Table> {
  const part = (name: string) => (why: string) => pkg.corrupt(name, why);
  // The sheet unpacks in zlib's thread while this one reads the styles and shared strings.
  const sheetBytes = pkg.read(sheet.part);
  // Its failure is thrown by the await below; until then it must not count as unhandled.
  sheetBytes.catch(() => undefined);
  const formats = readStyles(await pkg.text(workbook.stylesPart));
  const strings = readSharedStrings(await pkg.read(workbook.sharedStringsPart), part(workbook.sharedStringsPart));
  const bytes = await sheetBytes;
  if (bytes === undefined) throw pkg.corrupt(sheet.part, 'the part is missing');
  return readSheet(bytes, { strings, formats, date1904: workbook.date1904, corrupt: part(sheet.part) });
}
