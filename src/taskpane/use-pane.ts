/**
 * The pane's behaviour as one hook: the reducer's state, what is derived from it (the ledger as the
 * reader sees it with the user's corrections), and the handlers that talk to the workbook, read rule
 * files and run the evaluation. Components only show state and call these.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from 'react';
import { loadStoredPolicy, selectRows } from '../excel';
import type { ReadResult, Role } from '../sheet';
import { compareCandidates, pickedCandidates, selectionProblem, type CompareCandidate } from './compare-selection';
import { fetchRuleFile } from './fetch-rules';
import type { WorkbookHost } from './host';
import type { CompareProblem, ComparePhase, Labels, PaneTab, RuleSourceKind } from './labels';
import { ledgerSheetNames, listLedgerSheets, readLedgerSheet, readLedgerTable } from './ledger-sheet';
import { decodeRuleFileBytes, ruleFileFromJson, ruleFileFromText, type RuleFileOutcome } from './rule-file';
import { runEvaluation } from './run-evaluation';
import type { SampleRuleFile } from './samples';
import {
  canCompare,
  canEvaluate,
  compareProblem,
  currentSheetName,
  initialState,
  reducer,
  type PaneState,
} from './state';

export interface PaneActions {
  selectSheet(sheetName: string): void;
  mapColumn(role: Role, header: string): void;
  resetColumns(): void;
  showRuleTab(tab: RuleSourceKind): void;
  loadSample(sample: SampleRuleFile): void;
  loadFile(file: File): void;
  loadUrl(address: string): void;
  loadPasted(text: string): void;
  setAsOf(asOf: string): void;
  evaluate(): void;
  selectBuyer(buyerId: string): void;
  dismissError(): void;
  showTab(tab: PaneTab): void;
  /** Ticks or unticks a rule file of the Compare tab (by candidate id). */
  pickForComparison(id: string, picked: boolean): void;
  compare(): void;
}

export interface Pane {
  state: PaneState;
  /** The sheet read with the user's corrections; null until a sheet is read. */
  ledger: ReadResult | null;
  canEvaluate: boolean;
  /** The rule files the Compare tab offers (`compare-selection.ts`). */
  candidates: CompareCandidate[];
  /** Why Compare cannot run (`state.compareProblem`); null when nothing is in the way. */
  compareProblem: CompareProblem | null;
  canCompare: boolean;
  actions: PaneActions;
}

