/**
 * 10,000 =COVER.INSURED_LIMIT cells: what the custom-functions runtime does for them, timed.
 * Run from the repository root, compiled as webpack would (tsx's esbuild wraps every closure in a
 * `__name` helper, which about doubles the cost of creating streaming cells):
 *   npx tsc -p tsconfig.json --noEmit false --outDir .tmp/bench && node .tmp/bench/bench/functions.bench.js
 * (`npx tsx bench/functions.bench.ts` works too, slower for that reason.)
 *
 * Excel's own cost (calling into the runtime, batching results, recalculating dependents) is not
 * measured here: this is the add-in's work per cell, which is what can grow with the policy or
 * the ledger. Each figure is the median of 15 runs on fresh stores.
 */
import { readFileSync } from 'fs';
import path from 'path';
import { evaluate, parseIsoDay, type InvoiceLedger, type InvoiceLine } from '../src/domain';
import * as cover from '../src/functions/cover';
import type { PolicyToStore } from '../src/excel';
import { PolicyStore } from '../src/functions/policy-store';
import { streamResult } from '../src/functions/stream';
import { loadRuleFile } from '../src/rules';

const CELLS = 10_000;
const RUNS = 15;

function stored(file: string, asOf: string): PolicyToStore {
  const text = readFileSync(path.resolve('rules', file), 'utf8');
  const loaded = loadRuleFile(text);
  if (!loaded.ok) throw new Error(file);
  return {
    ruleFileText: text,
    id: loaded.json.policy.id,
    version: loaded.json.policy.version,
    hash: loaded.hash,
    asOf,
  };
}

const FR = stored('fr-pme-globale.json', '2027-06-30');
const STRICT = stored('strict.json', '2027-06-30');
const FR_BUYERS = ['054321872', '321456980', '412369852', '523698744', '007812456', '441236585', '789456126'];

/** `n` buyer ids: the policy's named buyers, then SIREN-like ids without a named limit. */
function buyers(n: number): string[] {
  return Array.from({ length: n }, (_, i) => (i < FR_BUYERS.length ? FR_BUYERS[i] : String(100000000 + i * 7)));
}

