/**
 * IBM's public accounts-receivable sample (shared/data), read through the real file reader
 * without any --map: every one of its 2466 data rows is mapped and read.
 */
import path from 'node:path';
import { readTableFromFile } from '../../src/cli/input';
import { readLedger, type ReadResult } from '../../src/sheet';
import { day, expectAccounted } from '../sheet/helpers';

const SAMPLE = path.resolve(__dirname, '../../../shared/data/ibm-accounts-receivable-sample.csv');

let result: ReadResult;
beforeAll(async () => {
  const { table, sheetName } = await readTableFromFile(SAMPLE);
  expect(sheetName).toBe('ibm-accounts-receivable-sample');
  result = readLedger(table);
});

function invoices() {
  if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
  return result.ledger.invoices;
}

test('columns are mapped from the English camelCase headers; the rest are ignored', () => {
  expect(result.headerRow).toBe(1);
  expect(Object.fromEntries(Object.entries(result.mapping.columns).map(([role, c]) => [role, c.header]))).toEqual({
    country: 'countryCode',
    buyerId: 'customerID',
    invoiceNo: 'invoiceNumber',
    invoiceDate: 'InvoiceDate',
    dueDate: 'DueDate',
    amount: 'InvoiceAmount',
    disputed: 'Disputed',
  });
  expect(result.diagnostics.find((d) => d.code === 'columns-ignored')?.message).toBe(
    'columns not used: "PaperlessDate", "SettledDate", "PaperlessBill", "DaysToSettle", "DaysLate"',
  );
});

test('2466 data rows, all read, none skipped or reported', () => {
  expectAccounted(result, { read: 2466, skipped: 0, reported: [] });
  expect(result.diagnostics.filter((d) => d.severity !== 'info')).toEqual([]);
  if (result.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
  expect(result.ledger.hasAmountColumn).toBe(false);
});

test('dates are month first, inferred: row 3 has 1/26/2013, which cannot be day first', () => {
  expect(result.mapping.dateOrders).toEqual({
    invoiceDate: {
      order: 'mdy',
      source: 'column',
      reason: 'row 3 has "1/26/2013", whose second part (26) can only be a day',
    },
    dueDate: {
      order: 'mdy',
      source: 'column',
      reason: 'row 3 has "2/25/2013", whose second part (25) can only be a day',
    },
  });
});

test('rows read exactly as the file writes them', () => {
  const [first, second] = invoices();
  const last = invoices()[invoices().length - 1];
  // 391,0379-NEVHP,4/6/2013,0000611365,1/2/2013,2/1/2013,55.94,No,...
  expect(first).toEqual({
    row: 2,
    buyerId: '0379-NEVHP',
    buyerName: null,
    country: '391',
    sector: null,
    buyerType: null,
    invoiceNo: '0000611365',
    invoiceDate: day('2013-01-02'),
    dueDate: day('2013-02-01'),
    open: 5594,
    amount: null,
    currency: null,
    disputed: false,
    declaredOn: null,
  });
  // 406,8976-AMJEO,3/3/2012,0007900770,1/26/2013,2/25/2013,61.74,Yes,...
  expect(second).toMatchObject({
    row: 3,
    buyerId: '8976-AMJEO',
    country: '406',
    invoiceNo: '0007900770',
    invoiceDate: day('2013-01-26'),
    dueDate: day('2013-02-25'),
    open: 6174,
    disputed: true,
  });
  // 406,9758-AIEIK,4/23/2012,9990243864,7/4/2013,8/3/2013,68.66,No,... (the last line, row 2467)
  expect(last).toMatchObject({
    row: 2467,
    buyerId: '9758-AIEIK',
    country: '406',
    invoiceNo: '9990243864',
    invoiceDate: day('2013-07-04'),
    dueDate: day('2013-08-03'),
    open: 6866,
    disputed: false,
  });
});

test('totals agree with the file: 561 disputed, 100 customers, 147,703.18 in all', () => {
  const all = invoices();
  expect(all.filter((i) => i.disputed === true)).toHaveLength(561);
  expect(new Set(all.map((i) => i.buyerId)).size).toBe(100);
  expect(all.reduce((sum, i) => sum + i.open, 0)).toBe(14770318);
  expect(all.every((i) => /^\d{10}$/.test(i.invoiceNo ?? ''))).toBe(true);
});
