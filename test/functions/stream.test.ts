/**
 * Streaming cells: the value now, the new value after every change of the policy, nothing after
 * Excel cancels the invocation.
 */
import * as cover from '../../src/functions/cover';
import { PolicyStore } from '../../src/functions/policy-store';
import { streamResult, type StreamingTarget } from '../../src/functions/stream';
import { invoiceLedger } from '../helpers/build';
import { evaluate } from '../../src/domain';
import { stored, storeWith } from './helpers';

interface FakeError {
  code: string;
  message: string;
}

/** What Excel would show in the cell, one entry per setResult. */
class FakeInvocation<T> implements StreamingTarget<T, FakeError> {
  readonly results: (T | FakeError)[] = [];
  onCanceled?: () => void;
  setResult = (value: T | FakeError): void => {
    this.results.push(value);
  };
  cancel(): void {
    this.onCanceled?.();
  }
}

const fakeError = (code: string, message: string): FakeError => ({ code, message });

function stream<T>(store: PolicyStore, compute: () => T): FakeInvocation<T> {
  const invocation = new FakeInvocation<T>();
  streamResult(store, invocation, compute, fakeError);
  return invocation;
}

describe('streaming', () => {
  test('a cell gets the new value when the policy changes, and nothing after it is canceled', () => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    const cell = stream(store, () => cover.insuredLimit(store, '054321872'));
    expect(cell.results).toEqual([40000]);

    store.setPolicy(stored('strict', '2027-06-30')); // not named there: discretionary 2,000
    expect(cell.results).toEqual([40000, 2000]);

    store.setPolicy(stored('strict', '2027-07-01')); // same value: not pushed again
    expect(cell.results).toEqual([40000, 2000]);

    cell.cancel();
    expect(store.listenerCount).toBe(0);
    store.setPolicy(stored('fr-pme-globale', '2027-06-30'));
    expect(cell.results).toEqual([40000, 2000]);
  });

  test('a re-evaluation updates the cells whose facts changed', () => {
    const store = storeWith('export-monde', '2027-06-30');
    const percent = stream(store, () => cover.indemnityPercent(store, 'DE298765435'));
    const limit = stream(store, () => cover.insuredLimit(store, 'DE298765435'));
    const state = store.state();
    if (state.kind !== 'active') throw new Error('no policy');
    const ledger = invoiceLedger([
      { buyer: 'DE298765435', country: 'DE', date: '2027-05-02', due: '2027-06-01', open: 10 },
    ]);
    store.setLastEvaluation(evaluate(ledger, state.active.policy, { asOf: state.active.asOf }), ledger);
    expect(percent.results).toEqual([80, 90]);
    expect(limit.results).toEqual([150000]);
  });

  test('no policy, then a policy: #N/A with the message, then the value', () => {
    const store = new PolicyStore({ read: () => null });
    const cell = stream(store, () => cover.declareBy(store, '2027-04-09'));
    expect(cell.results).toEqual([{ code: 'notAvailable', message: 'No credit-cover policy in this workbook' }]);
    store.setPolicy(stored('fr-pme-globale', '2027-06-30'));
    expect(cell.results[1]).toBe(46546);
    store.setPolicy(null);
    expect(cell.results[2]).toEqual({ code: 'notAvailable', message: 'No credit-cover policy in this workbook' });
  });

  test('a bad argument is #VALUE! naming it; a bug is #VALUE! saying so, never a number', () => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    const bad = stream(store, () => cover.covered(store, '054321872', 'x'));
    expect(bad.results).toEqual([{ code: 'invalidValue', message: 'exposure: expected an amount, got "x"' }]);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const bug = stream(store, (): number => {
      throw new TypeError('oops');
    });
    expect(bug.results).toEqual([
      { code: 'invalidValue', message: 'credit-cover internal error (please report it): oops' },
    ]);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });

  test('a cell whose setResult throws stops streaming; the others go on', () => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let calls = 0;
    streamResult(
      store,
      {
        setResult: () => {
          calls++;
          if (calls > 1) throw new Error('invocation gone');
        },
      },
      () => cover.insuredLimit(store, '054321872'),
      fakeError,
    );
    const other = stream(store, () => cover.insuredLimit(store, '054321872'));
    store.setPolicy(stored('strict', '2027-06-30'));
    expect(calls).toBe(2);
    expect(other.results).toEqual([40000, 2000]);
    expect(store.listenerCount).toBe(1);
    spy.mockRestore();
  });
});