export function usePane(host: WorkbookHost, labels: Labels, defaultAsOf: string): Pane {
  const [state, dispatch] = useReducer(reducer, defaultAsOf, (asOf) => initialState(asOf));
  const ids = useRef(0);
  const nextId = (): number => ++ids.current;
  // Handlers read the latest state without being re-created on every change.
  const latest = useRef(state);
  latest.current = state;
  // A second click before React has disabled the button must not start a second run.
  const running = useRef(false);
  const comparing = useRef(false);

  const ledger = useMemo(
    () => (state.sheet.status === 'ready' ? readLedgerTable(state.sheet.read, state.overrides) : null),
    [state.sheet, state.overrides],
  );

  const readSheet = useCallback(
    (sheetName: string | null) => {
      const id = nextId();
      dispatch({ type: 'sheet-requested', id, sheetName });
      readLedgerSheet(host, sheetName ?? undefined).then(
        (read) => dispatch({ type: 'sheet-read', id, read, sheets: ledgerSheetNames(read.sheetNames) }),
        (error: unknown) => dispatch({ type: 'sheet-failed', id, error }),
      );
    },
    [host],
  );

  const loadRules = useCallback((source: RuleSourceKind, name: string, load: () => Promise<RuleFileOutcome>) => {
    const id = nextId();
    dispatch({ type: 'rules-requested', id, source, name });
    load().then(
      (outcome) =>
        dispatch(
          outcome.ok
            ? { type: 'rules-loaded', id, file: outcome.file }
            : { type: 'rules-invalid', id, errors: outcome.errors },
        ),
      (error: unknown) => dispatch({ type: 'rules-failed', id, error }),
    );
  }, []);

  useEffect(() => {
    readSheet(null);
    // Reopening a workbook: the policy it stores is the one to show, and the default choice.
    host
      .run((context) => loadStoredPolicy(context))
      .then(
        (stored) => {
          if (stored === null || latest.current.rules.status !== 'none') return;
          dispatch({ type: 'stored-policy-found', id: stored.id, version: stored.version });
          loadRules('workbook', `${stored.id} ${stored.version}`, async () => ruleFileFromText(stored.ruleFileText));
        },
        (error: unknown) => dispatch({ type: 'failed', step: 'rules', error }),
      );
  }, [host, readSheet, loadRules]);

  const actions = useMemo<PaneActions>(
    () => ({
      selectSheet: (sheetName) => readSheet(sheetName),
      mapColumn: (role, header) => dispatch({ type: 'column-mapped', role, header }),
      resetColumns: () => dispatch({ type: 'columns-reset' }),
      showRuleTab: (tab) => dispatch({ type: 'rule-tab', tab }),
      loadSample: (sample) => loadRules('sample', sample.fileName, async () => ruleFileFromJson(sample.json)),
      loadFile: (file) =>
        loadRules('file', file.name, async () => {
          const decoded = decodeRuleFileBytes(new Uint8Array(await file.arrayBuffer()));
          if (decoded.ok) return ruleFileFromText(decoded.text);
          const line = decoded.reason === 'too-large' ? labels.fileTooLarge(decoded.bytes) : labels.notUtf8;
          return { ok: false, errors: [`(file): ${line}`] };
        }),
      loadUrl: (address) =>
        loadRules('url', address.trim(), async () => ruleFileFromText((await fetchRuleFile(address)).text)),
      loadPasted: (text) =>
        loadRules('paste', labels.sources.paste, async () =>
          text.trim() === '' ? { ok: false, errors: [labels.pasteNotJson] } : ruleFileFromText(text),
        ),
      setAsOf: (asOf) => dispatch({ type: 'as-of', asOf }),
      evaluate: () => {
        const now = latest.current;
        const sheetName = currentSheetName(now);
        if (now.rules.status !== 'valid' || sheetName === null || now.phase !== null || running.current) return;
        running.current = true;
        runEvaluation({
          host,
          sheetName,
          overrides: now.overrides,
          rules: now.rules.file,
          asOf: now.asOf,
          lang: labels.lang,
          onPhase: (phase) => dispatch({ type: 'run-phase', phase }),
        })
          .then(
            async (result) => {
              // The user may have added or renamed sheets meanwhile; the list is a convenience, not worth an error.
              const sheets = await listLedgerSheets(host).catch(() => now.sheets);
              dispatch({ type: 'run-done', result, sheets });
            },
            (error: unknown) => dispatch({ type: 'run-failed', error }),
          )
          .finally(() => {
            running.current = false;
          });
      },
      selectBuyer: (buyerId) => {
        const result = latest.current.result;
        if (result === null) return;
        const rows = result.evaluation.invoices.filter((line) => line.buyerId === buyerId).map((line) => line.row);
        host
          .run((context) => selectRows(context, result.sheetName, rows))
          .then(
            (report) => dispatch({ type: 'selected', selection: { buyerId, report } }),
            (error: unknown) => dispatch({ type: 'select-failed', error }),
          );
      },
      dismissError: () => dispatch({ type: 'error-dismissed' }),
      showTab: (tab) => dispatch({ type: 'tab', tab }),
      pickForComparison: (id, picked) =>
        dispatch({
          type: 'compare-picked',
          id,
          picked,
          offered: compareCandidates(latest.current.rules).map((c) => c.id),
        }),
      compare: () => {
        const now = latest.current;
        const sheetName = currentSheetName(now);
        const policies = pickedCandidates(compareCandidates(now.rules), now.compare.picked);
        if (sheetName === null || now.compare.progress !== null || comparing.current) return;
        if (selectionProblem(policies) !== null) return;
        comparing.current = true;
        const onProgress = (phase: ComparePhase, done: number) => dispatch({ type: 'compare-progress', phase, done });
        onProgress('reading', 0);
        // The broker layer stays out of the pane's entry: it is in the Compare tab's chunk, loaded with the tab.
        import(/* webpackChunkName: "compare" */ './run-comparison')
          .then(({ runComparison }) =>
            runComparison({ host, sheetName, overrides: now.overrides, policies, asOf: now.asOf, onProgress }),
          )
          .then(
            (result) => dispatch({ type: 'compare-done', result }),
            (error: unknown) => dispatch({ type: 'compare-failed', error }),
          )
          .finally(() => {
            comparing.current = false;
          });
      },
    }),
    [host, labels, readSheet, loadRules],
  );

  const candidates = useMemo(() => compareCandidates(state.rules), [state.rules]);
  const ledgerFound = ledger?.ledger != null;
  const picked = pickedCandidates(candidates, state.compare.picked);

  return {
    state,
    ledger,
    canEvaluate: canEvaluate(state, ledgerFound),
    candidates,
    compareProblem: compareProblem(state, picked, ledgerFound),
    canCompare: canCompare(state, picked, ledgerFound),
    actions,
  };
}