/** A 5,000-row ledger over `ids`, for the "after an evaluation" case. */
function ledger(ids: string[]): InvoiceLedger {
  const day = (iso: string): number => parseIsoDay(iso) ?? 0;
  const invoices: InvoiceLine[] = Array.from({ length: 5000 }, (_, i) => ({
    row: i + 2,
    buyerId: ids[i % ids.length],
    buyerName: `Client ${i % ids.length}`,
    country: i % 17 === 0 ? 'RE' : 'FR',
    sector: i % 23 === 0 ? 'BTP' : null,
    buyerType: null,
    invoiceNo: `F${i}`,
    invoiceDate: day('2027-05-01') + (i % 40),
    dueDate: day('2027-06-01') + (i % 40),
    open: 10000 + (i % 997) * 100,
    amount: null,
    currency: null,
    disputed: null,
    declaredOn: null,
  }));
  return {
    kind: 'invoice',
    invoices,
    hasAmountColumn: false,
    rowsRead: invoices.length,
    rowsSkipped: 0,
    diagnostics: [],
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(f: () => void): number {
  const t0 = performance.now();
  f();
  return performance.now() - t0;
}

interface Cell {
  value: unknown;
  pushes: number;
}

function streamCells(store: PolicyStore, cellBuyers: string[]): Cell[] {
  return cellBuyers.map((buyer) => {
    const cell: Cell = { value: undefined, pushes: 0 };
    streamResult(
      store,
      {
        setResult: (v) => {
          cell.value = v;
          cell.pushes++;
        },
      },
      () => cover.insuredLimit(store, buyer),
      (code, message) => ({ code, message }),
    );
    return cell;
  });
}

/** Medians of one scenario, in milliseconds. */
export interface ScenarioFigures {
  label: string;
  cells: number;
  distinctBuyers: number;
  runs: number;
  firstCallMs: number;
  plainCallsMs: number;
  memoisedCallsMs: number;
  streamingCellsMs: number;
  policyChangeMs: number;
  pushedOnPolicyChange: number;
  reEvaluationMs: number;
  pushedOnReEvaluation: number;
}

export function scenario(label: string, distinctBuyers: number): ScenarioFigures {
  const ids = buyers(distinctBuyers);
  const cellBuyers = Array.from({ length: CELLS }, (_, i) => ids[i % ids.length]);
  const t = { read: [] as number[], plain: [] as number[], warm: [] as number[], stream: [] as number[] };
  const t2 = { policy: [] as number[], evaluation: [] as number[] };
  let pushesOnPolicy = 0;
  let pushesOnEvaluation = 0;
  for (let run = 0; run < RUNS; run++) {
    // 1. Opening the workbook: the first call reads and parses the stored rule file.
    const store = new PolicyStore({ read: () => FR });
    t.read.push(time(() => store.state()));
    // 2. 10,000 plain calls on a fresh snapshot (each buyer looked up once, then memoised).
    t.plain.push(time(() => cellBuyers.forEach((b) => cover.insuredLimit(store, b))));
    // 3. The same 10,000 calls again: all memo hits.
    t.warm.push(time(() => cellBuyers.forEach((b) => cover.insuredLimit(store, b))));
    // 4. 10,000 streaming cells as Excel creates them on a fresh store (subscribe + first result).
    const streaming = new PolicyStore({ read: () => FR });
    streaming.state();
    let cells: Cell[] = [];
    t.stream.push(time(() => (cells = streamCells(streaming, cellBuyers))));
    // 5. Another rule file: every cell recomputed, pushed when its value changed.
    const before = cells.reduce((n, c) => n + c.pushes, 0);
    t2.policy.push(time(() => streaming.setPolicy(STRICT)));
    pushesOnPolicy = cells.reduce((n, c) => n + c.pushes, 0) - before;
    // 6. A re-evaluation of a 5,000-row ledger (its facts: country RE caps, sector BTP), back on fr-pme.
    streaming.setPolicy(FR);
    const state = streaming.state();
    if (state.kind !== 'active') throw new Error('no policy');
    const l = ledger(ids.slice(0, Math.min(ids.length, 300)));
    const evaluation = evaluate(l, state.active.policy, { asOf: state.active.asOf });
    const before2 = cells.reduce((n, c) => n + c.pushes, 0);
    t2.evaluation.push(time(() => streaming.setLastEvaluation(evaluation, l)));
    pushesOnEvaluation = cells.reduce((n, c) => n + c.pushes, 0) - before2;
  }
  return {
    label,
    cells: CELLS,
    distinctBuyers,
    runs: RUNS,
    firstCallMs: median(t.read),
    plainCallsMs: median(t.plain),
    memoisedCallsMs: median(t.warm),
    streamingCellsMs: median(t.stream),
    policyChangeMs: median(t2.policy),
    pushedOnPolicyChange: pushesOnPolicy,
    reEvaluationMs: median(t2.evaluation),
    pushedOnReEvaluation: pushesOnEvaluation,
  };
}

/** Both scenarios: 300 distinct buyers (typical) and 10,000 (worst case). */
export function measureFunctions(): ScenarioFigures[] {
  return [scenario('Typical', 300), scenario('Worst case', CELLS)];
}

function print(f: ScenarioFigures): void {
  const ms = (x: number): string => `${x.toFixed(2)} ms`;
  console.log(`\n${f.label}: ${f.cells} cells over ${f.distinctBuyers} distinct buyers (fr-pme-globale)`);
  console.log(`  first call, reading + parsing the stored rule file   ${ms(f.firstCallMs)}`);
  console.log(`  10,000 INSURED_LIMIT calls, fresh snapshot           ${ms(f.plainCallsMs)}`);
  console.log(`  the same 10,000 calls again (memoised)               ${ms(f.memoisedCallsMs)}`);
  console.log(`  10,000 streaming cells created (first results)       ${ms(f.streamingCellsMs)}`);
  console.log(
    `  rule file changed → all 10,000 recomputed            ${ms(f.policyChangeMs)}  (${f.pushedOnPolicyChange} pushed)`,
  );
  console.log(
    `  re-evaluation stored → all 10,000 recomputed         ${ms(f.reEvaluationMs)}  (${f.pushedOnReEvaluation} pushed)`,
  );
}

// Run directly, it prints; `npm run bench` imports `measureFunctions` (see bench/functions-case.ts).
// Not `require.main === module`: inside a bundle of bench/case.ts (scripts/compiled.js) that holds too.
if (/functions\.bench\.ts$/.test(process.argv[1] ?? '')) {
  console.log(`Node ${process.version}, ${RUNS} runs each, median`);
  measureFunctions().forEach(print);
}
