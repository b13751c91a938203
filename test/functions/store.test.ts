/**
 * The policy store: read from the workbook setting on first use, changed by the task pane, telling
 * its listeners; snapshots memoise buyer lookups.
 */
import { evaluate } from '../../src/domain';
import * as cover from '../../src/functions/cover';
import { NOT_READY, PolicyStore, type PolicyRead } from '../../src/functions/policy-store';
import { invoiceLedger } from '../helpers/build';
import { coverErrorOf, editedRuleFile, stored, storedText, storeWith } from './helpers';

function activeOf(store: PolicyStore) {
  const state = store.state();
  if (state.kind !== 'active') throw new Error(`expected an active policy, got ${state.kind}`);
  return state.active;
}

describe('reading the workbook setting', () => {
  test('read once, on first use (reopening a workbook before the task pane opens)', () => {
    const value = stored('fr-pme-globale', '2027-06-30');
    const read = jest.fn(() => value);
    const store = new PolicyStore({ read });
    expect(read).not.toHaveBeenCalled();
    expect(cover.insuredLimit(store, '054321872')).toBe(40000);
    expect(cover.insuredLimit(store, '321456980')).toBe(25000);
    expect(read).toHaveBeenCalledTimes(1);
  });

  test('while Office is not ready: "still loading", asked again next time', () => {
    let value: PolicyRead = NOT_READY;
    const store = new PolicyStore({ read: () => value });
    expect(coverErrorOf(() => cover.insuredLimit(store, '398562140'))).toEqual({
      code: 'notAvailable',
      message: 'The credit-cover policy of this workbook is still loading',
    });
    value = stored('strict', '2027-06-30');
    expect(cover.insuredLimit(store, '398562140')).toBe(50000);
  });

  test('reload() after Office is ready tells the listeners once, and not again for the same value', () => {
    let value: PolicyRead = NOT_READY;
    const store = new PolicyStore({ read: () => value });
    const listener = jest.fn();
    store.subscribe(listener);
    expect(store.state().kind).toBe('pending');
    value = stored('strict', '2027-06-30');
    store.reload();
    expect(listener).toHaveBeenCalledTimes(1);
    store.reload();
    expect(listener).toHaveBeenCalledTimes(1);
    value = null;
    store.reload();
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.state().kind).toBe('none');
  });

  test('an unreadable policy is #N/A saying why', () => {
    const broken = new PolicyStore({
      read: () => ({ ruleFileText: '{"format": 1}', asOf: '2027-06-30', id: 'X', version: '1', hash: '' }),
    });
    const error = coverErrorOf(() => cover.insuredLimit(broken, 'B'));
    expect(error.code).toBe('notAvailable');
    expect(error.message).toMatch(
      /^The credit-cover policy stored in this workbook cannot be read \(.*format.*\); load the rule file again from the task pane$/,
    );
    const badDate = new PolicyStore({ read: () => ({ ...stored('strict', '2027-06-30'), asOf: '30/06/2027' }) });
    expect(coverErrorOf(() => cover.policyField(badDate, 'id')).message).toContain(
      'the as-of date "30/06/2027" is not YYYY-MM-DD',
    );
    const otherFile = storedText(
      editedRuleFile('strict', (json) => (json.policy.carenceDays = 90)),
      '2027-06-30',
    );
    const mismatch = new PolicyStore({
      read: () => ({ ...stored('strict', '2027-06-30'), ruleFileText: otherFile.ruleFileText }),
    });
    expect(coverErrorOf(() => cover.policyField(mismatch, 'id')).message).toContain(
      'the rule file does not match its stored hash sha256:',
    );
    const reported = new PolicyStore({ read: () => ({ unreadable: 'custom XML part missing' }) });
    expect(coverErrorOf(() => cover.policyField(reported, 'id')).message).toContain('(custom XML part missing)');
  });

  test('a workbook that stores no as-of date: today', () => {
    const today = jest.fn(() => 20999); // 2027-06-30
    const store = new PolicyStore({ read: () => stored('fr-pme-globale', null), today });
    expect(cover.policyField(store, 'as_of')).toBe(46568);
    expect(cover.insuredLimit(store, '412369852')).toBe(30000);
    expect(today).toHaveBeenCalledTimes(1);
  });
});

