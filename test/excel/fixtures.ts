/**
 * Inputs for the adapter's tests, built with the real pipeline: a ledger sheet in the in-memory
 * host, then `readSheet` → `readLedger` → `evaluate` (with `rules/fr-pme-globale.json`) →
 * `placeOutput` → `buildExposurePlan` / `buildSummaryModel`, as the task pane will run them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate, parseIsoDay, excelSerialFromDay, type Evaluation, type Policy } from '../../src/domain';
import { loadRuleFile } from '../../src/rules';
import { readLedger, type ReadResult } from '../../src/sheet';
import { buildExposurePlan, buildSummaryModel, type ExposurePlan, type SummaryModel } from '../../src/sheet/output';
import type { Lang } from '../../src/sheet/output-labels';
import { placeOutput, readSheet, type SheetRead } from '../../src/excel';
import { MemoryWorkbook, type HostCellValue } from '../../src/excel/memory-host';

export const RULES_PATH = path.join(__dirname, '..', '..', 'rules', 'fr-pme-globale.json');
export const AS_OF = '2027-06-30';
export const LEDGER = 'Balance âgée';

export const HEADERS = [
  'Code client',
  'Raison sociale',
  'Pays',
  'N° facture',
  'Date facture',
  'Échéance',
  'Solde TTC',
  'Devise',
  'Litige',
];

export function ruleFileText(): string {
  return readFileSync(RULES_PATH, 'utf8');
}

let policy: { policy: Policy; hash: string } | null = null;

export function samplePolicy(): { policy: Policy; hash: string } {
  if (policy) return policy;
  const loaded = loadRuleFile(ruleFileText(), { fileName: 'fr-pme-globale.json' });
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  policy = { policy: loaded.policy, hash: loaded.hash };
  return policy;
}

const serial = (iso: string): number => excelSerialFromDay(parseIsoDay(iso) as number);

/** Buyers of the sample policy (named limits) and a few without one. */
const BUYERS: [string, string, string][] = [
  ['054321872', 'Boulangeries Martin SAS', 'FR'],
  ['321456980', 'Transports Lefèvre et Fils SARL', 'FR'],
  ['412369852', 'Métallerie Garnier SA', 'FR'],
  ['000123457', 'Ateliers du Rhône', 'FR'],
  ['789456123', 'Imprimerie Dubois', 'FR'],
];

export interface LedgerRow {
  id: string;
  name: string;
  country: string;
  invoiceNo: string;
  date: string;
  due: string;
  open: number;
  currency: string;
  disputed: boolean;
}

/** A deterministic invoice-level ledger: `n` rows over the buyers above, dates spread before the as-of date. */
export function ledgerRows(n: number): LedgerRow[] {
  const rows: LedgerRow[] = [];
  const asOf = parseIsoDay(AS_OF) as number;
  for (let i = 0; i < n; i++) {
    const [id, name, country] = BUYERS[i % BUYERS.length];
    const age = 5 + ((i * 37) % 170);
    const term = [30, 45, 60][i % 3];
    const date = asOf - age;
    rows.push({
      id,
      name,
      country,
      invoiceNo: `FA${String(27000 + i).padStart(7, '0')}`,
      date: isoOf(date),
      due: isoOf(date + term),
      open: Math.round((150 + ((i * 7919) % 4000) + (i % 100) / 100) * 100) / 100,
      currency: 'EUR',
      disputed: i % 53 === 0,
    });
  }
  return rows;
}

function isoOf(day: number): string {
  const d = new Date(day * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** The ledger as a user's sheet: headers on `headerRow`, dates as dated serial numbers, ids as text. */
export function putLedger(
  host: MemoryWorkbook,
  rows: LedgerRow[],
  options: { sheet?: string; headerRow?: number; firstColumn?: string } = {},
): MemoryWorkbook {
  const sheet = options.sheet ?? LEDGER;
  if (!host.sheetNames().includes(sheet)) host.addSheet(sheet);
  const headerRow = options.headerRow ?? 1;
  const column = options.firstColumn ?? 'A';
  const values: HostCellValue[][] = [HEADERS];
  const formats: (string | null)[][] = [HEADERS.map(() => null)];
  for (const r of rows) {
    values.push([
      r.id,
      r.name,
      r.country,
      r.invoiceNo,
      serial(r.date),
      serial(r.due),
      r.open,
      r.currency,
      r.disputed ? 'Oui' : 'Non',
    ]);
    formats.push(['@', null, null, null, 'dd/mm/yyyy', 'dd/mm/yyyy', '#,##0.00', null, null]);
  }
  host.setCells(sheet, `${column}${headerRow}`, values, formats);
  return host;
}

export interface Prepared {
  read: SheetRead;
  ledger: ReadResult;
  evaluation: Evaluation;
  plan: ExposurePlan;
  summary: SummaryModel;
}

export interface PrepareOptions {
  sheet?: string;
  lang?: Lang;
  policy?: Policy;
  /** Changes the evaluation before the plan is built (to reach texts a real policy cannot produce). */
  edit?: (evaluation: Evaluation) => void;
}

/** Reads the sheet through the adapter and builds what `writeResults` takes, as the task pane does. */
export async function prepare(host: MemoryWorkbook, options: PrepareOptions = {}): Promise<Prepared> {
  const sheet = options.sheet ?? LEDGER;
  const lang = options.lang ?? 'fr';
  const read = await host.run((context) => readSheet(context, sheet));
  const ledger = readLedger(read.table, { locale: lang });
  if (ledger.ledger === null) throw new Error(ledger.diagnostics.map((d) => d.message).join('; '));
  const evaluation = evaluate(ledger.ledger, options.policy ?? samplePolicy().policy, {
    asOf: parseIsoDay(AS_OF) as number,
  });
  options.edit?.(evaluation);
  const place = placeOutput(read, ledger.headerRow);
  const plan = buildExposurePlan(evaluation, {
    headerRow: ledger.headerRow,
    firstOutputColumn: place.firstOutputColumn,
    lastDataRow: place.lastDataRow,
    lang,
  });
  return { read, ledger, evaluation, plan, summary: buildSummaryModel(evaluation, lang) };
}

export function writeInput(p: Prepared, sheet = LEDGER) {
  const { policy: pol, hash } = samplePolicy();
  return {
    sheetName: sheet,
    plan: p.plan,
    summary: p.summary,
    asOf: AS_OF,
    policy: { id: pol.terms.id, version: pol.terms.version, hash },
  };
}

/** Every cell of a sheet as `A1` → snapshot, for comparing two workbooks cell by cell. */
export function sheetState(host: MemoryWorkbook, sheet: string): Map<string, unknown> {
  const out = new Map<string, unknown>();
  const used = host.usedRange(sheet);
  if (used === null) return out;
  const values = host.values(sheet, used);
  const formats = host.formats(sheet, used);
  const [first] = used.split(':');
  const m = /^([A-Z]+)(\d+)$/.exec(first) as RegExpExecArray;
  const firstRow = Number(m[2]);
  const firstCol = [...m[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  values.forEach((row, i) =>
    row.forEach((v, j) => {
      if (v === null) return;
      out.set(`${columnLetters(firstCol + j)}${firstRow + i}`, { v, f: formats[i][j] });
    }),
  );
  return out;
}

function columnLetters(n: number): string {
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}
