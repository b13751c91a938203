/**
 * The pane's state and every change to it, as one reducer: what the user chose (sheet, column
 * corrections, rule file, as-of date), what is running, and what came back. Side effects (reading
 * the workbook, downloading a rule file, evaluating) happen in `use-pane.ts`, which reports here
 * with actions; a late answer to an earlier request (a slow download, a sheet read after the user
 * picked another sheet) carries the id of its request and is ignored unless that request is still
 * the latest.
 */
import type { SheetRead, SelectionReport } from '../excel';
import { selectionProblem, togglePicked, type CompareCandidate } from './compare-selection';
import type { ComparePhase, CompareProblem, ErrorStep, PaneTab, Phase, RuleSourceKind } from './labels';
import type { RoleOverrides } from './ledger-sheet';
import type { LoadedRuleFile } from './rule-file';
import type { ComparisonRun } from './run-comparison';
import type { EvaluationRun } from './run-evaluation';
import type { Role } from '../sheet';

export type SheetState =
  | { status: 'loading'; id: number; sheetName: string | null }
  | { status: 'ready'; read: SheetRead }
  | { status: 'failed'; sheetName: string | null };

export type RuleFileState =
  | { status: 'none' }
  | { status: 'loading'; id: number; source: RuleSourceKind; name: string }
  | { status: 'valid'; source: RuleSourceKind; name: string; file: LoadedRuleFile }
  | { status: 'invalid'; source: RuleSourceKind; name: string; errors: string[] };

export interface PaneError {
  step: ErrorStep;
  error: unknown;
}

export interface BuyerSelection {
  buyerId: string;
  report: SelectionReport;
}

/** The Compare tab: what is ticked, what is running, what came back. Sheet, columns and date are the pane's. */
export interface CompareState {
  /** Ids of the ticked candidates (`compare-selection.ts`). */
  picked: string[];
  /** The step running, with the share done (0–1); null when nothing runs. */
  progress: { phase: ComparePhase; done: number } | null;
  result: ComparisonRun | null;
}

export interface PaneState {
  /** The tab shown: Evaluate (the default) or Compare. */
  tab: PaneTab;
  /** The sheets a ledger may be on, in tab order. */
  sheets: string[];
  sheet: SheetState;
  /** Columns the user corrected, by role: `readLedger`'s `options.map`. */
  overrides: RoleOverrides;
  /** The rule-file tab shown. */
  ruleTab: RuleSourceKind;
  rules: RuleFileState;
  /** YYYY-MM-DD, or '' while the date field is empty. */
  asOf: string;
  /** The phase of the evaluation running, or null. */
  phase: Phase | null;
  result: EvaluationRun | null;
  selection: BuyerSelection | null;
  error: PaneError | null;
  /** The policy the workbook stored when the pane opened, if any: the "Workbook" tab. */
  storedPolicy: { id: string; version: string } | null;
  compare: CompareState;
}

export type Action =
  | { type: 'sheet-requested'; id: number; sheetName: string | null }
  | { type: 'sheet-read'; id: number; read: SheetRead; sheets: string[] }
  | { type: 'sheet-failed'; id: number; error: unknown }
  | { type: 'column-mapped'; role: Role; header: string }
  | { type: 'columns-reset' }
  | { type: 'rule-tab'; tab: RuleSourceKind }
  | { type: 'rules-requested'; id: number; source: RuleSourceKind; name: string }
  | { type: 'rules-loaded'; id: number; file: LoadedRuleFile }
  | { type: 'rules-invalid'; id: number; errors: string[] }
  | { type: 'rules-failed'; id: number; error: unknown }
  | { type: 'as-of'; asOf: string }
  | { type: 'run-phase'; phase: Phase }
  | { type: 'run-done'; result: EvaluationRun; sheets: string[] }
  | { type: 'run-failed'; error: unknown }
  | { type: 'selected'; selection: BuyerSelection }
  | { type: 'select-failed'; error: unknown }
  | { type: 'stored-policy-found'; id: string; version: string }
  | { type: 'failed'; step: ErrorStep; error: unknown }
  | { type: 'error-dismissed' }
  | { type: 'tab'; tab: PaneTab }
  | { type: 'compare-picked'; id: string; picked: boolean; offered: readonly string[] }
  | { type: 'compare-progress'; phase: ComparePhase; done: number }
  | { type: 'compare-done'; result: ComparisonRun }
  | { type: 'compare-failed'; error: unknown };

export function initialState(asOf: string, ruleTab: RuleSourceKind = 'sample'): PaneState {
  return {
    tab: 'evaluate',
    sheets: [],
    sheet: { status: 'loading', id: 0, sheetName: null },
    overrides: {},
    ruleTab,
    rules: { status: 'none' },
    asOf,
    phase: null,
    result: null,
    selection: null,
    error: null,
    storedPolicy: null,
    compare: { picked: [], progress: null, result: null },
  };
}

