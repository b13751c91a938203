/**
 * The .xlsx reader (src/cli/xlsx-in.ts, xlsx-read-*.ts) against the reader it replaced, ExcelJS's
 * `workbook.xlsx.load`, kept below as the reference: for workbooks written by ExcelJS (and for
 * SpreadsheetML written by hand the way Excel writes it) both give the same Table, cell for cell,
 * formats included. Where the new reader deliberately differs, the test shows what ExcelJS gave and
 * what the cell holds, worked out from the XML.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { InputError, readTableFromFile, type TableFile } from '../../src/cli/input';
import { firstLine, type ReadTableOptions } from '../../src/cli/input-common';
import type { Cell, Table } from '../../src/sheet';
import { excelJsDateCell } from '../../src/cli/xlsx-in';
import { FUZZ_TIMEOUT, fuzzParams } from '../fuzz/params';

// ---------------------------------------------------------------------------------------------
// The reference: src/cli/xlsx-in.ts as it was before the fast reader (commit f438874).

async function readWithExcelJs(file: string, bytes: Buffer, options: ReadTableOptions): Promise<TableFile> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  } catch (error) {
    throw new InputError(`${file}: a corrupt or truncated .xlsx workbook (${firstLine(error)})`, 'corrupt');
  }
  const sheets = workbook.worksheets;
  const sheetNames = sheets.map((s) => s.name);
  if (sheets.length === 0) throw new InputError(`${file}: no worksheet in this file`, 'not-spreadsheet');
  const wanted = options.sheet;
  const sheet =
    wanted === undefined
      ? (sheets.find((s) => s.state === 'visible') ?? sheets[0])
      : (sheets.find((s) => s.name === wanted) ??
        sheets.find((s) => s.name.trim().toLowerCase() === wanted.trim().toLowerCase()));
  if (sheet === undefined) throw new InputError(`${file}: no sheet named "${wanted}"`, 'unknown-sheet');
  const date1904 = workbook.properties.date1904 === true;
  const values: Cell[][] = [];
  const formats: (string | null)[][] = [];
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
      rowValues[column - 1] = cell.type === ExcelJS.ValueType.Merge ? null : fromExcelValue(cell.value, date1904);
      rowFormats[column - 1] = cell.numFmt || null;
    });
    values.push(rowValues);
    formats.push(rowFormats);
  });
  return { table: { values, formats }, sheetName: sheet.name, sheetNames, kind: 'xlsx' };
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

let dir: string;
let fileNo = 0;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'credit-cover-xlsx-in-'));
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(bytes: Buffer): Promise<string> {
  const file = path.join(dir, `book-${++fileNo}.xlsx`);
  await fs.writeFile(file, bytes);
  return file;
}

async function readFast(bytes: Buffer, options: ReadTableOptions = {}): Promise<TableFile> {
  return readTableFromFile(await write(bytes), options);
}

async function readReference(bytes: Buffer, options: ReadTableOptions = {}): Promise<TableFile> {
  return readWithExcelJs('reference.xlsx', bytes, options);
}

/** The two readers agree on the sheet picked, the sheet names and every value and format. */
async function expectSameAsExcelJs(bytes: Buffer, options: ReadTableOptions = {}): Promise<TableFile> {
  const fast = await readFast(bytes, options);
  const reference = await readReference(bytes, options);
  expect({ sheetName: fast.sheetName, sheetNames: fast.sheetNames }).toEqual({
    sheetName: reference.sheetName,
    sheetNames: reference.sheetNames,
  });
  expectSameTable(fast.table, reference.table);
  return fast;
}

/** Row by row, so that a difference names its row; toStrictEqual tells 0 from -0 and holes from nulls. */
function expectSameTable(actual: Table, expected: Table): void {
  const rows = Math.max(actual.values.length, expected.values.length);
  for (let r = 0; r < rows; r++) {
    expect({ row: r + 1, values: actual.values[r], formats: actual.formats?.[r] }).toStrictEqual({
      row: r + 1,
      values: expected.values[r],
      formats: expected.formats?.[r],
    });
  }
  expect(actual.values.length).toBe(expected.values.length);
}

async function excelJsBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const utc = (y: number, m: number, d: number, h = 0, min = 0) => new Date(Date.UTC(y, m - 1, d, h, min));

// ---------------------------------------------------------------------------------------------
// Workbooks written by ExcelJS

