/**
 * The demo's sample ledger: the committed file is what its generator makes, and it evaluates with
 * every row accounted for.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeDemoLedger } from '../../scripts/make-demo-ledger';
import { main } from '../../src/cli';
import type { Evaluation } from '../../src/domain';
import { tempDirs } from '../helpers/temp-dirs';

const tmp = tempDirs('cc-demo-');

const root = path.resolve(__dirname, '../..');
const sample = path.join(root, 'samples/balance-agee-demo.xlsx');

async function cells(file: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const rows: unknown[][] = [];
  wb.worksheets[0].eachRow({ includeEmpty: true }, (row) => rows.push(JSON.parse(JSON.stringify(row.values))));
  return rows;
}

test('samples/balance-agee-demo.xlsx is what scripts/make-demo-ledger.ts generates', async () => {
  const fresh = path.join(tmp(), 'demo.xlsx');
  const { rows, buyers } = await makeDemoLedger(fresh, path.join(root, 'rules/fr-pme-globale.json'));
  expect(buyers).toBe(300);
  expect(rows).toBeGreaterThan(4500);
  expect(await cells(sample)).toEqual(await cells(fresh));
}, 60000);

test('the demo evaluation accounts for every row', async () => {
  const out: string[] = [];
  const json = path.join(tmp(), 'r.json');
  const code = await main(
    [
      'evaluate',
      sample,
      '--rules',
      path.join(root, 'rules/fr-pme-globale.json'),
      '--as-of',
      '2027-06-30',
      '--json',
      json,
    ],
    { out: (l) => out.push(l), err: (l) => out.push(l) },
  );
  expect(code).toBe(0);
  const e = JSON.parse(readFileSync(json, 'utf8')) as Evaluation;
  const { rowsRead, rowsEvaluated, rowsSkipped, rowsReported } = e.counts;
  expect(rowsRead).toBe(rowsEvaluated + rowsSkipped + rowsReported);
  // The grand-total row is skipped; the CHF items (no rate in the policy) are the reported rows.
  expect(rowsSkipped).toBe(1);
  expect(e.diagnostics.filter((d) => d.severity === 'error').every((d) => d.code === 'no-fx-rate')).toBe(true);
  const cents = (n: number) => Math.round(n * 100);
  expect(cents(e.totals.open)).toBe(cents(e.totals.covered) + cents(e.totals.uninsured));
  // Every status and the main exclusion reasons appear: the demo shows what the product does.
  const statuses = new Set(e.invoices.map((i) => i.status));
  expect([...statuses].sort()).toEqual(['covered', 'credit', 'excluded', 'over-limit', 'partial']);
  for (const reason of ['carence', 'disputed', 'stop-shipment', 'declaration-late', 'rule:private-individual']) {
    expect(Object.keys(e.totals.excludedByReason)).toContain(reason);
  }
}, 60000);
