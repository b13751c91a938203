import { readLedger, type Table } from '../../src/sheet';
import { FIRST_READ, readSheet, writeResults } from '../../src/excel';
import { MemoryWorkbook, PAYLOAD_LIMIT_BYTES } from '../../src/excel/memory-host';
import { LEDGER, ledgerRows, prepare, putLedger, writeInput } from './fixtures';

describe('readSheet', () => {
  it('reads a ledger in one load and one sync: values, number formats, sheet names and the last run', async () => {
    const host = new MemoryWorkbook().addSheet('Notes');
    putLedger(host, ledgerRows(40));
    const before = host.syncs.length;
    const read = await host.run((context) => readSheet(context, LEDGER));
    expect(host.syncs.length - before).toBe(1);
    expect(read.syncs).toBe(1);
    expect(read.sheetName).toBe(LEDGER);
    expect(read.sheetNames).toEqual(['Notes', LEDGER]);
    expect(read.usedRange).toEqual({ firstRow: 1, lastRow: 41, firstColumn: 1, lastColumn: 9 });
    expect(read.table.values).toHaveLength(41);
    expect(read.table.values[0][0]).toBe('Code client');
    // A SIREN stays text, a date is a serial number with its date format, an amount a number.
    expect(read.table.values[1].slice(0, 7)).toEqual([
      '054321872',
      'Boulangeries Martin SAS',
      'FR',
      'FA0027000',
      46563,
      46593,
      150,
    ]);
    expect(read.table.formats?.[1]?.slice(4, 7)).toEqual(['dd/mm/yyyy', 'dd/mm/yyyy', '#,##0.00']);
    expect(read.previousOutput).toBeNull();
    expect(read.lastRun).toBeNull();
  });

  it('keeps sheet coordinates when the used range starts below and right of A1', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(3), { headerRow: 5, firstColumn: 'C' });
    const read = await host.run((context) => readSheet(context, LEDGER));
    expect(read.usedRange).toEqual({ firstRow: 5, lastRow: 8, firstColumn: 3, lastColumn: 11 });
    expect(read.table.values).toHaveLength(8);
    expect(read.table.values[0]).toEqual([]);
    expect(read.table.values[4].slice(0, 3)).toEqual([null, null, 'Code client']);
    expect(read.table.formats?.[5]?.[6]).toBe('dd/mm/yyyy');
    const ledger = readLedger(read.table, { locale: 'fr' });
    expect(ledger.headerRow).toBe(5);
    expect(ledger.ledger?.kind === 'invoice' && ledger.ledger.invoices.map((i) => i.row)).toEqual([6, 7, 8]);
  });

  it('gives error values as { error }, empty cells as null, booleans and numbers as they are', async () => {
    const host = new MemoryWorkbook().addSheet('S').setCells('S', 'A1', [
      ['a', { error: '#N/A' }, null, true],
      [1.5, '', '#N/A', false],
    ]);
    const read = await host.run((context) => readSheet(context, 'S'));
    expect(read.table.values).toEqual([
      ['a', { error: '#N/A' }, null, true],
      [1.5, null, '#N/A', false],
    ]);
  });

  it('reads the active sheet when no name is given, and an empty sheet as an empty table', async () => {
    const host = new MemoryWorkbook().addSheet('Empty');
    const read = await host.run((context) => readSheet(context));
    expect(read).toMatchObject({ sheetName: 'Empty', usedRange: null, table: { values: [] }, syncs: 1 });
  });

  it('on a host without a response limit (Excel on Windows, Mac), reads a big sheet in one sync', async () => {
    const rows = ledgerRows(30_000);
    const web = new MemoryWorkbook();
    putLedger(web, rows);
    const sliced = await web.run((context) => readSheet(context, LEDGER));
    const desktop = new MemoryWorkbook({ payloadLimitBytes: Infinity });
    putLedger(desktop, rows);
    const before = desktop.syncs.length;
    const whole = await desktop.run((context) => readSheet(context, LEDGER, { wholeSheetAtOnce: true }));
    expect(desktop.syncs.length - before).toBe(1);
    expect(whole.syncs).toBe(1);
    // Over Excel on the web's limit: the response it would have refused.
    expect(desktop.syncs[before].responseBytes).toBeGreaterThan(PAYLOAD_LIMIT_BYTES);
    expect(sliced.syncs).toBeGreaterThan(1);
    expect(whole.table).toEqual(sliced.table);
    expect(whole.usedRange).toEqual(sliced.usedRange);
  });

  it('asked for the whole sheet where the host refuses it, falls back to slices and says so in the count', async () => {
    const rows = ledgerRows(30_000);
    const host = new MemoryWorkbook();
    putLedger(host, rows);
    const before = host.syncs.length;
    const read = await host.run((context) => readSheet(context, LEDGER, { wholeSheetAtOnce: true }));
    const syncs = host.syncs.slice(before);
    expect(syncs[0].error).toMatch(/^ResponsePayloadSizeLimitExceeded/);
    expect(syncs.slice(1).every((s) => s.error === null && s.responseBytes < PAYLOAD_LIMIT_BYTES)).toBe(true);
    expect(read.syncs).toBe(syncs.length);
    expect(read.table.values[30_000][3]).toBe(rows[29_999].invoiceNo);
    expect(readLedger(read.table).ledger?.rowsRead).toBe(30_000);
  });

  it('reads a sheet too big for one response in row slices, every response under the limit', async () => {
    const host = new MemoryWorkbook();
    const rows = ledgerRows(30_000);
    putLedger(host, rows);
    const before = host.syncs.length;
    const read = await host.run((context) => readSheet(context, LEDGER));
    const syncs = host.syncs.slice(before);
    expect(read.syncs).toBe(syncs.length);
    expect(syncs.length).toBeGreaterThan(1);
    expect(Math.max(...syncs.map((s) => s.responseBytes))).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    // The whole sheet, in place: the last row and a row just past the first slice.
    expect(read.table.values).toHaveLength(30_001);
    expect(read.table.values[30_000][3]).toBe(rows[29_999].invoiceNo);
    expect(read.table.values[FIRST_READ.lastRow][3]).toBe(rows[FIRST_READ.lastRow - 1].invoiceNo);
    expect(readLedger(read.table).ledger?.rowsRead).toBe(30_000);
  });

  it('reads a wide sheet whose columns go past the first read', async () => {
    const host = new MemoryWorkbook().addSheet('Wide');
    const row = Array.from({ length: 40 }, (_, i) => `c${i + 1}`);
    host.setCells('Wide', 'A1', [row, row.map((c) => c.toUpperCase())]);
    const read = await host.run((context) => readSheet(context, 'Wide'));
    expect(read.syncs).toBe(2);
    expect(read.table.values[1][39]).toBe('C40');
    expect(read.table.values[0]).toEqual(row);
  });

  it("finds a previous run's columns through its defined name, and the last run's record", async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(10));
    const prepared = await prepare(host);
    await host.run((context) => writeResults(context, writeInput(prepared)));
    const read = await host.run((context) => readSheet(context, LEDGER));
    expect(read.syncs).toBe(1);
    expect(read.previousOutput).toEqual({ firstRow: 1, lastRow: 11, firstColumn: 10, lastColumn: 17 });
    expect(read.lastRun).toMatchObject({ sheetName: LEDGER, block: 'J1:Q11', complete: true, asOf: '2027-06-30' });
  });

  it('makes the same Table as the one the CLI builds, so the reader sees no difference', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(25));
    const read = await host.run((context) => readSheet(context, LEDGER));
    const direct: Table = { values: host.values(LEDGER, 'A1:I26').map((r) => r.map((v) => v)) };
    direct.formats = host
      .formats(LEDGER, 'A1:I26')
      .map((r, i) => r.map((f, j) => (direct.values[i][j] === null ? null : f)));
    expect(readLedger(read.table)).toEqual(readLedger(direct));
  });
});
