/**
 * The core measured on generated ledgers: the whole evaluation (`evaluate`, all of DOMAIN.md), and
 * the baseline, the same rules run by json-rules-engine one `await engine.run(facts)` per invoice.
 */
import { Engine, type RuleProperties, type TopLevelCondition } from 'json-rules-engine';
import {
  evaluate,
  type BuyerFacts,
  type Evaluation,
  type InvoiceFacts,
  type InvoiceLedger,
  type RuleSet,
} from '../src/domain';
import type { RuleJson } from '../src/rules';
import { asOfDay, benchPolicy, invoiceLedger } from './ledger';
import { cpuMs, median, peakRssMb, rssMb } from './measure';

export interface EvaluateFigures {
  case: 'evaluate';
  rows: number;
  buyers: number;
  warmups: number;
  runsMs: number[];
  medianMs: number;
  rowsPerSecond: number;
  microsecondsPerRow: number;
  /** CPU time of each run (all threads, GC helpers included): less sensitive than wall time to a busy machine. */
  cpuRunsMs: number[];
  cpuRowsPerSecond: number;
  /** Resident memory once the ledger is built, before any evaluation. */
  rssWithLedgerMb: number;
  /** Peak resident memory of the whole process (ledger, evaluations, tsx). */
  peakRssMb: number;
  statuses: Record<string, number>;
  /** open = covered + uninsured in total, to the cent. */
  reconciles: boolean;
  generateMs: number;
}

function gc(): void {
  // The case processes run with --expose-gc: each run starts without the previous run's garbage.
  (globalThis as { gc?: () => void }).gc?.();
}

function statusCounts(evaluation: Evaluation): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const line of evaluation.invoices) counts[line.status] = (counts[line.status] ?? 0) + 1;
  return counts;
}

function reconciles(evaluation: Evaluation): boolean {
  const cents = (x: number): number => Math.round(x * 100);
  const t = evaluation.totals;
  return cents(t.open) === cents(t.covered) + cents(t.uninsured);
}

export function measureEvaluate(rows: number, runs: number, warmups: number): EvaluateFigures {
  const { policy } = benchPolicy();
  const asOf = asOfDay();
  const g0 = performance.now();
  const ledger = invoiceLedger(rows);
  const generateMs = performance.now() - g0;
  gc();
  const rssWithLedgerMb = rssMb();
  for (let i = 0; i < warmups; i++) evaluate(ledger, policy, { asOf });
  const runsMs: number[] = [];
  const cpuRunsMs: number[] = [];
  let last: Evaluation | null = null;
  for (let i = 0; i < runs; i++) {
    last = null;
    gc();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    last = evaluate(ledger, policy, { asOf });
    runsMs.push(performance.now() - t0);
    cpuRunsMs.push(cpuMs(c0));
  }
  if (last === null) throw new Error('no run');
  const medianMs = median(runsMs);
  return {
    case: 'evaluate',
    rows,
    buyers: last.buyers.length,
    warmups,
    runsMs,
    medianMs,
    rowsPerSecond: (rows / medianMs) * 1000,
    microsecondsPerRow: (medianMs * 1000) / rows,
    cpuRunsMs,
    cpuRowsPerSecond: (rows / median(cpuRunsMs)) * 1000,
    rssWithLedgerMb,
    peakRssMb: peakRssMb(),
    statuses: statusCounts(last),
    reconciles: reconciles(last),
    generateMs,
  };
}

export interface BaselineFigures {
  case: 'baseline';
  rows: number;
  /** Fact sets the core asked the rules about (one per invoice with a positive open amount after credits). */
  engineRuns: number;
  rules: number;
  runsMs: number[];
  medianMs: number;
  /** Engine runs per second: the baseline's rows per second. */
  rowsPerSecond: number;
  cpuRunsMs: number[];
  cpuRowsPerSecond: number;
  /**
   * credit-cover's rows/s ÷ the engine's, from a whole evaluation timed right before each engine
   * loop in this process (median over the runs), in wall and in CPU time.
   */
  pairedRatio: number;
  pairedCpuRatio: number;
  /** Rules fired over all runs, by json-rules-engine and by credit-cover's compiled rules: must be equal. */
  firedByEngine: number;
  firedByCompiled: number;
  /** credit-cover's compiled rules alone on the same fact sets, for a like-for-like view. */
  compiledRulesMs: number;
  compiledRowsPerSecond: number;
  peakRssMb: number;
}

