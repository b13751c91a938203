/**
 * The demo workbook (samples/balance-agee-demo.xlsx: title rows above the header, 5,000 items,
 * credit notes, foreign currencies, a grand total row with its formula) copied cell by cell into
 * the in-memory host, then evaluated and written as the task pane will do it.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { writeResults, SUMMARY_SHEET_NAME } from '../../src/excel';
import { MemoryWorkbook, type HostCellValue } from '../../src/excel/memory-host';
import { prepare, sheetState, writeInput } from './fixtures';

jest.setTimeout(60_000);

const SAMPLE = path.join(__dirname, '..', '..', 'samples', 'balance-agee-demo.xlsx');

/** An ExcelJS cell value as the value Excel holds (a formula's cached result, a date's serial). */
function hostValue(value: ExcelJS.CellValue): HostCellValue {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.getTime() / 86_400_000 + 25_569;
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((t) => t.text).join('');
    if ('error' in value) return { error: String(value.error) };
    if ('result' in value) return hostValue(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    return null;
  }
  return value;
}

async function loadSample(): Promise<{ host: MemoryWorkbook; sheet: string }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(SAMPLE);
  const ws = workbook.worksheets[0];
  const host = new MemoryWorkbook().addSheet(ws.name);
  ws.eachRow({ includeEmpty: false }, (row, r) => {
    row.eachCell({ includeEmpty: false }, (cell, c) => {
      const format = cell.numFmt && cell.numFmt !== 'General' ? [[cell.numFmt]] : undefined;
      host.setCells(ws.name, `${String.fromCharCode(64 + c)}${r}`, [[hostValue(cell.value)]], format);
    });
  });
  return { host, sheet: ws.name };
}

describe('the demo workbook through the adapter', () => {
  it('is read, evaluated and annotated; its covered column adds up to the evaluation; a re-run changes nothing', async () => {
    const { host, sheet } = await loadSample();
    const prepared = await prepare(host, { sheet });
    expect(prepared.ledger.headerRow).toBe(4);
    expect(prepared.read.syncs).toBeGreaterThan(1);
    const report = await host.run((context) => writeResults(context, writeInput(prepared, sheet)));
    const last = prepared.plan.lastDataRow;
    expect(report.address).toBe(`'${sheet}'!N4:U${last}`);

    const covered = host
      .values(sheet, `Q5:Q${last}`)
      .flat()
      .reduce<number>((sum, v) => sum + Math.round((typeof v === 'number' ? v : 0) * 100), 0);
    expect(covered / 100).toBe(prepared.evaluation.totals.covered);
    expect(host.formulas(sheet).size).toBe(0);

    const ledgerBefore = sheetState(host, sheet);
    const summaryBefore = sheetState(host, SUMMARY_SHEET_NAME);
    const again = await prepare(host, { sheet });
    expect(again.evaluation).toEqual(prepared.evaluation);
    await host.run((context) => writeResults(context, writeInput(again, sheet)));
    expect(sheetState(host, sheet)).toEqual(ledgerBefore);
    expect(sheetState(host, SUMMARY_SHEET_NAME)).toEqual(summaryBefore);
  });
});
