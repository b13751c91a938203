/**
 * Malicious or merely careless ledgers that used to cost time or memory out of all proportion to
 * their size. Long cells (Excel's 32,767 characters) in the header rows: test/fuzz/sheet-reader.test.ts.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { readTableFromFile } from '../../src/cli/input';
import { readLedger } from '../../src/sheet';

let dir: string;
beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-ledger-'));
});
afterAll(async () => {
  await fs.rm(dir, { recursive: true, force: true });
});

async function ledgerWith(file: string, rows: number, stray: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Balance');
  ws.addRow(['Code client', 'Date facture', 'Échéance', 'Solde']);
  for (let i = 0; i < rows; i++) ws.addRow([`B${i}`, 46000 + (i % 300), 46030 + (i % 300), 100 + i]);
  ws.getCell(stray).value = 'x';
  await wb.xlsx.writeFile(file);
}

describe('one stray cell far away does not make the sheet huge (.xlsx through ExcelJS)', () => {
  test.each([
    // 2,000 rows × 16,384 columns used to be 33 million cells (0.5 GB) for a 35 KB file.
    ['in the last column (XFD2)', 2_000, 'XFD2'],
    // The last cell of a sheet: a million rows × 16,384 columns could not even be allocated.
    ['in the last cell of the sheet (XFD1048576)', 200, 'XFD1048576'],
  ])('%s: each row is as wide as its own cells', async (_name, rows, stray) => {
    const file = path.join(dir, `${stray}.xlsx`);
    await ledgerWith(file, rows, stray);
    const { table } = await readTableFromFile(file);
    const cells = table.values.reduce((n, row) => n + row.length, 0);
    expect(cells).toBeLessThan(rows * 4 + 20_000);
    expect(table.values[2]).toEqual(['B1', 46001, 46031, 101]);
    const read = readLedger(table);
    if (read.ledger?.kind !== 'invoice') throw new Error('expected an invoice ledger');
    expect(read.ledger.invoices).toHaveLength(rows);
    // The stray cell's row is read (and reported) or skipped like any other: no row is lost.
    const reported = new Set(read.diagnostics.filter((d) => d.severity === 'error').map((d) => d.row)).size;
    expect(read.ledger.rowsRead).toBe(rows + read.ledger.rowsSkipped + reported);
  });
});
