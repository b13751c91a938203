/**
 * What `credit-cover evaluate FILE --json OUT` spends its time on, phase by phase, in one process:
 * the same calls as `src/cli/evaluate.ts` (rule file, `readTableFromFile`, `readLedger`,
 * `evaluate`, `writeJsonStreamed`, and for an .xlsx the annotated workbook), each timed, with the
 * resident memory after each.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluate } from '../src/domain';
import { loadRuleFile } from '../src/rules';
import { readLedger } from '../src/sheet';
import { decodeText, detectSeparator, parseCsv, readTableFromFile } from '../src/cli/input';
import { writeJsonStreamed } from '../src/cli/json-out';
import { writeAnnotatedWorkbook } from '../src/cli/workbook-out';
import { RULES_FILE, asOfDay } from './ledger';
import { peakRssMb, rssMb } from './measure';

export interface Phase {
  name: string;
  ms: number;
  /** Resident memory right after the phase. */
  rssMb: number;
}

export interface PhaseFigures {
  case: 'phases';
  file: string;
  rows: number;
  phases: Phase[];
  totalMs: number;
  /** readTableFromFile of a CSV split further (each step run again on its own): bytes → text → fields. */
  csvDetail: Phase[] | null;
  peakRssMb: number;
}

async function phase<T>(phases: Phase[], name: string, work: () => Promise<T> | T): Promise<T> {
  const t0 = performance.now();
  const value = await work();
  phases.push({ name, ms: performance.now() - t0, rssMb: rssMb() });
  return value;
}

export async function measurePhases(file: string, outDir: string): Promise<PhaseFigures> {
  const phases: Phase[] = [];
  const policy = await phase(phases, 'load rule file', () => {
    const loaded = loadRuleFile(readFileSync(RULES_FILE, 'utf8'), { fileName: RULES_FILE });
    if (!loaded.ok) throw new Error(`${RULES_FILE} does not load`);
    return loaded.policy;
  });
  const input = await phase(phases, 'readTableFromFile', () => readTableFromFile(file));
  const read = await phase(phases, 'readLedger', () => readLedger(input.table, { map: {} }));
  const ledger = read.ledger;
  if (ledger === null) throw new Error(read.diagnostics.map((d) => d.message).join('; '));
  const evaluation = await phase(phases, 'evaluate', () => evaluate(ledger, policy, { asOf: asOfDay() }));
  const base = path.join(outDir, `phases-${path.basename(file)}`);
  await phase(phases, 'JSON write', () => writeJsonStreamed(`${base}.json`, evaluation, [file, RULES_FILE]));
  if (input.kind === 'xlsx') {
    await phase(phases, 'annotated .xlsx write', () =>
      writeAnnotatedWorkbook({
        source: { kind: 'xlsx', path: file, sheetName: input.sheetName },
        evaluation,
        headerRow: read.headerRow,
        lastDataRow: input.table.values.length,
        lang: 'fr',
        outPath: `${base}.out.xlsx`,
      }),
    );
  }
  const totalMs = phases.reduce((n, p) => n + p.ms, 0);
  const rows = evaluation.counts.rowsRead;
  const peak = peakRssMb();

  let csvDetail: Phase[] | null = null;
  if (input.kind === 'csv') {
    csvDetail = [];
    const bytes = await phase(csvDetail, 'fs.readFile', () => readFileSync(file));
    const text = await phase(csvDetail, 'decodeText', () => decodeText(bytes));
    if (text === null) throw new Error(`${file}: not text`);
    const separator = await phase(csvDetail, 'detectSeparator', () => detectSeparator(text));
    await phase(csvDetail, 'parseCsv', () => parseCsv(text, separator).length);
  }
  return { case: 'phases', file: path.basename(file), rows, phases, totalMs, csvDetail, peakRssMb: peak };
}
