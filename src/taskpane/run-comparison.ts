/**
 * The Compare button: read the sheet (with the user's column corrections), evaluate the ledger
 * under each ticked policy at the pane's as-of date, and compare the evaluations with the broker
 * layer's `comparisonReport` and the default scenarios — what `credit-cover compare` does, so the
 * pane shows the figures of `compare --json` for the same ledger. Nothing is written into the
 * workbook. Loaded on demand with the Compare tab: the broker layer is not in the pane's entry.
 */
import { comparisonReport, type ComparisonReport, type PolicyRun } from '../broker';
import { DEFAULT_SCENARIOS, evaluate, parseIsoDay, type Evaluation, type Ledger, type Policy } from '../domain';
import type { ReadResult, Role } from '../sheet';
import { policyKey, type CompareCandidate } from './compare-selection';
import type { WorkbookHost } from './host';
import type { ComparePhase } from './labels';
import { readLedgerSheet, readLedgerTable, type RoleOverrides } from './ledger-sheet';
import { ruleFileFromJson, type LoadedRuleFile } from './rule-file';
import { NoLedgerError } from './run-evaluation';

export interface ComparisonRequest {
  host: WorkbookHost;
  sheetName: string;
  overrides: RoleOverrides;
  /** The ticked rule files, in the order of the list: A, B, C … */
  policies: readonly CompareCandidate[];
  /** YYYY-MM-DD. */
  asOf: string;
  onProgress?: (phase: ComparePhase, done: number) => void;
}

export interface ComparisonRun {
  sheetName: string;
  asOf: string;
  report: ComparisonReport;
}

/** Gives the browser a turn to paint (the progress bar) before the next synchronous step. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

/** A candidate's rule file: the one the Evaluate tab holds, or a bundled sample loaded now. */
export function candidateRuleFile(candidate: CompareCandidate): LoadedRuleFile {
  if (candidate.source.kind === 'loaded') return candidate.source.file;
  const outcome = ruleFileFromJson(candidate.source.sample.json);
  // The samples are checked at build time (test/taskpane); this would be a broken build.
  if (!outcome.ok) throw new Error(`${candidate.name}: ${outcome.errors.join('; ')}`);
  return outcome.file;
}

/** Evaluates, and names each diagnostic's column by the sheet's own header, as the command line does. */
function evaluateRead(read: ReadResult & { ledger: Ledger }, policy: Policy, asOf: number): Evaluation {
  const evaluation = evaluate(read.ledger, policy, { asOf });
  for (const d of evaluation.diagnostics) {
    const mapped = d.column === undefined ? undefined : read.mapping.columns[d.column as Role];
    if (mapped) d.column = mapped.header;
  }
  return evaluation;
}

/** At bucket level, the labels of the ledger's *not due* buckets, for the scenarios' default rates. */
export function notDueBuckets(ledger: Ledger): Set<string> {
  return new Set(ledger.kind === 'bucket' ? ledger.buckets.filter((b) => b.notDue).map((b) => b.label) : []);
}

export async function runComparison(request: ComparisonRequest): Promise<ComparisonRun> {
  const { host, policies } = request;
  const progress = async (phase: ComparePhase, done: number): Promise<void> => {
    request.onProgress?.(phase, done);
    await nextTurn();
  };
  const asOfDay = parseIsoDay(request.asOf);
  if (asOfDay === null) throw new Error(`the as-of date must be YYYY-MM-DD, not "${request.asOf}"`);

  await progress('reading', 0);
  const sheet = await readLedgerSheet(host, request.sheetName);
  const read = readLedgerTable(sheet, request.overrides);
  if (read.ledger === null) throw new NoLedgerError(read.diagnostics);
  const ledgerRead = read as ReadResult & { ledger: Ledger };

  const runs: PolicyRun[] = [];
  for (const [i, candidate] of policies.entries()) {
    await progress('evaluating', 0.1 + (0.8 * i) / policies.length);
    const { policy } = candidateRuleFile(candidate);
    runs.push({
      key: policyKey(i),
      source: candidate.name,
      policy,
      evaluation: evaluateRead(ledgerRead, policy, asOfDay),
    });
  }

  await progress('comparing', 0.9);
  const report = comparisonReport(runs, DEFAULT_SCENARIOS, { notDueBuckets: notDueBuckets(ledgerRead.ledger) });
  return { sheetName: sheet.sheetName, asOf: request.asOf, report };
}
