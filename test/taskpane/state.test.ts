/**
 * The pane's reducer: what each action changes, and that a late answer to an earlier request
 * never overwrites the answer to a later one.
 */
import type { SheetRead } from '../../src/excel';
import type { LoadedRuleFile } from '../../src/taskpane/rule-file';
import type { EvaluationRun } from '../../src/taskpane/run-evaluation';
import {
  canEvaluate,
  currentSheetName,
  initialState,
  phaseProgress,
  reducer,
  type Action,
  type PaneState,
} from '../../src/taskpane/state';

function sheetRead(sheetName: string): SheetRead {
  return {
    sheetName,
    sheetNames: [sheetName, 'Other'],
    table: { values: [['Client', 'Solde']] },
    usedRange: { firstRow: 1, lastRow: 1, firstColumn: 1, lastColumn: 2 },
    previousOutput: null,
    lastRun: null,
    syncs: 1,
  };
}

const RULES = { text: '{}', hash: 'sha256:x', policy: {} } as unknown as LoadedRuleFile;
const RESULT = { sheetName: 'Ledger' } as unknown as EvaluationRun;

function run(actions: Action[], state: PaneState = initialState('2027-06-30')): PaneState {
  return actions.reduce(reducer, state);
}

describe('the pane’s state', () => {
  it('starts with today’s date, the sample tab, and the active sheet being read', () => {
    const state = initialState('2026-11-26');
    expect(state).toMatchObject({
      asOf: '2026-11-26',
      ruleTab: 'sample',
      sheet: { status: 'loading' },
      rules: { status: 'none' },
    });
    expect(currentSheetName(state)).toBeNull();
  });

  it('keeps the answer of the latest sheet request and drops a late one', () => {
    const state = run([
      { type: 'sheet-requested', id: 1, sheetName: 'A' },
      { type: 'sheet-requested', id: 2, sheetName: 'B' },
      { type: 'sheet-read', id: 2, read: sheetRead('B'), sheets: ['A', 'B'] },
      { type: 'sheet-read', id: 1, read: sheetRead('A'), sheets: ['A'] },
      { type: 'sheet-failed', id: 1, error: new Error('late') },
    ]);
    expect(currentSheetName(state)).toBe('B');
    expect(state.sheets).toEqual(['A', 'B']);
    expect(state.error).toBeNull();
  });

  it('keeps column corrections when the same sheet is read again, and drops them for another sheet', () => {
    const read = run([
      { type: 'sheet-requested', id: 1, sheetName: 'A' },
      { type: 'sheet-read', id: 1, read: sheetRead('A'), sheets: ['A', 'B'] },
      { type: 'column-mapped', role: 'invoiceDate', header: 'Date pièce' },
    ]);
    expect(read.overrides).toEqual({ invoiceDate: 'Date pièce' });
    expect(run([{ type: 'sheet-requested', id: 2, sheetName: 'A' }], read).overrides).toEqual({
      invoiceDate: 'Date pièce',
    });
    expect(run([{ type: 'sheet-requested', id: 2, sheetName: 'B' }], read).overrides).toEqual({});
    expect(run([{ type: 'columns-reset' }], read).overrides).toEqual({});
  });

  it('shows a failed sheet read as an error of the sheet step, cleared by the next request', () => {
    const failed = run([
      { type: 'sheet-requested', id: 1, sheetName: 'A' },
      { type: 'sheet-failed', id: 1, error: new Error('boom') },
    ]);
    expect(failed.sheet).toEqual({ status: 'failed', sheetName: 'A' });
    expect(failed.error).toMatchObject({ step: 'sheet' });
    expect(run([{ type: 'sheet-requested', id: 2, sheetName: 'A' }], failed).error).toBeNull();
  });

  it('keeps the rule file of the latest request: a slow download does not replace a sample chosen since', () => {
    const state = run([
      { type: 'rules-requested', id: 1, source: 'url', name: 'https://x/p.json' },
      { type: 'rules-requested', id: 2, source: 'sample', name: 'fr-pme-globale.json' },
      { type: 'rules-loaded', id: 2, file: RULES },
      { type: 'rules-invalid', id: 1, errors: ['late'] },
      { type: 'rules-failed', id: 1, error: new Error('late') },
    ]);
    expect(state.rules).toEqual({ status: 'valid', source: 'sample', name: 'fr-pme-globale.json', file: RULES });
    expect(state.error).toBeNull();
  });

  it('records a rule file’s errors, and a failed download as an error of the rules step', () => {
    const invalid = run([
      { type: 'rules-requested', id: 1, source: 'paste', name: 'Paste' },
      { type: 'rules-invalid', id: 1, errors: ['policy/id: expected a text'] },
    ]);
    expect(invalid.rules).toEqual({
      status: 'invalid',
      source: 'paste',
      name: 'Paste',
      errors: ['policy/id: expected a text'],
    });
    const failed = run([
      { type: 'rules-requested', id: 1, source: 'url', name: 'https://x' },
      { type: 'rules-failed', id: 1, error: new Error('network') },
    ]);
    expect(failed.rules).toEqual({ status: 'none' });
    expect(failed.error).toMatchObject({ step: 'rules' });
  });

  it('offers the workbook’s stored policy first', () => {
    const state = run([{ type: 'stored-policy-found', id: 'FR-PME', version: '1.0.0' }]);
    expect(state.storedPolicy).toEqual({ id: 'FR-PME', version: '1.0.0' });
    expect(state.ruleTab).toBe('workbook');
  });

  it('runs through the phases, and a failure names the phase it happened in', () => {
    const writing = run([
      { type: 'failed', step: 'select', error: new Error('old') },
      { type: 'run-phase', phase: 'reading' },
      { type: 'run-phase', phase: 'evaluating' },
      { type: 'run-phase', phase: 'writing' },
    ]);
    expect(writing.error).toBeNull();
    expect(writing.phase).toBe('writing');
    const failed = run([{ type: 'run-failed', error: new Error('would overwrite') }], writing);
    expect(failed.phase).toBeNull();
    expect(failed.error).toMatchObject({ step: 'writing' });
    const done = run(
      [
        { type: 'run-phase', phase: 'reading' },
        { type: 'run-done', result: RESULT, sheets: ['Ledger'] },
      ],
      failed,
    );
    expect(done).toMatchObject({ phase: null, result: RESULT, error: null, sheets: ['Ledger'] });
  });

  it('records a buyer selection and a failed one', () => {
    const report = { address: '5:7', areas: 1, rowsSelected: 3, rowsRequested: 3, truncated: false, syncs: 1 };
    const selected = run([{ type: 'selected', selection: { buyerId: 'B1', report } }]);
    expect(selected.selection).toEqual({ buyerId: 'B1', report });
    const failed = run([{ type: 'select-failed', error: new Error('x') }], selected);
    expect(failed.selection).toBeNull();
    expect(failed.error).toMatchObject({ step: 'select' });
    expect(run([{ type: 'error-dismissed' }], failed).error).toBeNull();
  });

  it('allows Evaluate with a ledger, a valid rule file and a date, while nothing runs', () => {
    const ready = run([
      { type: 'sheet-requested', id: 1, sheetName: 'A' },
      { type: 'sheet-read', id: 1, read: sheetRead('A'), sheets: ['A'] },
      { type: 'rules-requested', id: 2, source: 'sample', name: 's' },
      { type: 'rules-loaded', id: 2, file: RULES },
    ]);
    expect(canEvaluate(ready, true)).toBe(true);
    expect(canEvaluate(ready, false)).toBe(false);
    expect(canEvaluate(run([{ type: 'as-of', asOf: '' }], ready), true)).toBe(false);
    expect(canEvaluate(run([{ type: 'run-phase', phase: 'reading' }], ready), true)).toBe(false);
    expect(canEvaluate(run([{ type: 'rules-requested', id: 3, source: 'url', name: 'u' }], ready), true)).toBe(false);
  });

  it('moves the progress bar forward with each phase', () => {
    const values = (['reading', 'evaluating', 'writing', 'storing'] as const).map(phaseProgress);
    expect(values).toEqual([...values].sort((a, b) => a - b));
    expect(values[0]).toBeGreaterThan(0);
    expect(values[3]).toBeLessThan(1);
  });
});
