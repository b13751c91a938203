/**
 * The Compare tab's choice of rule files and its state: what is offered (the samples, and the
 * Evaluate tab's file when it is the broker's own), the keys A, B … in the order of the list, at most
 * four, one currency, and what the reducer keeps of a comparison.
 */
import type { SheetRead } from '../../src/excel';
import {
  compareCandidates,
  LOADED_ID,
  MAX_COMPARED,
  pickedCandidates,
  pickedKeys,
  policyKey,
  selectionProblem,
  togglePicked,
} from '../../src/taskpane/compare-selection';
import type { RuleSourceKind } from '../../src/taskpane/labels';
import { ruleFileFromJson, type LoadedRuleFile } from '../../src/taskpane/rule-file';
import type { ComparisonRun } from '../../src/taskpane/run-comparison';
import { SAMPLE_RULE_FILES } from '../../src/taskpane/samples';
import {
  canCompare,
  compareProblem,
  initialState,
  reducer,
  type Action,
  type PaneState,
  type RuleFileState,
} from '../../src/taskpane/state';

function loaded(key: string, edit: (json: Record<string, unknown>) => void = () => undefined): LoadedRuleFile {
  const sample = SAMPLE_RULE_FILES.find((s) => s.key === key);
  const json = JSON.parse(JSON.stringify(sample?.json)) as Record<string, unknown>;
  edit(json);
  const outcome = ruleFileFromJson(json);
  if (!outcome.ok) throw new Error(`${key} does not load: ${outcome.errors.join('; ')}`);
  return outcome.file;
}

const CLIENT_POLICY = loaded('strict', (json) => {
  (json.policy as Record<string, unknown>).id = 'CLIENT-2027';
});
const SAMPLE_IDS = SAMPLE_RULE_FILES.map((s) => s.key);

const valid = (source: RuleSourceKind, name: string, file = CLIENT_POLICY): RuleFileState => ({
  status: 'valid',
  source,
  name,
  file,
});

describe('the rule files offered for comparison', () => {
  it('are the bundled samples, with what their files say', () => {
    const list = compareCandidates({ status: 'none' });
    expect(list.map((c) => c.id)).toEqual(['fr-pme-globale', 'export-monde', 'strict', 'ibm-sample-us']);
    expect(list[0]).toMatchObject({
      name: 'fr-pme-globale.json',
      policyId: 'FR-PME-2027-0042',
      insurer: 'Assurance-Crédit Exemple SA',
      currency: 'EUR',
    });
    expect(list.find((c) => c.id === 'ibm-sample-us')?.currency).toBe('USD');
  });

  it.each(['file', 'url', 'paste', 'workbook'] as const)(
    'put a valid rule file of the Evaluate tab from %s first, as the broker’s own',
    (source) => {
      const list = compareCandidates(valid(source, 'client.json'));
      expect(list.map((c) => c.id)).toEqual([LOADED_ID, ...SAMPLE_IDS]);
      expect(list[0]).toMatchObject({ name: 'client.json', policyId: 'CLIENT-2027', currency: 'EUR' });
      expect(list[0].source).toEqual({ kind: 'loaded', file: CLIENT_POLICY });
    },
  );

  it('offer a sample loaded in the Evaluate tab once, as the sample', () => {
    expect(compareCandidates(valid('sample', 'strict.json')).map((c) => c.id)).toEqual(SAMPLE_IDS);
  });

  it('leave out a rule file that is loading or does not validate', () => {
    expect(compareCandidates({ status: 'loading', id: 1, source: 'file', name: 'x.json' }).map((c) => c.id)).toEqual(
      SAMPLE_IDS,
    );
    expect(
      compareCandidates({ status: 'invalid', source: 'paste', name: 'Paste', errors: ['bad'] }).map((c) => c.id),
    ).toEqual(SAMPLE_IDS);
  });
});

