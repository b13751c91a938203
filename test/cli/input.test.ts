import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import {
  decodeText,
  detectSeparator,
  InputError,
  parseCsv,
  readTableFromFile,
  type InputErrorCode,
} from '../../src/cli/input';
import { readLedger } from '../../src/sheet';
import { day, diagnosticsOf, expectAccounted } from '../sheet/helpers';
import { LEDGER_ROWS, ledgerWorkbook } from './workbooks';

let dir: string;
let xlsx: Buffer;

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'credit-cover-input-'));
  xlsx = await ledgerWorkbook();
});

afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function write(name: string, data: string | Uint8Array): Promise<string> {
  const file = path.join(dir, name);
  await fs.writeFile(file, data);
  return file;
}

async function inputError(file: string, options: { sheet?: string } = {}): Promise<InputError> {
  try {
    await readTableFromFile(file, options);
  } catch (error) {
    if (error instanceof InputError) return error;
    throw error;
  }
  throw new Error(`${file} was read`);
}

describe('CSV fields', () => {
  test('quoted fields hold separators, line breaks and doubled quotes; CRLF, LF and CR end rows', () => {
    const text = 'a;"b;c";"say ""hi"""\r\n"multi\r\nline";;x\n1;2;3\rlast';
    expect(parseCsv(text, ';')).toEqual([
      ['a', 'b;c', 'say "hi"'],
      ['multi\r\nline', '', 'x'],
      ['1', '2', '3'],
      ['last'],
    ]);
  });

  test('a quote inside an unquoted field is kept as text', () => {
    expect(parseCsv('12" pipe;ok', ';')).toEqual([['12" pipe', 'ok']]);
  });

  test.each([
    [
      'French: ; with decimal commas in the amounts',
      'Titre\nCode;Nom;Solde\nC1;Dupont;1 234,56\nC2;Martin;12,50\n',
      ';',
    ],
    ['French with quoted amounts', 'Code;Solde;Montant\nC1;"1 234,56";"2,00"\nC2;"3,00";"4,00"\n', ';'],
    ['English: ,', 'Customer ID,Customer,Open amount\nC1,"Acme, Inc.","1,234.56"\nC2,Zed,12.50\n', ','],
    ['tab', 'Code\tNom\tSolde\nC1\tDupont, fils\t1,5\n', '\t'],
    ['title rows padded with separators', 'Balance;;\n;;\nCode;Nom;Solde\nC1;A;1,5\n', ';'],
  ])('separator: %s', (_name, text, separator) => {
    expect(detectSeparator(text)).toBe(separator);
  });

  test.each([
    ['UTF-8', Buffer.from('Échéance;Société', 'utf8'), 'Échéance;Société'],
    ['UTF-8 with a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Échéance', 'utf8')]), 'Échéance'],
    ['Windows-1252', Buffer.from([0xc9, 0x63, 0x68, 0xe9, 0x61, 0x6e, 0x63, 0x65, 0x20, 0x80]), 'Échéance €'],
    [
      'UTF-16LE with a BOM',
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Échéance\t1', 'utf16le')]),
      'Échéance\t1',
    ],
    ['binary', Buffer.from([0x41, 0x00, 0x42]), null],
  ])('decoding %s', (_name, bytes, text) => {
    expect(decodeText(bytes)).toBe(text);
  });
});

