/**
 * The Office adapter against the in-memory Excel (`src/excel/memory-host.ts`), as the task pane
 * runs it: `readSheet` → `readLedger` → `evaluate` → `placeOutput` → the plan → `writeResults`.
 * The host counts every sync, the bytes of every request and response, and every API call.
 */
import { excelSerialFromDay, evaluate, type Day } from '../src/domain';
import { placeOutput, readSheet, writeResults } from '../src/excel';
import { MemoryWorkbook, PAYLOAD_LIMIT_BYTES, type HostCellValue, type SyncRecord } from '../src/excel/memory-host';
import { readLedger } from '../src/sheet';
import { buildExposurePlan, buildSummaryModel } from '../src/sheet/output';
import { AS_OF, FRENCH_HEADERS, asOfDay, benchPolicy, eachInvoice } from './ledger';
import { peakRssMb } from './measure';

export const SHEET = 'Balance âgée';
const FOUR_MB = 4 * 1024 * 1024;

export interface SyncFigures {
  syncs: number;
  calls: number;
  requestBytes: number;
  responseBytes: number;
  maxRequestBytes: number;
  maxResponseBytes: number;
  ms: number;
}

export interface AdapterRun {
  rows: number;
  cells: number;
  /** Excel on the web (5 MB per response): sliced. */
  read: SyncFigures;
  /** Excel on Windows or Mac (no response limit): `wholeSheetAtOnce`. */
  desktopRead: SyncFigures;
  write: SyncFigures;
  /** What the adapter says about its own syncs (read.syncs, report.syncs). */
  reportedReadSyncs: number;
  reportedWriteSyncs: number;
  /** The bound on writing: ceil(bytes written / 4 MB) + 3. */
  writeBound: number;
  conditionalFormats: number;
  conditionalFormatRanges: string[];
  evaluatedRows: number;
}

export interface AdapterFigures {
  case: 'adapter';
  large: AdapterRun;
  small: AdapterRun;
  payloadLimitBytes: number;
  peakRssMb: number;
}

function serial(day: Day): number {
  return excelSerialFromDay(day);
}

/** The generated ledger as a user's sheet: headers on row 1, ids as text, dates as dated serials. */
function putLedger(host: MemoryWorkbook, rows: number): void {
  host.addSheet(SHEET);
  const values: HostCellValue[][] = [[...FRENCH_HEADERS]];
  const formats: (string | null)[][] = [FRENCH_HEADERS.map(() => null)];
  eachInvoice(rows, (inv) => {
    const b = inv.buyer;
    values.push([
      b.id,
      b.name,
      b.country,
      b.buyerType,
      b.sector,
      inv.invoiceNo,
      serial(inv.invoiceDate),
      serial(inv.dueDate),
      inv.amount / 100,
      inv.open / 100,
      inv.currency,
      inv.disputed === null ? null : inv.disputed ? 'Oui' : 'Non',
      inv.declaredOn === null ? null : serial(inv.declaredOn),
    ]);
    formats.push([
      '@',
      null,
      null,
      null,
      null,
      null,
      'dd/mm/yyyy',
      'dd/mm/yyyy',
      '#,##0.00',
      '#,##0.00',
      null,
      null,
      inv.declaredOn === null ? null : 'dd/mm/yyyy',
    ]);
  });
  host.setCells(SHEET, 'A1', values, formats);
}

function figures(syncs: readonly SyncRecord[], calls: number, ms: number): SyncFigures {
  const sum = (f: (s: SyncRecord) => number): number => syncs.reduce((n, s) => n + f(s), 0);
  const max = (f: (s: SyncRecord) => number): number => syncs.reduce((n, s) => Math.max(n, f(s)), 0);
  return {
    syncs: syncs.length,
    calls,
    requestBytes: sum((s) => s.requestBytes),
    responseBytes: sum((s) => s.responseBytes),
    maxRequestBytes: max((s) => s.requestBytes),
    maxResponseBytes: max((s) => s.responseBytes),
    ms,
  };
}

export async function adapterRun(rows: number): Promise<AdapterRun> {
  const { policy } = benchPolicy();
  const host = new MemoryWorkbook();
  putLedger(host, rows);

  let syncStart = host.syncs.length;
  let callStart = host.calls.length;
  let t0 = performance.now();
  const read = await host.run((context) => readSheet(context, SHEET));
  const readFigures = figures(host.syncs.slice(syncStart), host.calls.length - callStart, performance.now() - t0);

  const desktop = new MemoryWorkbook({ payloadLimitBytes: Infinity });
  putLedger(desktop, rows);
  const desktopStart = desktop.syncs.length;
  const desktopCalls = desktop.calls.length;
  const t1 = performance.now();
  const whole = await desktop.run((context) => readSheet(context, SHEET, { wholeSheetAtOnce: true }));
  const desktopRead = figures(
    desktop.syncs.slice(desktopStart),
    desktop.calls.length - desktopCalls,
    performance.now() - t1,
  );
  if (whole.table.values.length !== read.table.values.length)
    throw new Error('the desktop read differs from the sliced one');

  const ledger = readLedger(read.table, { locale: 'fr' });
  if (ledger.ledger === null) throw new Error(ledger.diagnostics.map((d) => d.message).join('; '));
  const evaluation = evaluate(ledger.ledger, policy, { asOf: asOfDay() });
  const place = placeOutput(read, ledger.headerRow);
  const plan = buildExposurePlan(evaluation, {
    headerRow: ledger.headerRow,
    firstOutputColumn: place.firstOutputColumn,
    lastDataRow: place.lastDataRow,
    lang: 'fr',
  });
  const summary = buildSummaryModel(evaluation, 'fr');

  syncStart = host.syncs.length;
  callStart = host.calls.length;
  t0 = performance.now();
  const report = await host.run((context) =>
    writeResults(context, {
      sheetName: SHEET,
      plan,
      summary,
      asOf: AS_OF,
      policy: { id: policy.terms.id, version: policy.terms.version, hash: policy.hash },
    }),
  );
  const writeFigures = figures(host.syncs.slice(syncStart), host.calls.length - callStart, performance.now() - t0);
  const rules = host.conditionalFormats(SHEET);
  return {
    rows,
    cells: rows * FRENCH_HEADERS.length,
    read: readFigures,
    desktopRead,
    write: writeFigures,
    reportedReadSyncs: read.syncs,
    reportedWriteSyncs: report.syncs,
    writeBound: Math.ceil(writeFigures.requestBytes / FOUR_MB) + 3,
    conditionalFormats: rules.length,
    conditionalFormatRanges: rules.map((r) => r.address),
    evaluatedRows: evaluation.counts.rowsEvaluated,
  };
}

export async function measureAdapter(rows: number): Promise<AdapterFigures> {
  const small = await adapterRun(10);
  const large = await adapterRun(rows);
  return { case: 'adapter', large, small, payloadLimitBytes: PAYLOAD_LIMIT_BYTES, peakRssMb: peakRssMb() };
}
