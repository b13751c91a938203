/**
 * The ledger reader on random sheets (fast-check): any cells, any formats, header rows made of real
 * and random names at any height. It never throws; every row below the header is read, skipped or
 * reported exactly once; and the evaluation of what it read accounts for every row again.
 *
 * test/sheet/properties.test.ts holds the same accounting on a fixed header and a dozen cell kinds;
 * here the headers, the layout, the formats and the cells are all random, and the evaluation follows.
 */
import fc from 'fast-check';
import { evaluate, type Evaluation, type Ledger } from '../../src/domain';
import { readLedger, type ReadResult } from '../../src/sheet';
import { policy } from '../helpers/build';
import { reportedRows } from '../sheet/helpers';
import { sheetArb } from './cells';
import { FUZZ_TIMEOUT, fuzzParams } from './params';

const POLICY = policy(
  {
    discretionaryLimit: 20_000,
    carenceDays: 30,
    maxCreditPeriodDays: 120,
    declarationDeadlineDays: 60,
    maxExtensionDays: 60,
    minimumClaim: 500,
    excessPerClaim: 100,
    maxLiability: 50_000,
    vat: { ledgerIncludesVat: true, rate: 20 },
  },
  [{ buyer: '054321872', amount: 40_000, validFrom: '2027-01-01' }],
  [
    {
      buyerOnly: true,
      when: (f) => f.country === 'RU',
      effect: { type: 'exclude', reason: 'sanctioned', priority: 1, order: 0 },
    },
    { buyerOnly: false, when: (f) => f.daysOverdue > 90, effect: { type: 'flag', code: 'late', message: 'late' } },
  ],
  { USD: 0.92, GBP: 1.17 },
);
const AS_OF = 20_999; // 2027-06-29

const cents = (units: number): number => Math.round(units * 100);

function linesRead(ledger: Ledger): number[] {
  return ledger.kind === 'invoice' ? ledger.invoices.map((i) => i.row) : ledger.rows.map((r) => r.row);
}

/** rowsRead = rows read + rowsSkipped + rows reported, the reported rows are not read, all are data rows. */
function checkRead(result: ReadResult, sheetRows: number): void {
  const ledger = result.ledger;
  if (ledger === null) {
    // No ledger: an error says why, and nothing was half-read.
    expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
    return;
  }
  const read = linesRead(ledger);
  const reported = reportedRows(result);
  expect(ledger.rowsRead).toBe(read.length + ledger.rowsSkipped + reported.length);
  for (const row of read) expect(reported).not.toContain(row);
  expect(new Set(read).size).toBe(read.length);
  for (const row of [...read, ...reported]) {
    expect(row).toBeGreaterThan(result.headerRow);
    expect(row).toBeLessThanOrEqual(sheetRows);
  }
}

/** The evaluation's counts say the same, and every row it evaluated is one line (invoice level) that reconciles. */
function checkEvaluation(ledger: Ledger, e: Evaluation): void {
  const { rowsRead, rowsEvaluated, rowsSkipped, rowsReported } = e.counts;
  expect(rowsRead).toBe(ledger.rowsRead);
  expect(rowsSkipped).toBe(ledger.rowsSkipped);
  expect(rowsRead).toBe(rowsEvaluated + rowsSkipped + rowsReported);
  const setAside = e.diagnostics.filter((d) => d.code === 'no-fx-rate').map((d) => d.row);
  if (ledger.kind === 'invoice') {
    expect(e.invoices.length).toBe(rowsEvaluated);
    expect([...e.invoices.map((i) => i.row), ...setAside].sort((a, b) => Number(a) - Number(b))).toEqual(
      linesRead(ledger).sort((a, b) => a - b),
    );
  } else {
    expect(rowsEvaluated + setAside.length).toBe(ledger.rows.length);
  }
  for (const line of e.invoices) expect(cents(line.open)).toBe(cents(line.covered) + cents(line.uninsured));
  const sum = (xs: number[]) => xs.reduce((a, b) => a + cents(b), 0);
  expect(cents(e.totals.open)).toBe(sum(e.invoices.map((i) => i.open)));
  expect(cents(e.totals.covered) + cents(e.totals.uninsured)).toBe(cents(e.totals.open));
}

describe('the sheet reader on random sheets', () => {
  test(
    'never throws; every row is read, skipped or reported once; the evaluation accounts for every row again',
    () => {
      let ledgers = 0;
      fc.assert(
        fc.property(sheetArb, (sheet) => {
          const result = readLedger(sheet);
          checkRead(result, sheet.values.length);
          if (result.ledger === null) return;
          ledgers++;
          checkEvaluation(result.ledger, evaluate(result.ledger, POLICY, { asOf: AS_OF }));
        }),
        fuzzParams(400, 20271201),
      );
      // The headers are built from real names: most sheets must get past detection, or this tests nothing.
      expect(ledgers).toBeGreaterThan(100);
    },
    FUZZ_TIMEOUT,
  );

  test(
    "long cells (up to Excel's 32,767 characters) in the header rows and below are read without hanging (a quadratic pattern took minutes per sheet)",
    () => {
      // Each unit repeated is a worst case for some backtracking pattern: digits for the bucket
      // units ("120 j"), brackets and spaces for the header suffixes ("Solde (€)", "Montant EUR").
      const units = ['00', '9', '(', '[', 'x(', '1 ', '1,', '€ ', ' eur', 'de 1', '1j', '-', '12/', '2027-', 'total '];
      fc.assert(
        fc.property(fc.constantFrom(...units), fc.integer({ min: 20_000, max: 32_767 }), (unit, length) => {
          const s = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
          const invoice = readLedger({
            values: [
              [s, s, s],
              ['Code client', 'Date facture', 'Échéance', 'Solde', s, 'Devise', 'Litige', 'Pays'],
              ['B1', s, s, s, s, s, s, s],
              ['B1', '2027-01-01', '2027-02-01', '12', s, 'EUR', 'Oui', s],
            ],
          });
          checkRead(invoice, 4);
          const bucket = readLedger({
            values: [
              ['Code client', 'Non échu', s, 'Total'],
              [s, s, s, s],
              ['B1', s, '1', s],
            ],
          });
          checkRead(bucket, 3);
        }),
        fuzzParams(30, 20271203, 0.01),
      );
    },
    FUZZ_TIMEOUT,
  );

  test(
    'with the options a user can set (explicit columns, date order, locale), still never throws nor loses a row',
    () => {
      fc.assert(
        fc.property(
          sheetArb,
          fc.record({
            dateOrder: fc.constantFrom(undefined, 'dmy' as const, 'mdy' as const),
            locale: fc.constantFrom(undefined, 'fr' as const, 'en' as const),
            map: fc.constantFrom(undefined, { open: 'Montant' }, { invoiceDate: 'Nope' }, { buyerId: '' }),
          }),
          (sheet, options) => {
            const result = readLedger(sheet, options);
            checkRead(result, sheet.values.length);
            if (result.ledger !== null)
              checkEvaluation(result.ledger, evaluate(result.ledger, POLICY, { asOf: AS_OF }));
          },
        ),
        fuzzParams(150, 20271202, 0.3),
      );
    },
    FUZZ_TIMEOUT,
  );
});
