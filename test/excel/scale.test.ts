/**
 * 100,000 rows through the real pipeline: the number of syncs follows the payload, never the row
 * count; no request or response passes Excel on the web's 5 MB; the highlight rules stay five.
 */
import { REQUEST_BUDGET_BYTES, SUMMARY_SHEET_NAME, writeResults } from '../../src/excel';
import { MemoryWorkbook, PAYLOAD_LIMIT_BYTES } from '../../src/excel/memory-host';
import { LEDGER, ledgerRows, prepare, putLedger, writeInput } from './fixtures';

jest.setTimeout(180_000);

const ROWS = 100_000;
const FOUR_MB = 4 * 1024 * 1024;

describe('100,000 rows', () => {
  const host = new MemoryWorkbook();
  putLedger(host, ledgerRows(ROWS));
  let firstReadSyncs = 0;

  it('are read in row slices, each response under 5 MB, and written in syncs bounded by the payload', async () => {
    const readStart = host.syncs.length;
    const prepared = await prepare(host);
    const reads = host.syncs.slice(readStart);
    expect(prepared.read.syncs).toBe(reads.length);
    firstReadSyncs = reads.length;
    expect(Math.max(...reads.map((s) => s.responseBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    expect(prepared.plan.rows).toHaveLength(ROWS);

    const writeStart = host.syncs.length;
    const report = await host.run((context) => writeResults(context, writeInput(prepared)));
    const writes = host.syncs.slice(writeStart);
    const bytes = writes.reduce((sum, s) => sum + s.requestBytes, 0);
    expect(report.syncs).toBe(writes.length);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(bytes / FOUR_MB) + 3);
    expect(Math.max(...writes.map((s) => s.requestBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // The adapter's own estimate of each request stays within its budget.
    expect(Math.max(...report.requestBytes)).toBeLessThanOrEqual(REQUEST_BUDGET_BYTES);

    // The same five rules as for ten rows, each over the whole column range.
    const rules = host.conditionalFormats(LEDGER);
    expect(rules.map((r) => r.address)).toEqual(['O2:Q100001', 'J2:K100001', 'J2:K100001', 'J2:K100001', 'J2:K100001']);
    expect(host.values(LEDGER, 'J100001:Q100001')[0]).toEqual(
      prepared.plan.rows[ROWS - 1].map((c) =>
        c === null ? null : typeof c === 'number' ? c : c.type === 'text' ? c.text : expect.any(Number),
      ),
    );
    expect(host.formats(LEDGER, 'L100001')).toEqual([['#,##0.00 "€"']]);
    expect(host.charts(SUMMARY_SHEET_NAME)).toHaveLength(1);
  });

  it('are replaced by a re-run within the same bound', async () => {
    const prepared = await prepare(host);
    expect(prepared.plan.firstColumn).toBe(10);
    // Its own columns are not fetched again past the first read: about the same reads as the first run.
    expect(prepared.read.syncs).toBeLessThanOrEqual(firstReadSyncs + 2);
    const start = host.syncs.length;
    await host.run((context) => writeResults(context, writeInput(prepared)));
    const writes = host.syncs.slice(start);
    const bytes = writes.reduce((sum, s) => sum + s.requestBytes, 0);
    expect(writes.length).toBeLessThanOrEqual(Math.ceil(bytes / FOUR_MB) + 3);
    expect(host.conditionalFormats(LEDGER)).toHaveLength(5);
  });
});

describe('ten rows', () => {
  it('get the same five rules', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(10));
    const prepared = await prepare(host);
    await host.run((context) => writeResults(context, writeInput(prepared)));
    expect(host.conditionalFormats(LEDGER)).toHaveLength(5);
  });
});