/** Every kind of cell a ledger has, one sheet per concern, with hidden sheets before the visible ones. */
function kitchenSink(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('Réglages', { state: 'hidden' }).getCell('A1').value = 'taux';
  wb.addWorksheet('Secret', { state: 'veryHidden' }).getCell('B2').value = 42;

  const dates = wb.addWorksheet('Dates & heures');
  const dateRows: [ExcelJS.CellValue, string | undefined][] = [
    [utc(2027, 6, 1), 'dd/mm/yyyy'],
    [46568, 'yyyy-mm-dd'],
    [46568.75, 'dd/mm/yyyy hh:mm'],
    [0.5, 'h:mm'],
    [46568, '[$-40C]d mmmm yyyy'],
    [46568, 'mm-dd-yy'], // built-in 14
    [46568, 'd-mmm-yy'], // built-in 15
    [46568, '"Le "dd/mm/yyyy'],
    [46568, '[Red]0.00'], // a bracket and no date letter: a number
    [46568, undefined], // no format: a number
    [1, 'dd/mm/yyyy'],
    [59, 'dd/mm/yyyy'],
    [60, 'dd/mm/yyyy'], // 29/02/1900, a day that never was
    [61, 'dd/mm/yyyy'],
    [0, 'dd/mm/yyyy'],
    [-5, 'dd/mm/yyyy'],
    [utc(1900, 1, 1), 'dd/mm/yyyy'],
    [utc(1899, 12, 31), 'dd/mm/yyyy'],
    [utc(2100, 12, 31, 23, 59), 'dd/mm/yyyy hh:mm'],
    [{ formula: 'TODAY()', result: utc(2027, 6, 30) }, 'dd/mm/yyyy'],
    [{ formula: 'A1+30', result: 46598 }, 'dd/mm/yyyy'],
    // Half a millisecond: ExcelJS's `* 24 * 3600 * 1000` rounds it up where `* 86400000` would round down.
    [5790.78938556134, 'dd/mm/yyyy hh:mm:ss'],
  ];
  dateRows.forEach(([value, format], i) => {
    const cell = dates.getCell(`B${i + 1}`);
    cell.value = value;
    if (format !== undefined) cell.numFmt = format;
    dates.getCell(`A${i + 1}`).value = format ?? 'none';
  });

  const numbers = wb.addWorksheet('Nombres');
  const numberRows: [ExcelJS.CellValue, string | undefined][] = [
    [12345678, '000000000'],
    ['012345678', '@'],
    [1234.5, '#,##0.00\\ "€"'], // written escaped, read without the backslash
    [0.25, '0%'],
    [1e-7, undefined],
    [0.1 + 0.2, undefined],
    [2 ** 53 + 2, undefined],
    [-13.6, '#,##0.00;[Red]-#,##0.00'],
    [123456789012345, '0'],
    [-0.000123, '0.00E+00'],
    [55.940000000000005, '#,##0.00'],
    [7, 'General'],
  ];
  numberRows.forEach(([value, format], i) => {
    const cell = numbers.getCell(`C${i + 2}`);
    cell.value = value;
    if (format !== undefined) cell.numFmt = format;
  });

  const text = wb.addWorksheet('Textes');
  text.getCell('A1').value = { richText: [{ text: 'Dupont ', font: { bold: true } }, { text: '& Fils <SA>' }] };
  text.getCell('A2').value = { text: 'F-001', hyperlink: 'https://erp.example/F-001' };
  text.getCell('A3').value = { text: 'F-002', hyperlink: 'https://erp.example/F-002', tooltip: 'ouvrir' };
  text.getCell('A4').value = {
    text: { richText: [{ text: 'F-', font: { italic: true } }, { text: '003' }] },
    hyperlink: 'https://erp.example/F-003',
  } as unknown as ExcelJS.CellHyperlinkValue;
  text.getCell('A5').value = '  spaces kept  ';
  text.getCell('A6').value = 'line 1\nline 2\r\nline 3';
  text.getCell('A7').value = 'tab\there "quoted" \'single\' & <tag>';
  text.getCell('A8').value = '_x0041_ is how OOXML escapes A';
  text.getCell('A9').value = 'Société Générale – 株式会社 – 🙂';
  text.getCell('A10').value = '';
  text.getCell('A11').value = '=1+1 as text';
  text.getCell('B1').value = true;
  text.getCell('B2').value = false;
  text.getCell('B3').value = { error: '#N/A' };
  text.getCell('B4').value = { error: '#REF!' };
  text.getCell('B5').value = { error: '#DIV/0!' };

  const formulas = wb.addWorksheet('Formules');
  formulas.getCell('A1').value = 2;
  formulas.getCell('B1').value = { formula: 'A1*2', result: 4 };
  formulas.getCell('B2').value = { formula: '"a"&"b"', result: 'ab' };
  formulas.getCell('B3').value = { formula: 'A1>1', result: true };
  formulas.getCell('B4').value = { formula: '1/0', result: { error: '#DIV/0!' } };
  formulas.getCell('B5').value = { formula: 'VLOOKUP(A1,Réglages!A:B,2,0)', result: { error: '#N/A' } };
  formulas.getCell('B6').value = { formula: 'A1*3' } as ExcelJS.CellFormulaValue;
  formulas.getCell('B7').value = { formula: 'A1&"<&>"', result: '2<&>' };
  // ExcelJS writes shareType and ref, which its typings leave out.
  formulas.getCell('C1').value = {
    formula: 'A1+1',
    result: 3,
    shareType: 'shared',
    ref: 'C1:C4',
  } as unknown as ExcelJS.CellFormulaValue;
  formulas.getCell('C2').value = { sharedFormula: 'C1', result: 4 };
  formulas.getCell('C3').value = { sharedFormula: 'C1', result: 5 };
  formulas.getCell('C4').value = { sharedFormula: 'C1' } as ExcelJS.CellSharedFormulaValue;
  formulas.getCell('D1').value = {
    formula: 'SUM(A1:A2*2)',
    result: 4,
    shareType: 'array',
    ref: 'D1',
  } as unknown as ExcelJS.CellFormulaValue;
  formulas.getCell('D2').value = { formula: 'B1', result: 4 };
  formulas.getCell('D2').numFmt = '0.00';

  const layout = wb.addWorksheet('Balance');
  layout.mergeCells('A1:F1');
  layout.getCell('A1').value = 'Balance âgée clients au 30/06/2027';
  layout.getCell('A1').font = { bold: true };
  layout.getCell('A2').value = 'Société Exemple';
  // Row 3 missing; row 4: headers; a merged block and a merged column without a style on their first cell.
  layout.getRow(4).values = ['Code', 'Nom', 'Solde'];
  layout.mergeCells('B6:C7');
  layout.getCell('B6').value = 'bloc';
  layout.mergeCells('D6:D8');
  layout.getCell('D6').value = 12;
  layout.getCell('D6').numFmt = '0.00';
  // A row format and a column format: the merged cells ExcelJS makes up take them.
  layout.getRow(10).numFmt = 'dd/mm/yyyy';
  layout.mergeCells('A10:C10');
  layout.getCell('A10').value = 'titre';
  layout.getColumn('K').numFmt = '0.0';
  layout.getCell('J12').value = 'k';
  layout.mergeCells('J12:L12');
  // Formatted but empty cells: no cell of the table, and a row holding only them is no row.
  layout.getCell('E14').numFmt = '0.00';
  layout.getCell('F15').numFmt = '0.00';
  layout.getCell('A15').value = 'a';
  layout.getCell('E15').value = 'e';
  // Gaps, then a stray cell in the last column.
  layout.getCell('XFD18').value = 'stray';
  layout.getCell('B20').value = 'après';

  return wb;
}