describe('ticking rule files', () => {
  const offered = [LOADED_ID, ...SAMPLE_IDS];

  it('adds and removes one id', () => {
    expect(togglePicked([], 'strict', true, offered)).toEqual(['strict']);
    expect(togglePicked(['strict'], 'strict', true, offered)).toEqual(['strict']);
    expect(togglePicked(['strict', 'export-monde'], 'strict', false, offered)).toEqual(['export-monde']);
  });

  it(`keeps at most ${MAX_COMPARED}`, () => {
    const four = [LOADED_ID, 'fr-pme-globale', 'export-monde', 'strict'];
    expect(togglePicked(four, 'ibm-sample-us', true, offered)).toEqual(four);
    expect(togglePicked(four, 'strict', false, offered)).toEqual(four.slice(0, 3));
  });

  it('drops what is no longer offered (the Evaluate tab’s file replaced by a sample)', () => {
    const picked = [LOADED_ID, 'fr-pme-globale', 'export-monde', 'strict'];
    expect(togglePicked(picked, 'ibm-sample-us', true, SAMPLE_IDS)).toEqual([
      'fr-pme-globale',
      'export-monde',
      'strict',
      'ibm-sample-us',
    ]);
    expect(togglePicked([], LOADED_ID, true, SAMPLE_IDS)).toEqual([]);
  });

  it('gives the keys in the order of the list, not of the clicks: A is the first ticked from the top', () => {
    const list = compareCandidates(valid('file', 'client.json'));
    const picked = ['strict', 'fr-pme-globale', LOADED_ID];
    expect(pickedCandidates(list, picked).map((c) => c.id)).toEqual([LOADED_ID, 'fr-pme-globale', 'strict']);
    expect(Object.fromEntries(pickedKeys(list, picked))).toEqual({
      [LOADED_ID]: 'A',
      'fr-pme-globale': 'B',
      strict: 'C',
    });
    expect([0, 1, 2, 3].map(policyKey)).toEqual(['A', 'B', 'C', 'D']);
  });

  it('needs two files in one currency', () => {
    const list = compareCandidates({ status: 'none' });
    const pick = (...ids: string[]) => pickedCandidates(list, ids);
    expect(selectionProblem(pick())).toBe('too-few');
    expect(selectionProblem(pick('strict'))).toBe('too-few');
    expect(selectionProblem(pick('strict', 'ibm-sample-us'))).toBe('currencies');
    expect(selectionProblem(pick('strict', 'fr-pme-globale'))).toBeNull();
    expect(selectionProblem(pick('strict', 'fr-pme-globale', 'export-monde'))).toBeNull();
  });
});

function sheetRead(): SheetRead {
  return {
    sheetName: 'Ledger',
    sheetNames: ['Ledger'],
    table: { values: [['Client', 'Solde']] },
    usedRange: { firstRow: 1, lastRow: 1, firstColumn: 1, lastColumn: 2 },
    previousOutput: null,
    lastRun: null,
    syncs: 1,
  };
}

function run(actions: Action[], state: PaneState = initialState('2027-06-30')): PaneState {
  return actions.reduce(reducer, state);
}

const RESULT = { sheetName: 'Ledger', asOf: '2027-06-30' } as unknown as ComparisonRun;

