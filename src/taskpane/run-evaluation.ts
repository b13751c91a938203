/**
 * The Evaluate button: read the sheet, evaluate, write the columns, highlights and summary sheet,
 * store the policy in the workbook, and tell the custom functions. The evaluation is synchronous;
 * the pane gets a turn between phases so its progress bar moves.
 */
import { evaluate, parseIsoDay, type Diagnostic, type Evaluation } from '../domain';
import { placeOutput, storePolicy, writeResults, type WriteReport } from '../excel';
import { getPolicyStore } from '../functions';
import type { ReadResult, Role } from '../sheet';
import { buildExposurePlan, buildSummaryModel } from '../sheet/output';
import type { WorkbookHost } from './host';
import type { Lang, Phase } from './labels';
import { readLedgerSheet, readLedgerTable, type RoleOverrides } from './ledger-sheet';
import type { LoadedRuleFile } from './rule-file';

/** The sheet holds no ledger the reader can use; `diagnostics` say why. */
export class NoLedgerError extends Error {
  constructor(readonly diagnostics: Diagnostic[]) {
    super(
      diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => d.message)
        .join('; ') || 'no ledger found',
    );
    this.name = 'NoLedgerError';
  }
}

export interface EvaluationRequest {
  host: WorkbookHost;
  sheetName: string;
  overrides: RoleOverrides;
  rules: LoadedRuleFile;
  /** YYYY-MM-DD. */
  asOf: string;
  lang: Lang;
  onPhase?: (phase: Phase) => void;
}

export interface EvaluationRun {
  sheetName: string;
  asOf: string;
  evaluation: Evaluation;
  read: ReadResult;
  write: WriteReport;
  storedIn: 'settings' | 'custom-xml';
}

/** Gives the browser a turn to paint (the progress bar) before the next synchronous step. */
const nextTurn = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

export async function runEvaluation(request: EvaluationRequest): Promise<EvaluationRun> {
  const { host, sheetName, rules, lang } = request;
  const phase = async (p: Phase): Promise<void> => {
    request.onPhase?.(p);
    await nextTurn();
  };
  const asOfDay = parseIsoDay(request.asOf);
  if (asOfDay === null) throw new Error(`the as-of date must be YYYY-MM-DD, not "${request.asOf}"`);

  await phase('reading');
  const sheet = await readLedgerSheet(host, sheetName);
  const read = readLedgerTable(sheet, request.overrides);
  if (read.ledger === null) throw new NoLedgerError(read.diagnostics);

  await phase('evaluating');
  const evaluation = evaluate(read.ledger, rules.policy, { asOf: asOfDay });
  // The core names columns by role (`currency`); the user knows them by their header (`Devise`).
  for (const d of evaluation.diagnostics) {
    const mapped = d.column === undefined ? undefined : read.mapping.columns[d.column as Role];
    if (mapped) d.column = mapped.header;
  }
  const place = placeOutput(sheet, read.headerRow);
  const plan = buildExposurePlan(evaluation, {
    headerRow: read.headerRow,
    firstOutputColumn: place.firstOutputColumn,
    lastDataRow: place.lastDataRow,
    lang,
  });
  const summary = buildSummaryModel(evaluation, lang);
  const { id, version } = rules.policy.terms;

  await phase('writing');
  const write = await host.run((context) =>
    writeResults(context, {
      sheetName: sheet.sheetName,
      plan,
      summary,
      asOf: request.asOf,
      policy: { id, version, hash: rules.hash },
    }),
  );

  await phase('storing');
  const stored = { ruleFileText: rules.text, id, version, hash: rules.hash, asOf: request.asOf };
  const { storedIn } = await host.run((context) => storePolicy(context, stored));
  await host.enableLoadOnOpen();
  // The custom functions stream from this store: their cells update now, no recalculation needed
  // (docs/decisions/custom-functions-recalc.md).
  getPolicyStore().setPolicy(stored, { policy: rules.policy, evaluation, ledger: read.ledger });

  return { sheetName: sheet.sheetName, asOf: request.asOf, evaluation, read, write, storedIn };
}