describe('reading .csv files', () => {
  test('Windows-1252 bytes (Excel’s "CSV" in France) are decoded: "Échéance" maps, names keep their accents', async () => {
    const text =
      'Code client;Nom;Date facture;Échéance;Solde\r\n' +
      'C1;Société Générale Équipement;01/06/2027;30/06/2027;1 000,00 €\r\n';
    const bytes = iconv.encode(text, 'win1252');
    expect(bytes.includes(0xc9)).toBe(true); // É as one byte: not UTF-8
    const file = await write('cp1252.csv', bytes);
    const { table, sheetName, sheetNames, kind } = await readTableFromFile(file);
    expect({ sheetName, sheetNames, kind }).toEqual({ sheetName: 'cp1252', sheetNames: ['cp1252'], kind: 'csv' });
    const result = readLedger(table);
    expect(result.mapping.columns.dueDate?.header).toBe('Échéance');
    if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(result.ledger.invoices).toEqual([
      expect.objectContaining({
        row: 2,
        buyerName: 'Société Générale Équipement',
        dueDate: day('2027-06-30'),
        open: 100000,
        currency: 'EUR',
      }),
    ]);
    expectAccounted(result, { read: 1, skipped: 0, reported: [] });
  });

  test('an Excel `sep=` hint line sets the separator and is no row', async () => {
    const file = await write('hint.csv', 'sep=,\r\nCode;Nom,Solde\r\nC1;X,"1,5"\r\n');
    const { table } = await readTableFromFile(file);
    expect(table.values).toEqual([
      ['Code;Nom', 'Solde'],
      ['C1;X', '1,5'],
    ]);
  });

  test('cells are text as written (no number guessing), empty fields are null, trailing blank lines dropped', async () => {
    const file = await write('plain.csv', 'Code,Solde\n007,"1,5"\n,\n008,2\n\n,\n\n');
    const { table } = await readTableFromFile(file);
    expect(table.values).toEqual([
      ['Code', 'Solde'],
      ['007', '1,5'],
      [null, null],
      ['008', '2'],
    ]);
  });
});

describe('reading .xlsx files', () => {
  test('the first visible sheet by default; values as the sheet shows them', async () => {
    const file = await write('ledger.xlsx', xlsx);
    const { table, sheetName, sheetNames, kind } = await readTableFromFile(file);
    expect({ sheetName, sheetNames, kind }).toEqual({
      sheetName: 'Balance juin 2027',
      sheetNames: ['Paramètres', 'Balance juin 2027', 'Balance agée'],
      kind: 'xlsx',
    });
    const at = (row: number, column: number) => table.values[row - 1]?.[column - 1];
    const format = (row: number, column: number) => table.formats?.[row - 1]?.[column - 1];
    expect(at(1, 1)).toBe('Balance âgée clients au 30/06/2027');
    expect(at(1, 2)).toBeNull(); // the rest of a merged area is empty, as Excel shows it
    expect([at(4, 1), format(4, 1)]).toEqual([12345678, '000000000']);
    expect(at(4, 2)).toBe('Dupont SA');
    expect(at(4, 3)).toBe('F-001');
    expect(at(4, 4)).toEqual(new Date(Date.UTC(2027, 5, 1)));
    expect(at(4, 6)).toBe(1234.56);
    expect(at(4, 8)).toEqual({ error: '#N/A' });
    expect(at(5, 4)).toBe(46539);
    expect(at(5, 7)).toBe(true);
    expect(at(6, 6)).toEqual({ error: '#N/A' });
    expect(at(9, 6)).toEqual({ error: 'formula =F5*2 has no saved result (open and save the file in Excel)' });
  });

  test('the ledger sheet reads with every row accounted for', async () => {
    const file = await write('ledger2.xlsx', xlsx);
    const result = readLedger((await readTableFromFile(file)).table);
    expect(result.headerRow).toBe(LEDGER_ROWS.header);
    if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(
      result.ledger.invoices.map((i) => [
        i.row,
        i.buyerId,
        i.buyerName,
        i.invoiceNo,
        i.invoiceDate,
        i.dueDate,
        i.open,
        i.disputed,
      ]),
    ).toEqual([
      [LEDGER_ROWS.dupont, '012345678', 'Dupont SA', 'F-001', day('2027-06-01'), day('2027-06-30'), 123456, false],
      [LEDGER_ROWS.martin, '552100554', 'Martin & Fils', 'F-002', day('2027-06-01'), day('2027-07-31'), 5594, true],
      [LEDGER_ROWS.credit, '303265045', 'Durand', 'AV-004', day('2027-06-03'), day('2027-06-03'), -30000, false],
    ]);
    expectAccounted(result, { read: 3, skipped: 1, reported: [LEDGER_ROWS.naError, LEDGER_ROWS.noResult] });
    expect(diagnosticsOf(result, 'cell-error')).toEqual([
      { row: LEDGER_ROWS.naError, column: 'Solde TTC', message: '#N/A is an error value' },
      {
        row: LEDGER_ROWS.noResult,
        column: 'Solde TTC',
        message: 'formula =F5*2 has no saved result (open and save the file in Excel)',
      },
    ]);
  });

  test('--sheet picks a sheet by name (case and spacing forgiven)', async () => {
    const file = await write('ledger3.xlsx', xlsx);
    const { table, sheetName } = await readTableFromFile(file, { sheet: ' balance AGÉE ' });
    expect(sheetName).toBe('Balance agée');
    const result = readLedger(table);
    if (result.ledger?.kind !== 'bucket') throw new Error('expected a bucket ledger');
    expect(result.ledger.rows[0]).toMatchObject({ buyerId: 'C001', amounts: [10000, 5000, 2500], total: 17500 });
    expect((await readTableFromFile(file, { sheet: 'Paramètres' })).sheetName).toBe('Paramètres');
  });
});