describe('workbooks written by ExcelJS: the same table as ExcelJS read', () => {
  let bytes: Buffer;
  beforeAll(async () => {
    bytes = await excelJsBytes(kitchenSink());
  });

  test.each(['Réglages', 'Secret', 'Dates & heures', 'Nombres', 'Textes', 'Formules', 'Balance'])(
    'sheet %s',
    async (sheet) => {
      await expectSameAsExcelJs(bytes, { sheet });
    },
  );

  test('the first visible sheet by default, hidden sheets listed in tab order', async () => {
    const read = await expectSameAsExcelJs(bytes);
    expect(read.sheetName).toBe('Dates & heures');
    expect(read.sheetNames).toEqual([
      'Réglages',
      'Secret',
      'Dates & heures',
      'Nombres',
      'Textes',
      'Formules',
      'Balance',
    ]);
  });

  test('what the cells hold, worked out from what was written', async () => {
    const at = (table: Table, ref: string) => {
      const m = /^([A-Z]+)(\d+)$/.exec(ref) as RegExpExecArray;
      const column = m[1].split('').reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
      const row = Number(m[2]);
      return [table.values[row - 1]?.[column - 1], table.formats?.[row - 1]?.[column - 1]];
    };
    const dates = (await readFast(bytes, { sheet: 'Dates & heures' })).table;
    expect(at(dates, 'B1')).toEqual([utc(2027, 6, 1), 'dd/mm/yyyy']);
    expect(at(dates, 'B3')).toEqual([utc(2027, 6, 30, 18), 'dd/mm/yyyy hh:mm']);
    expect(at(dates, 'B4')).toEqual([0.5, 'h:mm']); // a time of day: no date
    expect(at(dates, 'B9')).toEqual([46568, '[Red]0.00']);
    expect(at(dates, 'B10')).toEqual([46568, null]);
    expect(at(dates, 'B11')).toEqual([utc(1900, 1, 1), 'dd/mm/yyyy']);
    expect(at(dates, 'B12')).toEqual([utc(1900, 2, 28), 'dd/mm/yyyy']);
    expect(at(dates, 'B13')).toEqual([60, 'dd/mm/yyyy']);
    expect(at(dates, 'B14')).toEqual([utc(1900, 3, 1), 'dd/mm/yyyy']);
    expect(at(dates, 'B20')).toEqual([utc(2027, 6, 30), 'dd/mm/yyyy']);
    expect((at(dates, 'B22')[0] as Date).getTime()).toBe(-1708837397087);
    const numbers = (await readFast(bytes, { sheet: 'Nombres' })).table;
    expect(at(numbers, 'C2')).toEqual([12345678, '000000000']);
    expect(at(numbers, 'C3')).toEqual(['012345678', '@']);
    expect(at(numbers, 'C4')).toEqual([1234.5, '#,##0.00 "€"']);
    expect(at(numbers, 'C7')).toEqual([0.30000000000000004, null]);
    expect(at(numbers, 'C13')).toEqual([7, null]); // General is format 0, which is no format
    const text = (await readFast(bytes, { sheet: 'Textes' })).table;
    expect(text.values.map((row) => row[0])).toEqual([
      'Dupont & Fils <SA>',
      'F-001',
      'F-002',
      'F-003',
      '  spaces kept  ',
      'line 1\nline 2\nline 3', // XML makes every line end a line feed
      'tab\there "quoted" \'single\' & <tag>',
      'A is how OOXML escapes A', // ExcelJS does not escape the underscore: Excel would read A too
      'Société Générale – 株式会社 – 🙂',
      '',
      '=1+1 as text',
    ]);
    const formulas = (await readFast(bytes, { sheet: 'Formules' })).table;
    expect(formulas.values[0]).toEqual([2, 4, 3, 4]);
    expect(formulas.values.map((row) => row[1])).toEqual([
      4,
      'ab',
      true,
      { error: '#DIV/0!' },
      { error: '#N/A' },
      { error: 'formula =A1*3 has no saved result (open and save the file in Excel)' },
      '2<&>',
    ]);
    expect(formulas.values[3][2]).toEqual({
      error: 'formula =C1 has no saved result (open and save the file in Excel)',
    });
    const layout = (await readFast(bytes, { sheet: 'Balance' })).table;
    expect(layout.values[0]).toEqual(['Balance âgée clients au 30/06/2027', null, null, null, null, null]);
    expect(layout.values[2]).toEqual([]);
    expect(layout.values[6]).toEqual([null, null, null, null]);
    expect(layout.values[9]).toEqual(['titre', null, null]);
    // ExcelJS gave A10 and the cells it merged the row's format as it wrote them.
    expect(layout.formats?.[9]).toEqual(['dd/mm/yyyy', 'dd/mm/yyyy', 'dd/mm/yyyy']);
    expect(layout.formats?.[11]).toEqual([null, null, null, null, null, null, null, null, null, null, '0.0', null]);
    expect(layout.values[13]).toEqual([]);
    expect(layout.values[14]).toEqual(['a', null, null, null, 'e']);
    expect(layout.values[17]).toHaveLength(16_384);
    expect(layout.values[19]).toEqual([null, 'après']);
  });

  test('the 1904 date system (old Mac workbooks)', async () => {
    const wb = new ExcelJS.Workbook();
    wb.properties.date1904 = true;
    const ws = wb.addWorksheet('Mac');
    [utc(2027, 6, 1), utc(1904, 1, 1), utc(1904, 1, 2), utc(1903, 12, 31), utc(1900, 2, 1)].forEach((d, i) => {
      ws.getCell(`A${i + 1}`).value = d;
      ws.getCell(`A${i + 1}`).numFmt = 'dd/mm/yyyy';
    });
    ws.getCell('B1').value = 45106; // 2027-06-30 counted from 1904
    ws.getCell('B1').numFmt = 'dd/mm/yyyy';
    ws.getCell('B2').value = 45106;
    const read = await expectSameAsExcelJs(await excelJsBytes(wb));
    expect(read.table.values[0]).toEqual([utc(2027, 6, 1), utc(2027, 6, 30)]);
    expect(read.table.values[1]).toEqual([utc(1904, 1, 1), 45106]);
    expect(read.table.values[4]).toEqual([utc(1900, 2, 1)]);
  });

  test('the ledger fixture of the other tests, every sheet', async () => {
    const { ledgerWorkbook } = await import('./workbooks');
    const bytes = await ledgerWorkbook();
    for (const sheet of ['Paramètres', 'Balance juin 2027', 'Balance agée'])
      await expectSameAsExcelJs(bytes, { sheet });
  });

  test('a generated 2,000-row ledger (the bench files’ writer)', async () => {
    const { writeFrenchXlsx } = await import('../../bench/files');
    const file = path.join(dir, 'bench-2000.xlsx');
    await writeFrenchXlsx(file, 2000);
    await expectSameAsExcelJs(await fs.readFile(file));
  });
});

// ---------------------------------------------------------------------------------------------
// Random sheets

/** A cell value ExcelJS writes and reads back, with the format it gets (if any). */
const cellArbitrary: fc.Arbitrary<[ExcelJS.CellValue, string | undefined]> = fc.oneof(
  fc.tuple(fc.string({ unit: 'grapheme', maxLength: 20 }), fc.constant(undefined)),
  fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom(undefined, '@')),
  fc.tuple(
    fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
    fc.constantFrom(undefined, '0.00', '#,##0.00 "€"', '000000000', '0%', 'dd/mm/yyyy', 'mm-dd-yy', 'h:mm'),
  ),
  fc.tuple(fc.integer({ min: -100, max: 80_000 }), fc.constantFrom(undefined, 'dd/mm/yyyy', '0', 'yyyy-mm-dd hh:mm')),
  fc.tuple(
    fc.date({ min: utc(1899, 1, 1), max: utc(2199, 12, 31), noInvalidDate: true }),
    fc.constantFrom('dd/mm/yyyy', 'yyyy-mm-dd', 'dd/mm/yyyy hh:mm:ss'),
  ),
  fc.tuple(fc.boolean(), fc.constant(undefined)),
  fc.tuple(
    fc.constantFrom('#N/A', '#DIV/0!', '#REF!', '#VALUE!', '#NAME?').map((error) => ({ error })),
    fc.constant(undefined),
  ),
  fc.tuple(
    fc.array(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 3 }).map((parts) => ({
      richText: parts.map((text, i) => ({ text, font: { bold: i % 2 === 0 } })),
    })),
    fc.constant(undefined),
  ),
  fc.tuple(
    fc.string({ minLength: 1, maxLength: 10 }).map((text) => ({ text, hyperlink: 'https://erp.example/x' })),
    fc.constant(undefined),
  ),
  fc.tuple(
    // Results ExcelJS keeps: it loses 0, FALSE and '' (see the differences below).
    fc
      .oneof(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.constant(true),
        fc.constant({ error: '#N/A' as const }),
        fc.constant(undefined),
      )
      .map((result) => ({ formula: 'A1+B1', result }) as ExcelJS.CellFormulaValue),
    fc.constantFrom(undefined, '0.00'),
  ),
  fc.tuple(fc.constant(null), fc.constantFrom(undefined, '0.00')),
);

const sheetArbitrary = fc.array(
  fc.record({
    row: fc.integer({ min: 1, max: 60 }),
    column: fc.integer({ min: 1, max: 30 }),
    cell: cellArbitrary,
  }),
  { maxLength: 80 },
);