type FactRecord = Record<string, unknown>;

/** The facts the core asks about during one evaluation, merged per invoice as a naive integration would pass them. */
function collectFacts(rows: number): { facts: FactRecord[]; rules: RuleSet; ledger: InvoiceLedger } {
  const { policy } = benchPolicy();
  const facts: FactRecord[] = [];
  const inner = policy.rules;
  const recording: RuleSet = {
    invoiceRuleNames: inner.invoiceRuleNames,
    buyerEffects: (f: BuyerFacts) => inner.buyerEffects(f),
    // The core reuses one facts object per buyer: keep a copy. Invoice facts include the buyer facts.
    invoiceEffects: (f: InvoiceFacts) => (facts.push({ ...f }), inner.invoiceEffects(f)),
  };
  const ledger = invoiceLedger(rows);
  evaluate(ledger, { ...policy, rules: recording }, { asOf: asOfDay() });
  return { facts, rules: inner, ledger };
}

/** As `src/rules/reference.ts` hands a rule to json-rules-engine: a deep copy, the file's priority or 1. */
function engineRule(rule: RuleJson): RuleProperties {
  const copy = JSON.parse(JSON.stringify({ conditions: rule.conditions, event: rule.event })) as {
    conditions: TopLevelCondition;
    event: RuleProperties['event'];
  };
  return { name: rule.name, priority: rule.priority ?? 1, conditions: copy.conditions, event: copy.event };
}

export async function measureBaseline(rows: number, runs: number): Promise<BaselineFigures> {
  const { json, policy } = benchPolicy();
  const { facts, rules, ledger } = collectFacts(rows);
  const asOf = asOfDay();
  const ruleJson = json.rules ?? [];
  // One engine, built once with all the policy's rules, as a naive integration would.
  const engine = new Engine(ruleJson.map(engineRule), { allowUndefinedFacts: false });
  const warm = Math.min(1000, facts.length);
  for (let i = 0; i < warm; i++) await engine.run(facts[i]);

  const runsMs: number[] = [];
  const cpuRunsMs: number[] = [];
  const pairedRatios: number[] = [];
  const pairedCpuRatios: number[] = [];
  let firedByEngine = 0;
  for (let r = 0; r < runs; r++) {
    // Paired: a whole evaluation right before each engine loop, in this process, so that both
    // see the same machine; the ratio of the pair is robust to other work on a shared machine.
    gc();
    const e0 = process.cpuUsage();
    const s0 = performance.now();
    evaluate(ledger, policy, { asOf });
    const evaluateMs = performance.now() - s0;
    const evaluateCpuMs = cpuMs(e0);
    gc();
    let fired = 0;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    // Sequential awaits: an Engine must not run concurrently on its shared state.
    for (const f of facts) {
      const { events } = await engine.run(f);
      fired += events.length;
    }
    runsMs.push(performance.now() - t0);
    cpuRunsMs.push(cpuMs(c0));
    firedByEngine = fired;
    // (rows / evaluateMs) ÷ (engine runs / engineMs)
    pairedRatios.push((rows * runsMs[r]) / (facts.length * evaluateMs));
    pairedCpuRatios.push((rows * cpuRunsMs[r]) / (facts.length * evaluateCpuMs));
  }

  const asked = facts as unknown as InvoiceFacts[];
  let firedByCompiled = 0;
  for (const f of asked) firedByCompiled += rules.buyerEffects(f).length + rules.invoiceEffects(f).length;
  const c0 = performance.now();
  let sink = 0;
  for (const f of asked) sink += rules.buyerEffects(f).length + rules.invoiceEffects(f).length;
  const compiledRulesMs = performance.now() - c0;
  if (sink !== firedByCompiled) throw new Error('compiled rules are not deterministic');

  const medianMs = median(runsMs);
  return {
    case: 'baseline',
    rows,
    engineRuns: facts.length,
    rules: ruleJson.length,
    runsMs,
    medianMs,
    rowsPerSecond: (facts.length / medianMs) * 1000,
    cpuRunsMs,
    cpuRowsPerSecond: (facts.length / median(cpuRunsMs)) * 1000,
    pairedRatio: median(pairedRatios),
    pairedCpuRatio: median(pairedCpuRatios),
    firedByEngine,
    firedByCompiled,
    compiledRulesMs,
    compiledRowsPerSecond: (facts.length / compiledRulesMs) * 1000,
    peakRssMb: peakRssMb(),
  };
}