describe('files that are not readable ledgers: InputError, one line, naming the file', () => {
  const cases: [string, () => Promise<string>, { sheet?: string }, InputErrorCode, RegExp][] = [
    ['a missing file', async () => path.join(dir, 'absent.xlsx'), {}, 'not-found', /absent\.xlsx: no such file$/],
    ['a folder', async () => dir, {}, 'not-spreadsheet', /is a folder/],
    ['an empty file', () => write('empty.csv', ''), {}, 'empty', /empty\.csv: the file is empty$/],
    ['an empty .xlsx', () => write('empty.xlsx', ''), {}, 'empty', /the file is empty/],
    ['a blank CSV', () => write('blank.csv', '\r\n\r\n  \r\n'), {}, 'empty', /the file is empty/],
    [
      'a PDF',
      () => write('ledger.pdf', '%PDF-1.4\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n'),
      {},
      'not-spreadsheet',
      /a PDF document/,
    ],
    ['a PDF named .csv', () => write('pdf.csv', '%PDF-1.7\n'), {}, 'not-spreadsheet', /a PDF document/],
    ['random bytes', () => write('random.bin', randomBytes(4096)), {}, 'not-spreadsheet', /not a spreadsheet/],
    [
      'random bytes named .csv',
      () => write('random.csv', randomBytes(512)),
      {},
      'not-spreadsheet',
      /not a spreadsheet/,
    ],
    [
      'text named .xlsx',
      () => write('text.xlsx', 'Code;Solde\nC1;10\n'),
      {},
      'not-spreadsheet',
      /not an \.xlsx workbook/,
    ],
    [
      'a truncated .xlsx',
      () => write('truncated.xlsx', xlsx.subarray(0, Math.floor(xlsx.length / 2))),
      {},
      'corrupt',
      /truncated\.xlsx: a corrupt or truncated \.xlsx workbook/,
    ],
    [
      'an encrypted .xlsx (an OLE compound file)',
      () =>
        write(
          'protected.xlsx',
          Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504)]),
        ),
      {},
      'encrypted',
      /password-protected \(encrypted\) workbook or an old \.xls file/,
    ],
    [
      'an unknown sheet',
      () => write('sheets.xlsx', xlsx),
      { sheet: 'Juillet' },
      'unknown-sheet',
      /sheets\.xlsx: no sheet named "Juillet"; sheets: "Paramètres", "Balance juin 2027", "Balance agée"$/,
    ],
    [
      'an unknown sheet of a CSV',
      () => write('one.csv', 'a;b\n'),
      { sheet: 'Juillet' },
      'unknown-sheet',
      /a CSV file has one sheet: "one"/,
    ],
  ];
  test.each(cases)('%s', async (_name, make, options, code, message) => {
    const error = await inputError(await make(), options);
    expect(error.code).toBe(code);
    expect(error.message).toMatch(message);
    expect(error.message).not.toMatch(/\n/);
  });
});

/** Deterministic noise (a linear congruential generator), with the zero bytes binary files have. */
function randomBytes(length: number): Buffer {
  const bytes = Buffer.alloc(length);
  let state = 12345;
  for (let i = 0; i < length; i++) {
    state = (state * 1103515245 + 12345) % 2147483648;
    bytes[i] = state >> 16 === 0 ? 0 : (state >> 16) & 0xff;
  }
  bytes[7] = 0;
  return bytes;
}