describe('the Compare tab’s state', () => {
  const offered = SAMPLE_IDS;

  it('starts on the Evaluate tab with nothing ticked, and switches tabs', () => {
    const state = initialState('2027-06-30');
    expect(state.tab).toBe('evaluate');
    expect(state.compare).toEqual({ picked: [], progress: null, result: null });
    expect(run([{ type: 'tab', tab: 'compare' }]).tab).toBe('compare');
    expect(
      run([
        { type: 'tab', tab: 'compare' },
        { type: 'tab', tab: 'evaluate' },
      ]).tab,
    ).toBe('evaluate');
  });

  it('shares the sheet, the column corrections and the date with the Evaluate tab', () => {
    const state = run([
      { type: 'sheet-requested', id: 1, sheetName: 'Ledger' },
      { type: 'sheet-read', id: 1, read: sheetRead(), sheets: ['Ledger'] },
      { type: 'column-mapped', role: 'open', header: 'Solde' },
      { type: 'tab', tab: 'compare' },
      { type: 'as-of', asOf: '2027-03-31' },
      { type: 'tab', tab: 'evaluate' },
    ]);
    expect(state.asOf).toBe('2027-03-31');
    expect(state.overrides).toEqual({ open: 'Solde' });
  });

  it('records ticks, the progress, the result, and a failure as an error of the compare step', () => {
    const ticked = run([
      { type: 'compare-picked', id: 'strict', picked: true, offered },
      { type: 'compare-picked', id: 'fr-pme-globale', picked: true, offered },
      { type: 'compare-picked', id: 'strict', picked: false, offered },
    ]);
    expect(ticked.compare.picked).toEqual(['fr-pme-globale']);

    const failed = run([
      { type: 'compare-progress', phase: 'reading', done: 0 },
      { type: 'compare-progress', phase: 'evaluating', done: 0.5 },
      { type: 'compare-failed', error: new Error('boom') },
    ]);
    expect(failed.compare.progress).toBeNull();
    expect(failed.error).toEqual({ step: 'compare', error: new Error('boom') });

    // The next comparison starts: the failure is cleared; an error of another step is not.
    const again = run([{ type: 'compare-progress', phase: 'reading', done: 0 }], failed);
    expect(again.error).toBeNull();
    expect(again.compare.progress).toEqual({ phase: 'reading', done: 0 });
    const otherError = run(
      [
        { type: 'failed', step: 'rules', error: new Error('download') },
        { type: 'compare-progress', phase: 'reading', done: 0 },
      ],
      failed,
    );
    expect(otherError.error?.step).toBe('rules');

    const done = run([{ type: 'compare-done', result: RESULT }], again);
    expect(done.compare).toEqual({ picked: [], progress: null, result: RESULT });
  });

  it('leaves the evaluation alone: a comparison neither clears nor replaces its result', () => {
    const evaluated = { ...initialState('2027-06-30'), result: { sheetName: 'Ledger' } as PaneState['result'] };
    const state = run(
      [
        { type: 'compare-progress', phase: 'reading', done: 0 },
        { type: 'compare-done', result: RESULT },
      ],
      evaluated,
    );
    expect(state.result).toBe(evaluated.result);
    expect(state.phase).toBeNull();
  });

  it('allows Compare with 2 to 4 files in one currency, a ledger and a date, while no comparison runs', () => {
    const list = compareCandidates({ status: 'none' });
    const two = pickedCandidates(list, ['fr-pme-globale', 'strict']);
    const ready = run([
      { type: 'sheet-requested', id: 1, sheetName: null },
      { type: 'sheet-read', id: 1, read: sheetRead(), sheets: ['Ledger'] },
    ]);
    expect(compareProblem(ready, two, true)).toBeNull();
    expect(canCompare(ready, two, true)).toBe(true);
    expect(compareProblem(ready, two.slice(0, 1), true)).toBe('too-few');
    expect(compareProblem(ready, pickedCandidates(list, ['strict', 'ibm-sample-us']), true)).toBe('currencies');
    expect(compareProblem(ready, two, false)).toBe('no-ledger');
    expect(compareProblem({ ...ready, asOf: '' }, two, true)).toBe('no-ledger');
    expect(compareProblem(initialState('2027-06-30'), two, true)).toBe('no-ledger');
    const running = run([{ type: 'compare-progress', phase: 'evaluating', done: 0.3 }], ready);
    expect(compareProblem(running, two, true)).toBeNull();
    expect(canCompare(running, two, true)).toBe(false);
    // An evaluation running does not stop a comparison: it only reads.
    expect(canCompare({ ...ready, phase: 'writing' }, two, true)).toBe(true);
  });
});