export function reducer(state: PaneState, action: Action): PaneState {
  switch (action.type) {
    case 'sheet-requested':
      return {
        ...state,
        sheet: { status: 'loading', id: action.id, sheetName: action.sheetName },
        // Corrections name the headers of one sheet: another sheet starts from detection.
        overrides: action.sheetName !== null && action.sheetName === currentSheetName(state) ? state.overrides : {},
        error: state.error?.step === 'sheet' ? null : state.error,
      };
    case 'sheet-read':
      if (state.sheet.status !== 'loading' || state.sheet.id !== action.id) return state;
      return { ...state, sheet: { status: 'ready', read: action.read }, sheets: action.sheets };
    case 'sheet-failed':
      if (state.sheet.status !== 'loading' || state.sheet.id !== action.id) return state;
      return {
        ...state,
        sheet: { status: 'failed', sheetName: state.sheet.sheetName },
        error: { step: 'sheet', error: action.error },
      };
    case 'column-mapped':
      return { ...state, overrides: { ...state.overrides, [action.role]: action.header } };
    case 'columns-reset':
      return { ...state, overrides: {} };
    case 'rule-tab':
      return { ...state, ruleTab: action.tab };
    case 'rules-requested':
      return {
        ...state,
        rules: { status: 'loading', id: action.id, source: action.source, name: action.name },
        error: state.error?.step === 'rules' ? null : state.error,
      };
    case 'rules-loaded':
    case 'rules-invalid':
    case 'rules-failed': {
      const pending = state.rules;
      if (pending.status !== 'loading' || pending.id !== action.id) return state;
      const { source, name } = pending;
      if (action.type === 'rules-loaded')
        return { ...state, rules: { status: 'valid', source, name, file: action.file } };
      if (action.type === 'rules-invalid') {
        return { ...state, rules: { status: 'invalid', source, name, errors: action.errors } };
      }
      return { ...state, rules: { status: 'none' }, error: { step: 'rules', error: action.error } };
    }
    case 'as-of':
      return { ...state, asOf: action.asOf };
    case 'run-phase':
      return {
        ...state,
        phase: action.phase,
        // A new run starts: what an earlier one reported no longer applies.
        ...(action.phase === 'reading' ? { error: null, selection: null } : {}),
      };
    case 'run-done':
      return { ...state, phase: null, result: action.result, sheets: action.sheets, selection: null };
    case 'run-failed':
      return { ...state, phase: null, error: { step: state.phase ?? 'reading', error: action.error } };
    case 'selected':
      return { ...state, selection: action.selection, error: state.error?.step === 'select' ? null : state.error };
    case 'select-failed':
      return { ...state, selection: null, error: { step: 'select', error: action.error } };
    case 'stored-policy-found':
      return { ...state, storedPolicy: { id: action.id, version: action.version }, ruleTab: 'workbook' };
    case 'failed':
      return { ...state, error: { step: action.step, error: action.error } };
    case 'error-dismissed':
      return { ...state, error: null };
    case 'tab':
      return { ...state, tab: action.tab };
    case 'compare-picked':
      return {
        ...state,
        compare: {
          ...state.compare,
          picked: togglePicked(state.compare.picked, action.id, action.picked, action.offered),
        },
      };
    case 'compare-progress':
      return {
        ...state,
        compare: { ...state.compare, progress: { phase: action.phase, done: action.done } },
        // A new comparison starts: a failure of the last one no longer applies.
        ...(action.done === 0 && state.error?.step === 'compare' ? { error: null } : {}),
      };
    case 'compare-done':
      return { ...state, compare: { ...state.compare, progress: null, result: action.result } };
    case 'compare-failed':
      return {
        ...state,
        compare: { ...state.compare, progress: null },
        error: { step: 'compare', error: action.error },
      };
  }
}

export function currentSheetName(state: PaneState): string | null {
  return state.sheet.status === 'ready' ? state.sheet.read.sheetName : state.sheet.sheetName;
}

/** What Evaluate needs: a sheet holding a ledger, a valid rule file and a date, and nothing running. */
export function canEvaluate(state: PaneState, ledgerFound: boolean): boolean {
  return (
    state.phase === null &&
    state.sheet.status === 'ready' &&
    ledgerFound &&
    state.rules.status === 'valid' &&
    /^\d{4}-\d{2}-\d{2}$/.test(state.asOf)
  );
}

/**
 * Why Compare cannot run: too few files ticked, files in several currencies (`selectionProblem`),
 * or no ledger on the sheet or no date; null when it can. An evaluation running does not stop it:
 * a comparison only reads.
 */
export function compareProblem(
  state: PaneState,
  picked: readonly CompareCandidate[],
  ledgerFound: boolean,
): CompareProblem | null {
  const selection = selectionProblem(picked);
  if (selection !== null) return selection;
  if (state.sheet.status !== 'ready' || !ledgerFound || !/^\d{4}-\d{2}-\d{2}$/.test(state.asOf)) return 'no-ledger';
  return null;
}

/** Compare is enabled: nothing in the way, and no comparison running. */
export function canCompare(state: PaneState, picked: readonly CompareCandidate[], ledgerFound: boolean): boolean {
  return state.compare.progress === null && compareProblem(state, picked, ledgerFound) === null;
}

const PHASES: readonly Phase[] = ['reading', 'evaluating', 'writing', 'storing'];

/** The progress bar's value during a phase: halfway through it, so the bar never sits at 0 or 100 %. */
export function phaseProgress(phase: Phase): number {
  return (PHASES.indexOf(phase) + 0.5) / PHASES.length;
}
