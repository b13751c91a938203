/**
 * One measurement in a process of its own, so that its peak memory is its own:
 *   node --expose-gc --import tsx bench/case.ts <case> <args…>
 * prints one JSON line. `bench/run.ts` starts these; they can be run by hand too.
 *
 *   evaluate ROWS RUNS WARMUPS   the whole evaluation on a generated ledger
 *   baseline ROWS RUNS           the same rules through json-rules-engine, one run per invoice
 *   adapter ROWS                 the Office adapter against the in-memory Excel (and 10 rows)
 *   functions                    bench/functions.bench.ts's scenarios (as tsx runs them)
 *   files DIR CSV_ROWS XLSX_ROWS the generated ledgers as a French .csv and .xlsx
 *   phases FILE OUT_DIR          the command line's phases on FILE, timed in-process
 */
import path from 'node:path';
import { measureAdapter } from './adapter';
import { measureBaseline, measureEvaluate } from './core';
import { fileSizeMb, writeFrenchCsv, writeFrenchXlsx } from './files';
import { measureFunctions } from './functions.bench';
import { peakRssMb, timed } from './measure';
import { measurePhases } from './phases';

function count(text: string | undefined, name: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number, got ${text}`);
  return n;
}

async function files(dir: string, csvRows: number, xlsxRows: number): Promise<object> {
  const csv = path.join(dir, `balance-${csvRows}.csv`);
  const xlsx = path.join(dir, `balance-${xlsxRows}.xlsx`);
  const csvWrite = await timed(() => writeFrenchCsv(csv, csvRows));
  const xlsxWrite = await timed(() => writeFrenchXlsx(xlsx, xlsxRows));
  return {
    case: 'files',
    csv: { file: csv, rows: csvRows, mb: await fileSizeMb(csv), ms: csvWrite.ms },
    xlsx: { file: xlsx, rows: xlsxRows, mb: await fileSizeMb(xlsx), ms: xlsxWrite.ms },
    peakRssMb: peakRssMb(),
  };
}

async function run(args: string[]): Promise<object> {
  const [name, a, b, c] = args;
  switch (name) {
    case 'evaluate':
      return measureEvaluate(count(a, 'ROWS'), count(b, 'RUNS'), count(c, 'WARMUPS'));
    case 'baseline':
      return measureBaseline(count(a, 'ROWS'), count(b, 'RUNS'));
    case 'adapter':
      return measureAdapter(count(a, 'ROWS'));
    case 'functions':
      return { case: 'functions', scenarios: measureFunctions(), peakRssMb: peakRssMb() };
    case 'files':
      return files(a, count(b, 'CSV_ROWS'), count(c, 'XLSX_ROWS'));
    case 'phases':
      return measurePhases(a, b);
    default:
      throw new Error(`unknown case "${name}"; cases: evaluate, baseline, adapter, functions, files, phases`);
  }
}

run(process.argv.slice(2)).then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n'),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);