describe('random sheets', () => {
  test(
    'any cells ExcelJS writes, anywhere: the same table as ExcelJS read',
    async () => {
      await fc.assert(
        fc.asyncProperty(sheetArbitrary, fc.boolean(), async (cells, date1904) => {
          const wb = new ExcelJS.Workbook();
          wb.properties.date1904 = date1904;
          const ws = wb.addWorksheet('Feuille');
          for (const { row, column, cell } of cells) {
            const target = ws.getCell(row, column);
            target.value = cell[0];
            if (cell[1] !== undefined) target.numFmt = cell[1];
          }
          await expectSameAsExcelJs(await excelJsBytes(wb));
        }),
        fuzzParams(60, 20271401, 0.01),
      );
    },
    FUZZ_TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// SpreadsheetML written by hand, as Excel and other tools write it

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

interface HandBook {
  /** Sheet XML inside `<sheetData>` (or the whole part when it starts with `<?xml` or `<worksheet`). */
  sheets: { name: string; data: string; after?: string; state?: string; part?: string; rels?: string }[];
  sharedStrings?: string[];
  /** `<numFmts>` and `<cellXfs>` content. */
  numFmts?: string;
  cellXfs?: string;
  workbookPr?: string;
  extra?: Record<string, string>;
}

/** A package with just the parts a reader needs: the way a minimal writer (or Excel, less some parts) makes one. */
async function handBook(book: HandBook): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  zip.file(
    '_rels/.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
  );
  const rels = [`<Relationship Id="rIdS" Type="${REL}/styles" Target="styles.xml"/>`];
  if (book.sharedStrings) rels.push(`<Relationship Id="rIdT" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`);
  const sheets = book.sheets.map((sheet, i) => {
    const part = sheet.part ?? `worksheets/sheet${i + 1}.xml`;
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${part}"/>`);
    const xml = /^<(\?xml|worksheet)/.test(sheet.data)
      ? sheet.data
      : `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>${sheet.data}</sheetData>${sheet.after ?? ''}</worksheet>`;
    zip.file(`xl/${part}`, xml);
    if (sheet.rels) {
      const slash = part.lastIndexOf('/');
      zip.file(
        `xl/${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`,
        `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">${sheet.rels}</Relationships>`,
      );
    }
    const state = sheet.state ? ` state="${sheet.state}"` : '';
    return `<sheet name="${sheet.name}" sheetId="${i + 1}"${state} r:id="rId${i + 1}"/>`;
  });
  zip.file(
    'xl/workbook.xml',
    `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="${MAIN}" xmlns:r="${REL}">${book.workbookPr ?? '<workbookPr/>'}<sheets>${sheets.join('')}</sheets></workbook>`,
  );
  zip.file(
    'xl/_rels/workbook.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="${PKG_REL}">${rels.join('')}</Relationships>`,
  );
  zip.file(
    'xl/styles.xml',
    `<?xml version="1.0" encoding="UTF-8"?><styleSheet xmlns="${MAIN}">${book.numFmts ? `<numFmts>${book.numFmts}</numFmts>` : ''}<fonts count="1"><font/></fonts><cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs><cellXfs>${book.cellXfs ?? '<xf numFmtId="0"/>'}</cellXfs></styleSheet>`,
  );
  if (book.sharedStrings) {
    zip.file(
      'xl/sharedStrings.xml',
      `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="${MAIN}">${book.sharedStrings.join('')}</sst>`,
    );
  }
  for (const [name, content] of Object.entries(book.extra ?? {})) zip.file(name, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** Styles for the hand-written sheets: 1 a date, 2 an identifier, 3 a custom date with escapes, 4 built-in 14. */
const STYLES = {
  numFmts:
    '<numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="000000000"/><numFmt numFmtId="166" formatCode="dd\\-mm\\-yyyy;@"/>',
  cellXfs:
    '<xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="14"/><xf numFmtId="27"/><xf numFmtId="49"/>',
};

describe('SpreadsheetML as Excel writes it: the same table as ExcelJS read', () => {
  test('shared strings: rich text, phonetic guides, OOXML escapes, references, empty items, line ends', async () => {
    const bytes = await handBook({
      sharedStrings: [
        '<si><t>plain</t></si>',
        '<si><r><rPr><b/><sz val="11"/></rPr><t>Bold</t></r><r><t xml:space="preserve"> and plain</t></r></si>',
        '<si><t>漢字</t><rPh sb="0" eb="2"><t>かんじ</t></rPh><phoneticPr fontId="1"/></si>',
        '<si><t>a_x000D_b_x0009_c _x005F_x0041_</t></si>',
        '<si><t>&amp;lt; &lt;&gt; &#233;&#x20AC; &quot;&apos;</t></si>',
        '<si/>',
        '<si><t/></si>',
        '<si><t>one\r\ntwo\rthree</t></si>',
        '<si><t xml:space="preserve">  padded  </t></si>',
        '<si><r><t>run</t></r><r><rPr><i/></rPr></r></si>',
      ],
      sheets: [
        {
          name: 'S',
          data: Array.from(
            { length: 10 },
            (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="s"><v>${i}</v></c></row>`,
          ).join(''),
        },
      ],
    });
    const read = await expectSameAsExcelJs(bytes);
    expect(read.table.values.map((row) => row[0])).toEqual([
      'plain',
      'Bold and plain',
      '漢字',
      'a\rb\tc _x0041_',
      '&lt; <> é€ "\'',
      null,
      '',
      'one\ntwo\nthree',
      '  padded  ',
      'run',
    ]);
  });

  test('every cell type, formats by style, formulas as Excel saves them (shared, array)', async () => {
    const bytes = await handBook({
      ...STYLES,
      sharedStrings: ['<si><t>Code</t></si>', '<si><t>Échéance</t></si>'],
      sheets: [
        {
          name: 'Ledger',
          data: [
            '<row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>',
            '<row r="3"><c r="A3" s="2"><v>12345678</v></c><c r="B3" s="1"><v>46568</v></c><c r="C3" s="3"><v>46568</v></c>',
            '<c r="D3" s="4"><v>46568.5</v></c><c r="E3" s="5"><v>46568</v></c><c r="F3" s="6"><v>7</v></c></row>',
            '<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c><c r="C4" t="e"><v>#N/A</v></c>',
            '<c r="D4" t="str"><v>a &amp; b</v></c><c r="E4" t="inlineStr"><is><t>inline</t></is></c>',
            '<c r="F4" t="inlineStr"><is><r><rPr><b/></rPr><t>in</t></r><r><t>line</t></r></is></c></row>',
            '<row r="5"><c r="A5"><f t="shared" ref="A5:A7" si="0">B5*2</f><v>2</v></c><c r="B5"><v>1</v></c></row>',
            '<row r="6"><c r="A6"><f t="shared" si="0"/><v>4</v></c></row>',
            '<row r="7"><c r="A7"><f t="shared" si="0"/></c></row>',
            '<row r="8"><c r="A8"><f t="array" ref="A8">SUM(B5:B6*2)</f><v>2</v></c><c r="B8" s="1"><f>B3+1</f><v>46569</v></c>',
            '<c r="C8" t="str"><f>"x"&amp;"y"</f><v>xy</v></c><c r="D8" t="e"><f>1/0</f><v>#DIV/0!</v></c>',
            '<c r="E8" t="b"><f>1&lt;2</f><v>1</v></c><c r="F8"><f>A1&amp;"&lt;"</f></c></row>',
            // Formatted empty cells, empty elements: no cells; a row of nothing: no row.
            '<row r="9"><c r="A9" s="1"/><c r="B9"/><c r="C9" s="2"><v></v></c></row>',
            '<row r="10" s="1" customFormat="1"/>',
            '<row r="11"><c r="C11" s="0"><v>3</v></c><c r="A11" t="s"><v>0</v></c></row>',
          ].join(''),
        },
      ],
    });
    const read = await expectSameAsExcelJs(bytes);
    const t = read.table;
    expect(t.values[2]).toEqual([12345678, utc(2027, 6, 30), utc(2027, 6, 30), utc(2027, 6, 30, 12), 46568, 7]);
    expect(t.formats?.[2]).toEqual(['000000000', 'dd/mm/yyyy', 'dd-mm-yyyy;@', 'mm-dd-yy', null, '@']);
    expect(t.values[3]).toEqual([true, false, { error: '#N/A' }, 'a & b', 'inline', 'inline']);
    expect(t.values.slice(4, 7).map((row) => row[0])).toEqual([
      2,
      4,
      { error: 'formula =A5 has no saved result (open and save the file in Excel)' },
    ]);
    expect(t.values[7]).toEqual([
      2,
      utc(2027, 7, 1),
      'xy',
      { error: '#DIV/0!' },
      true,
      { error: 'formula =A1&"<" has no saved result (open and save the file in Excel)' },
    ]);
    expect(t.values.slice(8, 10)).toEqual([[], []]);
    expect(t.values[10]).toEqual(['Code', null, 3]);
  });

  test('several sheets, hidden ones, names with XML references, picked by name', async () => {
    const book = await handBook({
      sheets: [
        { name: 'Cachée', state: 'hidden', data: '<row r="1"><c r="A1"><v>1</v></c></row>' },
        { name: 'R&amp;D &lt;2027&gt; &#233;', data: '<row r="2"><c r="B2"><v>2</v></c></row>' },
        { name: 'Très cachée', state: 'veryHidden', data: '<row r="1"><c r="A1"><v>3</v></c></row>' },
      ],
    });
    const read = await expectSameAsExcelJs(book);
    expect([read.sheetName, read.sheetNames]).toEqual(['R&D <2027> é', ['Cachée', 'R&D <2027> é', 'Très cachée']]);
    expect(read.table.values).toEqual([[], [null, 2]]);
    await expectSameAsExcelJs(book, { sheet: ' très CACHÉE ' });
    await expectSameAsExcelJs(book, { sheet: 'Cachée' });
  });

  test('merged areas: first cell kept, the rest empty, with their own or their row’s or column’s format', async () => {
    const bytes = await handBook({
      ...STYLES,
      sheets: [
        {
          name: 'M',
          data: [
            '<row r="1"><c r="A1" t="inlineStr"><is><t>Titre</t></is></c><c r="B1" s="2"/><c r="C1" s="2"><v>9</v></c></row>',
            '<row r="3" s="1" customFormat="1"><c r="B3"><v>5</v></c></row>',
          ].join(''),
          after:
            '<mergeCells count="3"><mergeCell ref="A1:D1"/><mergeCell ref="B3:C5"/><mergeCell ref="$F$2:$F$3"/></mergeCells>',
        },
      ],
    });
    const read = await expectSameAsExcelJs(bytes);
    expect(read.table.values).toEqual([
      ['Titre', null, null, null],
      [], // F2 is the first cell of F2:F3: kept, and empty
      [null, 5, null, null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
    expect(read.table.formats?.[0]).toEqual([null, '000000000', '000000000', null]);
    expect(read.table.formats?.[2]).toEqual([null, null, 'dd/mm/yyyy', null, null, 'dd/mm/yyyy']);
  });

  test('XML as other writers may spell it: quotes, line breaks and spaces in tags, comments, a cell without its reference', async () => {
    const bytes = await handBook({
      ...STYLES,
      sheets: [
        {
          name: 'Odd',
          data: [
            "<row r='1'>\n  <c t='inlineStr'\n r='B1'><is><t>b</t></is></c>\n  <c><v>3</v></c>\n</row >",
            '<!-- a comment --><row r="2"><c s = "1" r = "A2" ><v >46568</v ></c></row>',
            '<row r="4"><c r="A4"><v>1.5E3</v></c><c r="B4"><v> 42 </v></c><c r="C4"><v>-0</v></c><c r="D4"><v>.5</v></c></row>',
          ].join(''),
        },
      ],
    });
    const read = await expectSameAsExcelJs(bytes);
    expect(read.table.values).toEqual([[null, 'b', 3], [utc(2027, 6, 30)], [], [1500, 42, -0, 0.5]]);
  });
});

describe('where ExcelJS was wrong, the cell as Excel shows it', () => {
  /** One hand-written sheet read by both: [fast, ExcelJS]. */
  async function both(book: HandBook): Promise<[Table, Table | string]> {
    const bytes = await handBook(book);
    const fast = (await readFast(bytes)).table;
    const reference = await readReference(bytes).then(
      (read) => read.table,
      (error: Error) => error.message,
    );
    return [fast, reference];
  }
  const noResult = (formula: string) => ({
    error: `formula =${formula} has no saved result (open and save the file in Excel)`,
  });

  test('a formula whose saved result is 0, FALSE or empty text has that result', async () => {
    const [fast, excelJs] = await both({
      sheets: [
        {
          name: 'F',
          data:
            '<row r="1"><c r="A1"><f>B1-B1</f><v>0</v></c><c r="B1" t="b"><f>1&gt;2</f><v>0</v></c>' +
            '<c r="C1" t="str"><f>IF(1,"")</f><v></v></c><c r="D1"><f>B1</f><v></v></c></row>',
        },
      ],
    });
    expect(fast.values).toEqual([[0, false, '', noResult('B1')]]);
    expect(excelJs).toEqual({
      values: [[noResult('B1-B1'), noResult('1>2'), noResult('IF(1,"")'), noResult('B1')]],
      formats: [[null, null, null, null]],
    });
  });

  test('a formula’s text, boolean or error result under a date format stays what it is', async () => {
    const [fast, excelJs] = await both({
      ...STYLES,
      sheets: [
        {
          name: 'F',
          data:
            '<row r="1"><c r="A1" s="1" t="str"><f>"x"</f><v>x</v></c><c r="B1" s="1" t="e"><f>1/0</f><v>#DIV/0!</v></c>' +
            '<c r="C1" s="1" t="b"><f>TRUE</f><v>1</v></c><c r="D1" s="1" t="str"><f>"46568"</f><v>46568</v></c>' +
            '<c r="E1" s="1"><f>46568</f><v>46568</v></c></row>',
        },
      ],
    });
    expect(fast.values).toEqual([['x', { error: '#DIV/0!' }, true, '46568', utc(2027, 6, 30)]]);
    const [text, error, bool, digits, date] = (excelJs as Table).values[0] as Date[];
    expect([Number.isNaN(text.getTime()), Number.isNaN(error.getTime())]).toEqual([true, true]);
    expect([bool, digits, date]).toEqual([utc(1900, 1, 1), utc(2027, 6, 30), utc(2027, 6, 30)]);
  });

  test('a hyperlinked number, date or boolean is its value', async () => {
    const [fast, excelJs] = await both({
      ...STYLES,
      sheets: [
        {
          name: 'H',
          data: '<row r="1"><c r="A1"><v>42</v></c><c r="B1" s="1"><v>46568</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="inlineStr"><is><t>t</t></is></c></row>',
          after:
            '<hyperlinks><hyperlink ref="A1" r:id="rId1"/><hyperlink ref="B1" r:id="rId1"/><hyperlink ref="C1" r:id="rId1"/><hyperlink ref="D1" r:id="rId1"/></hyperlinks>',
          rels: `<Relationship Id="rId1" Type="${REL}/hyperlink" Target="https://erp.example/" TargetMode="External"/>`,
        },
      ],
    });
    expect(fast.values).toEqual([[42, utc(2027, 6, 30), true, 't']]);
    expect((excelJs as Table).values).toEqual([[null, null, null, 't']]);
  });

  test('OOXML escapes in inline strings are decoded, as in shared strings', async () => {
    const [fast, excelJs] = await both({
      sheets: [{ name: 'I', data: '<row r="1"><c r="A1" t="inlineStr"><is><t>a_x000D_b</t></is></c></row>' }],
    });
    expect(fast.values).toEqual([['a\rb']]);
    expect((excelJs as Table).values).toEqual([['a_x000D_b']]);
  });

  test('date1904="true" is the 1904 date system, as date1904="1" is', async () => {
    const [fast, excelJs] = await both({
      ...STYLES,
      workbookPr: '<workbookPr date1904="true"/>',
      sheets: [{ name: 'D', data: '<row r="1"><c r="A1" s="1"><v>45106</v></c></row>' }],
    });
    expect(fast.values).toEqual([[utc(2027, 6, 30)]]);
    expect((excelJs as Table).values).toEqual([[utc(2023, 6, 29)]]);
  });

  test('ISO 8601 date cells (t="d") are dates, or serials without a date format', async () => {
    const [fast, excelJs] = await both({
      ...STYLES,
      sheets: [
        {
          name: 'D',
          data:
            '<row r="1"><c r="A1" s="1" t="d"><v>2027-06-30T00:00:00</v></c><c r="B1" t="d"><v>2027-06-30</v></c>' +
            '<c r="C1" t="d"><v>1900-02-28</v></c><c r="D1" s="1" t="d"><v>2027-06-30T12:30:15.5Z</v></c>' +
            '<c r="E1" t="d"><v>2027-02-30</v></c><c r="F1" t="d"><v>demain</v></c></row>',
        },
      ],
    });
    expect(fast.values).toEqual([
      [utc(2027, 6, 30), 46568, 59, new Date(Date.UTC(2027, 5, 30, 12, 30, 15, 500)), '2027-02-30', 'demain'],
    ]);
    // ExcelJS read the year as a serial number.
    expect((excelJs as Table).values[0][1]).toBe(2027);
  });

  test('a worksheet part with another name is found through the relationships', async () => {
    const [fast, excelJs] = await both({
      sheets: [{ name: 'Données', part: 'worksheets/données.xml', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }],
    });
    expect(fast.values).toEqual([[1]]);
    expect(excelJs).toMatch(/no worksheet in this file/);
  });

  test('rows and cells without their numbers follow the previous ones', async () => {
    const [fast, excelJs] = await both({
      sheets: [
        {
          name: 'N',
          data: '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row><row><c r="B2"><v>2</v></c></row>',
        },
      ],
    });
    expect(fast.values).toEqual([
      ['a', 1],
      [null, 2],
    ]);
    expect(excelJs).toMatch(/a corrupt or truncated \.xlsx workbook \(Invalid row number in model\)/);
  });

  test('elements with a namespace prefix, as the Open XML SDK (and ERP exports made with it) writes them', async () => {
    const x = `xmlns:x="${MAIN}"`;
    const zip = new JSZip();
    zip.file(
      '_rels/.rels',
      `<Relationships xmlns="${PKG_REL}"><Relationship Id="R1" Type="${REL}/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    );
    zip.file(
      'xl/workbook.xml',
      `\ufeff<?xml version="1.0" encoding="utf-8"?><x:workbook ${x}><x:workbookPr date1904="1"/><x:sheets><x:sheet name="Export" sheetId="1" r:id="Rs" xmlns:r="${REL}"/></x:sheets></x:workbook>`,
    );
    zip.file(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PKG_REL}"><Relationship Type="${REL}/worksheet" Target="/xl/worksheets/sheet.xml" Id="Rs"/>` +
        `<Relationship Type="${REL}/sharedStrings" Target="/xl/sharedStrings.xml" Id="Rt"/><Relationship Type="${REL}/styles" Target="/xl/styles.xml" Id="Ry"/></Relationships>`,
    );
    zip.file(
      'xl/sharedStrings.xml',
      `<x:sst ${x}><x:si><x:t>Code</x:t></x:si><x:si><x:r><x:t>Dup</x:t></x:r><x:r><x:t>ont</x:t></x:r></x:si></x:sst>`,
    );
    zip.file(
      'xl/styles.xml',
      `<x:styleSheet ${x}><x:numFmts><x:numFmt numFmtId="164" formatCode="dd/mm/yyyy"/></x:numFmts><x:cellXfs><x:xf numFmtId="0"/><x:xf numFmtId="164"/></x:cellXfs></x:styleSheet>`,
    );
    zip.file(
      'xl/worksheets/sheet.xml',
      `<x:worksheet ${x}><x:sheetData><x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c></x:row>` +
        `<x:row r="2"><x:c r="A2" s="1"><x:v>45106</x:v></x:c><x:c r="B2"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="C2" t="inlineStr"><x:is><x:t>in</x:t></x:is></x:c></x:row></x:sheetData>` +
        `<x:mergeCells><x:mergeCell ref="C2:D2"/></x:mergeCells></x:worksheet>`,
    );
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    const fast = await readFast(bytes);
    expect([fast.sheetName, fast.table.values]).toEqual([
      'Export',
      [
        ['Code', 'Dupont'],
        [utc(2027, 6, 30), 2, 'in', null],
      ],
    ]);
    expect(fast.table.formats?.[1]).toEqual(['dd/mm/yyyy', null, null, null]);
    await expect(readReference(bytes)).rejects.toThrow(/a corrupt or truncated \.xlsx workbook/);
  });

  test('text is decoded once: `&amp;lt;` is `&lt;`, in formula results and sheet names alike', async () => {
    const bytes = await handBook({
      sheets: [
        {
          name: 'P&amp;amp;L',
          data: '<row r="1"><c r="A1" t="str"><f>"&amp;lt;"</f><v>&amp;lt;</v></c><c r="B1" t="str"><v>a &amp;amp; b</v></c></row>',
        },
      ],
    });
    const fast = await readFast(bytes);
    expect([fast.sheetName, fast.table.values]).toEqual(['P&amp;L', [['&lt;', 'a &amp; b']]]);
    const excelJs = await readReference(bytes);
    expect([excelJs.sheetName, excelJs.table.values]).toEqual(['P&L', [['<', 'a & b']]]);
  });

  test('CDATA in a value is text', async () => {
    const [fast, excelJs] = await both({
      sheets: [
        { name: 'C', data: '<row r="1"><c r="A1" t="str"><v><![CDATA[a<b]]></v></c><c r="B1"><v>1</v></c></row>' },
      ],
    });
    expect(fast.values).toEqual([['a<b', 1]]);
    expect((excelJs as Table).values).toEqual([[null, 1]]);
  });
});

describe('parts bigger than the 8 MB pieces they are read in', () => {
  test('a sheet and a shared-string table of several pieces, one row bigger than a piece: every cell in place', async () => {
    const rows = 120_000;
    const bigRow = 70_000;
    // Text with a two-byte character, so that characters and bytes do not line up across the cuts.
    const text = (i: number) => `Société n° ${i} – ${'x'.repeat(i % 80)}`;
    const big = 'é'.repeat(4_500_000); // 9 MB in UTF-8: one row longer than a piece
    const strings = Array.from({ length: rows }, (_, i) => `<si><t>${text(i)}</t></si>`);
    const data = Array.from({ length: rows }, (_, r) => {
      const i = r + 1;
      return i === bigRow
        ? `<row r="${i}"><c r="C${i}" t="inlineStr"><is><t>${big}</t></is></c></row>`
        : `<row r="${i}"><c r="A${i}"><v>${i}.5</v></c><c r="B${i}" t="s"><v>${r}</v></c></row>`;
    });
    const zip = new JSZip();
    const book = await JSZip.loadAsync(
      await handBook({ sharedStrings: ['<si><t>placeholder</t></si>'], sheets: [{ name: 'Big', data: '' }] }),
    );
    for (const [name, file] of Object.entries(book.files))
      if (!file.dir) zip.file(name, await file.async('nodebuffer'));
    zip.file('xl/sharedStrings.xml', `<sst xmlns="${MAIN}">${strings.join('')}</sst>`);
    zip.file(
      'xl/worksheets/sheet1.xml',
      `<worksheet xmlns="${MAIN}"><sheetData>${data.join('')}</sheetData></worksheet>`,
    );
    const bytes = await zip.generateAsync({ type: 'nodebuffer', compression: 'STORE' });
    // The shared strings span two pieces (of 8 MB of text), the sheet three: before, the long row, after.
    expect(Buffer.byteLength(strings.join(''))).toBeGreaterThan(8 * 1024 * 1024);
    expect(Buffer.byteLength(data.join(''))).toBeGreaterThan(16 * 1024 * 1024);

    const { table } = await readFast(bytes);
    expect(table.values).toHaveLength(rows);
    let wrong = 0;
    table.values.forEach((row, r) => {
      const i = r + 1;
      const expected = i === bigRow ? [null, null, big] : [i + 0.5, text(r)];
      if (JSON.stringify(row) !== JSON.stringify(expected)) wrong++;
    });
    expect(wrong).toBe(0);
  }, 60_000);
});

describe('sheets that would have cost time or memory out of all proportion', () => {
  test('a merged area over the whole sheet empties the cells there and makes none', async () => {
    const bytes = await handBook({
      sheets: [
        {
          name: 'Big',
          data: '<row r="1"><c r="A1"><v>1</v></c><c r="B1"><v>2</v></c></row><row r="3"><c r="C3"><v>3</v></c></row>',
          after: '<mergeCells><mergeCell ref="A1:XFD1048576"/></mergeCells>',
        },
      ],
    });
    expect((await readFast(bytes)).table.values).toEqual([[1, null], [], [null, null, null]]);
  });

  test('merged areas up to a million cells are laid out as ExcelJS did', async () => {
    const bytes = await handBook({
      sheets: [
        {
          name: 'Tall',
          data: '<row r="1"><c r="A1"><v>1</v></c></row>',
          after: '<mergeCells><mergeCell ref="A1:B2000"/></mergeCells>',
        },
      ],
    });
    await expectSameAsExcelJs(bytes);
  });
});

// ---------------------------------------------------------------------------------------------
// Files that are no readable workbook

async function inputError(bytes: Buffer): Promise<InputError> {
  const error = await readFast(bytes).catch((e: unknown) => e);
  if (!(error instanceof InputError)) throw new Error(`expected an InputError, got ${String(error)}`);
  expect(error.message).not.toMatch(/\n/);
  expect(error.message).toMatch(/^\/.*book-\d+\.xlsx: /);
  return error;
}

/** The central directory entry of `part` in a zip written by JSZip (no comment, no ZIP64). */
function directoryEntry(zip: Buffer, part: string): number {
  const name = Buffer.from(part);
  for (let at = zip.length - 22; at >= 0; at--) {
    if (zip.readUInt32LE(at) === 0x02014b50 && zip.subarray(at + 46, at + 46 + name.length).equals(name)) return at;
  }
  throw new Error(`no ${part} in the zip`);
}

interface RawEntry {
  name: string;
  /** Already compressed when method is 8 (deflate). */
  data: Buffer;
  method: number;
  /** The unpacked size the archive tells. */
  size: number;
}

/**
 * A zip of the given entries, written by hand to control what it tells: with `zip64`, sizes and
 * offsets are in ZIP64 extra fields and a ZIP64 end record (as streaming writers do, e.g. Apache
 * POI's), the 32-bit fields all 0xFFFFFFFF; `comment` follows the end record.
 */
function rawZip(entries: RawEntry[], options: { zip64?: boolean; comment?: string } = {}): Buffer {
  const MAX = 0xffffffff;
  const chunks: Buffer[] = [];
  const directory: Buffer[] = [];
  let offset = 0;
  for (const { name, data, method, size } of entries) {
    const nameBytes = Buffer.from(name);
    const extra = Buffer.alloc(options.zip64 ? 28 : 0);
    if (options.zip64) {
      extra.writeUInt16LE(1, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(data.length), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(45, 4);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(options.zip64 ? MAX : data.length, 18);
    local.writeUInt32LE(options.zip64 ? MAX : size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    local.writeUInt16LE(extra.length, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(45, 4);
    central.writeUInt16LE(45, 6);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(options.zip64 ? MAX : data.length, 20);
    central.writeUInt32LE(options.zip64 ? MAX : size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt16LE(extra.length, 30);
    central.writeUInt32LE(options.zip64 ? MAX : offset, 42);
    chunks.push(local, nameBytes, extra, data);
    directory.push(central, nameBytes, extra);
    offset += 30 + nameBytes.length + extra.length + data.length;
  }
  const centralBytes = Buffer.concat(directory);
  if (options.zip64) {
    const end64 = Buffer.alloc(56);
    end64.writeUInt32LE(0x06064b50, 0);
    end64.writeBigUInt64LE(44n, 4);
    end64.writeBigUInt64LE(BigInt(entries.length), 24);
    end64.writeBigUInt64LE(BigInt(entries.length), 32);
    end64.writeBigUInt64LE(BigInt(centralBytes.length), 40);
    end64.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + centralBytes.length), 8);
    locator.writeUInt32LE(1, 16);
    chunks.push(centralBytes, end64, locator);
  } else chunks.push(centralBytes);
  const comment = Buffer.from(options.comment ?? '');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length, 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : entries.length, 10);
  end.writeUInt32LE(options.zip64 ? MAX : centralBytes.length, 12);
  end.writeUInt32LE(options.zip64 ? MAX : offset, 16);
  end.writeUInt16LE(comment.length, 20);
  return Buffer.concat([...chunks, end, comment]);
}

/** The parts of a package, to write again with rawZip. */
async function partsOf(bytes: Buffer): Promise<{ name: string; data: Buffer }[]> {
  const zip = await JSZip.loadAsync(bytes);
  return Promise.all(
    Object.values(zip.files)
      .filter((f) => !f.dir)
      .map(async (f) => ({ name: f.name, data: await f.async('nodebuffer') })),
  );
}

describe('the zip archive: what writers other than JSZip put in it', () => {
  let book: Buffer;
  beforeAll(async () => {
    book = await handBook({
      sharedStrings: ['<si><t>Échéance</t></si>'],
      sheets: [{ name: 'S', data: '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>1.5</v></c></row>' }],
    });
  });
  const expected = [['Échéance', 1.5]];

  test.each([
    ['stored (not compressed) parts', {}, false],
    ['deflated parts with ZIP64 sizes and end records', { zip64: true }, true],
    [
      'a comment after the end record that looks like one itself',
      // The end record's signature, then zeros where its comment length would be: a record that ends inside the file.
      { comment: `PK\x05\x06${'x'.repeat(16)}\0\0 exported by our ERP` },
      true,
    ],
  ])('%s', async (_name, options, deflate) => {
    const entries = (await partsOf(book)).map(({ name, data }) =>
      deflate
        ? { name, data: zlib.deflateRawSync(data), method: 8, size: data.length }
        : { name, data, method: 0, size: data.length },
    );
    const read = await readFast(rawZip(entries, options));
    expect(read.table.values).toEqual(expected);
  });
});

describe('files that are no readable workbook: an InputError naming the file and the part', () => {
  const oneSheet = () => handBook({ sheets: [{ name: 'S', data: '<row r="1"><c r="A1"><v>1</v></c></row>' }] });

  test.each([
    [
      'cut in half',
      (zip: Buffer) => zip.subarray(0, zip.length >> 1),
      /a corrupt or truncated \.xlsx workbook \(no zip directory at its end\)$/,
    ],
    [
      'the sheet’s data overwritten',
      (zip: Buffer) => {
        const copy = Buffer.from(zip);
        const at = copy.readUInt32LE(directoryEntry(copy, 'xl/worksheets/sheet1.xml') + 42);
        copy.fill(0xff, at + 30 + 24 + 2, at + 30 + 24 + 40);
        return copy;
      },
      /a corrupt or truncated \.xlsx workbook \(xl\/worksheets\/sheet1\.xml: /,
    ],
    [
      'an encrypted sheet entry',
      (zip: Buffer) => {
        const copy = Buffer.from(zip);
        const at = directoryEntry(copy, 'xl/worksheets/sheet1.xml');
        copy.writeUInt16LE(copy.readUInt16LE(at + 8) | 1, at + 8);
        return copy;
      },
      /\(xl\/worksheets\/sheet1\.xml: an encrypted zip entry\)$/,
    ],
    [
      'a zip bomb that says so: 2 GB once unpacked',
      (zip: Buffer) => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(2_000_000_000, directoryEntry(copy, 'xl/worksheets/sheet1.xml') + 24);
        return copy;
      },
      /: part xl\/worksheets\/sheet1\.xml would unpack to 2,000 MB, more than the 1,000 MB a ledger can take; refusing to read it$/,
    ],
    [
      'a zip bomb that lies about its size',
      (zip: Buffer) => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(10, directoryEntry(copy, 'xl/worksheets/sheet1.xml') + 24);
        return copy;
      },
      /\(xl\/worksheets\/sheet1\.xml: bigger than announced\)$/,
    ],
  ])('%s', async (_name, spoil, message) => {
    const error = await inputError(spoil(await oneSheet()));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(message);
  });

  test('a real zip bomb, 1 MB that unpacks to 1.1 GB: refused, whatever size it tells', async () => {
    // 1 MB of spaces compressed with a full flush is a deflate block that needs no history, so
    // 1,100 copies of it (and an empty final block) are a valid stream of 1.1 GB.
    const block = zlib.deflateRawSync(Buffer.alloc(1 << 20, 0x20), { finishFlush: zlib.constants.Z_FULL_FLUSH });
    const stream = Buffer.concat([...Array.from({ length: 1100 }, () => block), Buffer.from([0x03, 0x00])]);
    expect(stream.length).toBeLessThan(2_000_000);
    const parts = await partsOf(await oneSheet());
    for (const told of [1100 * (1 << 20), 5_000_000]) {
      const bomb = rawZip(
        parts.map(({ name, data }) =>
          name === 'xl/worksheets/sheet1.xml'
            ? { name, data: stream, method: 8, size: told }
            : { name, data, method: 0, size: data.length },
        ),
      );
      const started = process.hrtime.bigint();
      const error = await inputError(bomb);
      expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(5000);
      expect(error.message).toMatch(
        told > 1e9
          ? /would unpack to 1,153 MB, more than the 1,000 MB/
          : /\(xl\/worksheets\/sheet1\.xml: bigger than announced\)$/,
      );
    }
  });

  test.each([
    [
      'a shared string that is not there',
      {
        sharedStrings: ['<si><t>a</t></si>'],
        sheets: [{ name: 'S', data: '<row r="1"><c r="B1" t="s"><v>7</v></c></row>' }],
      },
      /\(xl\/worksheets\/sheet1\.xml: cell B1 refers to shared string 7 of 1\)$/,
    ],
    [
      'a sheet cut short in its data',
      { sheets: [{ name: 'S', data: '<?xml version="1.0"?><worksheet><sheetData><row r="1"><c r="A1"><v>1</v>' }] },
      /\(xl\/worksheets\/sheet1\.xml: the sheet data is cut short\)$/,
    ],
    [
      'a sheet cut short after its data',
      {
        sheets: [
          { name: 'S', data: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData><mergeCells>' },
        ],
      },
      /\(xl\/worksheets\/sheet1\.xml: the sheet is cut short\)$/,
    ],
    [
      'a row cut short',
      { sheets: [{ name: 'S', data: '<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></sheetData></worksheet>' }] },
      /\(xl\/worksheets\/sheet1\.xml: row 1 is cut short\)$/,
    ],
    [
      'a row beyond the sheet’s 1,048,576',
      { sheets: [{ name: 'S', data: '<row r="1048577"><c r="A1048577"><v>1</v></c></row>' }] },
      /\(xl\/worksheets\/sheet1\.xml: row number "1048577" is outside a sheet\)$/,
    ],
    [
      'a column beyond XFD',
      { sheets: [{ name: 'S', data: '<row r="1"><c r="XFE1"><v>1</v></c></row>' }] },
      /\(xl\/worksheets\/sheet1\.xml: "XFE1" is no cell reference\)$/,
    ],
  ])('%s', async (_name, book, message) => {
    const error = await inputError(await handBook(book));
    expect(error.code).toBe('corrupt');
    expect(error.message).toMatch(message);
  });

  test('a workbook whose only sheet part is missing has no worksheet', async () => {
    const zip = await JSZip.loadAsync(await oneSheet());
    zip.remove('xl/worksheets/sheet1.xml');
    const error = await inputError(await zip.generateAsync({ type: 'nodebuffer' }));
    expect([error.code, error.message]).toEqual([
      'not-spreadsheet',
      expect.stringMatching(/: no worksheet in this file$/),
    ]);
  });

  test('an empty zip archive and a zip of something else have no worksheet', async () => {
    const empty = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    expect((await inputError(empty)).code).toBe('not-spreadsheet');
    const docx = new JSZip();
    docx.file('word/document.xml', '<w:document/>');
    expect((await inputError(await docx.generateAsync({ type: 'nodebuffer' }))).code).toBe('not-spreadsheet');
  });
});