describe('changes from the task pane', () => {
  test('setPolicy: a new rule file or as-of date notifies; the same one does not', () => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    expect(cover.insuredLimit(store, '412369852')).toBe(30000); // the setting is read
    const listener = jest.fn();
    store.subscribe(listener);
    store.setPolicy(stored('fr-pme-globale', '2027-06-30'));
    expect(listener).toHaveBeenCalledTimes(0);
    store.setPolicy(stored('fr-pme-globale', '2027-07-01'));
    expect(listener).toHaveBeenCalledTimes(1);
    expect(cover.insuredLimit(store, '412369852')).toBe(15000);
    store.setPolicy(stored('strict', '2027-07-01'));
    expect(listener).toHaveBeenCalledTimes(2);
    expect(cover.insuredLimit(store, '412369852')).toBe(2000);
    store.setPolicy(null);
    expect(listener).toHaveBeenCalledTimes(3);
    expect(coverErrorOf(() => cover.insuredLimit(store, '412369852')).code).toBe('notAvailable');
  });

  test('setPolicy on a store that has not read the setting yet notifies (cells may show "no policy")', () => {
    let value: PolicyRead = NOT_READY;
    const store = new PolicyStore({ read: () => value });
    expect(store.state().kind).toBe('pending'); // a cell computed while Office was not ready
    const listener = jest.fn();
    store.subscribe(listener);
    value = stored('strict', '2027-06-30'); // the task pane stores the setting, then tells the store
    store.setPolicy(stored('strict', '2027-06-30'));
    expect(listener).toHaveBeenCalledTimes(1);
  });

  test("once the task pane has set a policy, only a co-author's change (always) re-reads the stale settings copy", () => {
    const store = storeWith('fr-pme-globale', '2027-06-30'); // the copy of the settings taken at load
    store.setPolicy(stored('strict', '2027-06-30'));
    store.reload(); // Office ready, late: the copy is stale, the task pane's policy stays
    expect(cover.policyField(store, 'id')).toBe('FR-STRICT-2027-0009');
    store.reload({ always: true }); // a co-author stored fr-pme (the copy refreshed first)
    expect(cover.policyField(store, 'id')).toBe('FR-PME-2027-0042');
  });

  test('setPolicy with an evaluation changes both at once: one notification', () => {
    const store = new PolicyStore();
    const listener = jest.fn();
    store.subscribe(listener);
    const value = stored('fr-pme-globale', '2027-06-30');
    const probe = storeWith('fr-pme-globale', '2027-06-30');
    const ledger = invoiceLedger([
      { buyer: '065214785', country: 'RE', date: '2027-05-02', due: '2027-06-01', open: 100 },
    ]);
    const evaluation = evaluate(ledger, activeOf(probe).policy, { asOf: activeOf(probe).asOf });
    store.setPolicy(value, { policy: activeOf(probe).policy, evaluation, ledger });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(cover.insuredLimit(store, '065214785')).toBe(15000);
    // The same policy with the evaluation forgotten: a change too.
    store.setPolicy(value, { evaluation: null });
    expect(listener).toHaveBeenCalledTimes(2);
    expect(cover.insuredLimit(store, '065214785')).toBe(20000);
  });

  test('an evaluation stored while the policy is still loading applies once it is read', () => {
    let value: PolicyRead = NOT_READY;
    const store = new PolicyStore({ read: () => value });
    const probe = storeWith('fr-pme-globale', '2027-06-30');
    const ledger = invoiceLedger([
      { buyer: '065214785', country: 'RE', date: '2027-05-02', due: '2027-06-01', open: 100 },
    ]);
    store.setLastEvaluation(evaluate(ledger, activeOf(probe).policy, { asOf: activeOf(probe).asOf }), ledger);
    expect(store.state().kind).toBe('pending');
    value = stored('fr-pme-globale', '2027-06-30');
    expect(cover.insuredLimit(store, '065214785')).toBe(15000);
  });

  test('an evaluation in another currency is not used for the facts', () => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    const ledger = invoiceLedger([
      { buyer: '5924-UOPGH', country: '818', date: '2013-05-01', due: '2013-05-31', open: 10 },
    ]);
    const ibm = storeWith('ibm-sample-us', '2013-06-30');
    store.setLastEvaluation(evaluate(ledger, activeOf(ibm).policy, { asOf: activeOf(ibm).asOf }), ledger);
    expect(activeOf(store).known.size).toBe(0); // a USD evaluation, an EUR policy
    store.setPolicy(stored('ibm-sample-us', '2013-06-30'));
    expect(activeOf(store).known.size).toBe(1);
    expect(cover.insuredLimit(store, '5924-UOPGH')).toBe(1500);
  });

  test('a listener that throws does not stop the others; the error is not lost', () => {
    const store = storeWith('strict', '2027-06-30');
    const after = jest.fn();
    store.subscribe(() => {
      throw new Error('broken cell');
    });
    store.subscribe(after);
    expect(() => store.setPolicy(stored('strict', '2027-07-01'))).toThrow('broken cell');
    expect(after).toHaveBeenCalledTimes(1);
  });

  test('setLanguage notifies (error messages change language)', () => {
    const store = new PolicyStore({ read: () => null });
    const listener = jest.fn();
    store.subscribe(listener);
    store.setLanguage('fr');
    store.setLanguage('fr');
    expect(listener).toHaveBeenCalledTimes(1);
    expect(coverErrorOf(() => cover.insuredLimit(store, 'B')).message).toBe(
      'Aucune police credit-cover dans ce classeur',
    );
  });
});

describe('snapshots', () => {
  test('a buyer is looked up once per snapshot; a change makes a new snapshot', () => {
    const store = storeWith('export-monde', '2027-06-30');
    const before = activeOf(store);
    const first = before.buyer('DE298765435');
    expect(before.buyer('DE298765435')).toBe(first);
    cover.insuredLimit(store, 'DE298765435');
    expect(activeOf(store).buyer('DE298765435')).toBe(first);
    store.setPolicy(stored('export-monde', '2027-07-01'));
    expect(activeOf(store)).not.toBe(before);
    expect(activeOf(store).buyer('DE298765435')).not.toBe(first);
  });

  test('a number id finds the id with leading zeros, only when exactly one matches', () => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    const active = activeOf(store);
    expect(active.resolveNumericId('54321872')).toBe('054321872');
    expect(active.resolveNumericId('7812456')).toBe('007812456');
    expect(active.resolveNumericId('321456980')).toBe('321456980');
    expect(active.resolveNumericId('99')).toBe('99');
    expect(cover.limitKind(store, 7812456)).toBe('named');
  });
});
