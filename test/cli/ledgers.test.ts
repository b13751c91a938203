/**
 * The hand-made CSV fixtures, read through the real file reader, every row accounted for.
 * Expected values are read off the fixture files by hand.
 */
import path from 'node:path';
import { readTableFromFile } from '../../src/cli/input';
import { readLedger, type ReadResult } from '../../src/sheet';
import { day, diagnosticsOf, expectAccounted } from '../sheet/helpers';

const fixture = (name: string) => path.resolve(__dirname, '../fixtures', name);

async function read(name: string): Promise<ReadResult> {
  return readLedger((await readTableFromFile(fixture(name))).table);
}

describe('ledger-fr.csv: a French export', () => {
  let result: ReadResult;
  beforeAll(async () => {
    result = await read('ledger-fr.csv');
  });

  test('the header is found below a company name, a title and a blank row', () => {
    expect(result.headerRow).toBe(4);
    expect(result.mapping.layout).toBe('invoice');
    expect(result.mapping.locale.locale).toBe('fr');
  });

  test('rows 5–14: 6 read, 3 skipped (subtotal, empty, grand total), row 11 reported', () => {
    expectAccounted(result, { read: 6, skipped: 3, reported: [11] });
    expect(diagnosticsOf(result, 'bad-date')).toEqual([
      { row: 11, column: 'Échéance', message: '"31/02/2027" is not a date' },
    ]);
    expect(diagnosticsOf(result, 'row-skipped').map((d) => d.row)).toEqual([8, 14]);
  });

  test('values as written: SIREN with its leading zero, French amounts, credit notes, Oui/Non', () => {
    if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(result.ledger.hasAmountColumn).toBe(true);
    const rows = result.ledger.invoices.map((i) => [
      i.row,
      i.buyerId,
      i.buyerName,
      i.country,
      i.invoiceNo,
      i.invoiceDate,
      i.dueDate,
      i.amount,
      i.open,
      i.currency,
      i.disputed,
    ]);
    expect(rows).toEqual([
      // 1 234,56 € with narrow no-break spaces
      [
        5,
        '012345678',
        'Dupont SA',
        'FR',
        'F-2027-001',
        day('2027-01-15'),
        day('2027-03-16'),
        123456,
        123456,
        'EUR',
        false,
      ],
      // 2 400,00 € with a no-break space; 1.200,00 € with a point for thousands
      [
        6,
        '012345678',
        'Dupont SA',
        'FR',
        'F-2027-014',
        day('2027-04-20'),
        day('2027-05-20'),
        240000,
        120000,
        'EUR',
        true,
      ],
      // a credit note, no dispute stated
      [
        7,
        '012345678',
        'Dupont SA',
        'FR',
        'AV-2027-003',
        day('2027-05-02'),
        day('2027-05-02'),
        -30000,
        -30000,
        'EUR',
        null,
      ],
      [
        10,
        '552100554',
        'Martin & Fils',
        'FR',
        'F-2027-020',
        day('2027-05-31'),
        day('2027-06-30'),
        1200000,
        1200000,
        'EUR',
        false,
      ],
      // (1 000,00): a negative in parentheses; a quoted name holding the separator
      [
        12,
        '303265045',
        'Durand; Frères',
        'BE',
        'F-2027-030',
        day('2027-06-01'),
        day('2027-07-31'),
        -100000,
        -100000,
        'EUR',
        false,
      ],
      // open 0 is kept; 980,5 has one decimal
      [
        13,
        '303265045',
        'Durand; Frères',
        'BE',
        'F-2027-031',
        day('2027-06-05'),
        day('2027-07-05'),
        98050,
        0,
        'EUR',
        false,
      ],
    ]);
  });

  test('the day-first order is inferred from the columns', () => {
    expect(result.mapping.dateOrders.invoiceDate).toEqual({
      order: 'dmy',
      source: 'column',
      reason: 'row 5 has "15/01/2027", whose first part (15) can only be a day',
    });
  });
});

describe('ledger-us.csv: a US export', () => {
  let result: ReadResult;
  beforeAll(async () => {
    result = await read('ledger-us.csv');
  });

  test('rows 4–11: 4 read, 2 skipped (anonymous subtotal, Subtotal), rows 10 and 11 reported', () => {
    expect(result.headerRow).toBe(3);
    expectAccounted(result, { read: 4, skipped: 2, reported: [10, 11] });
    expect(result.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.row, d.column, d.message])).toEqual([
      [10, 'Invoice date', '"4/31/2027" is not a date'],
      [11, 'Open amount', 'the amount is in USD but column "Currency" says EUR'],
    ]);
  });

  test('month-first dates, $1,234.56, parentheses negatives, quoted names', () => {
    if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(result.ledger.hasAmountColumn).toBe(false);
    expect(
      result.ledger.invoices.map((i) => [
        i.row,
        i.buyerId,
        i.buyerName,
        i.invoiceNo,
        i.invoiceDate,
        i.dueDate,
        i.open,
        i.currency,
        i.disputed,
      ]),
    ).toEqual([
      [4, 'C-0042', 'Acme, Inc.', '000123', day('2027-01-15'), day('2027-02-14'), 123456, 'USD', false],
      [5, 'C-0042', 'Acme, Inc.', '000124', day('2027-02-20'), day('2027-03-22'), -25000, 'USD', true],
      [6, 'C-0077', 'Big "Bear" Co', 'INV-9', day('2027-03-03'), day('2027-04-02'), 123456, 'USD', false],
      // no currency given: the $ of the amount says USD
      [7, 'C-0077', 'Big "Bear" Co', 'INV-10', day('2027-06-13'), day('2027-07-13'), 9990, 'USD', true],
    ]);
    expect(result.mapping.dateOrders.invoiceDate?.order).toBe('mdy');
  });
});

describe('balance-agee-fr.csv: a bucket-level balance (UTF-8 with BOM)', () => {
  let result: ReadResult;
  beforeAll(async () => {
    result = await read('balance-agee-fr.csv');
  });

  test('bucket edges from French headers, en-dash included', () => {
    if (result.ledger?.kind !== 'bucket') throw new Error('expected a bucket ledger');
    expect(result.ledger.buckets).toEqual([
      { label: 'Non échu', notDue: true, from: 0, to: 0 },
      { label: '0-30 j', notDue: false, from: 0, to: 30 },
      { label: '31 – 60 j', notDue: false, from: 31, to: 60 },
      { label: '61-90', notDue: false, from: 61, to: 90 },
      { label: '91-120', notDue: false, from: 91, to: 120 },
      { label: 'Plus de 120 jours', notDue: false, from: 121, to: null },
    ]);
  });

  test('rows 3–7: 3 read, the Total row skipped, row 7 reported', () => {
    expect(result.headerRow).toBe(2);
    expectAccounted(result, { read: 3, skipped: 1, reported: [7] });
    expect(diagnosticsOf(result, 'bad-amount')).toEqual([
      { row: 7, column: 'Non échu', message: '"abc" is not an amount' },
    ]);
    if (result.ledger?.kind !== 'bucket') throw new Error('expected a bucket ledger');
    expect(result.ledger.rows.map((r) => [r.row, r.buyerId, r.buyerName, r.country, r.amounts, r.total])).toEqual([
      [3, 'C001', 'Dupont SA', 'FR', [100000, 50000, 0, 25000, 0, 10000], 185000],
      [4, 'C002', 'Martin', 'FR', [0, 0, 0, 0, 0, 200000], 200000],
      [5, 'C003', 'Durand', 'BE', [-15000, 30000, 0, 0, 0, 0], 15000],
    ]);
  });
});
