/**
 * Each custom function on the sample policies of rules/, every expected figure worked out by hand
 * from the rule file and DOMAIN.md (the working is in the comments). Excel serials: 2027-01-01 is
 * 46388, 2013-01-01 is 41275.
 */
import { evaluate, parseIsoDay, type InvoiceLedger } from '../../src/domain';
import * as cover from '../../src/functions/cover';
import { PolicyStore } from '../../src/functions/policy-store';
import { loadRuleFile } from '../../src/rules';
import { invoiceLedger } from '../helpers/build';
import { coverErrorOf, editedRuleFile, ruleFileText, storeWith, storedText, type RuleFileName } from './helpers';

/** The store after the task pane evaluated `ledger` against the store's policy. */
function evaluated(store: PolicyStore, ledger: InvoiceLedger): PolicyStore {
  const state = store.state();
  if (state.kind !== 'active') throw new Error('no active policy');
  store.setLastEvaluation(evaluate(ledger, state.active.policy, { asOf: state.active.asOf }), ledger);
  return store;
}

const NO_POLICY = { code: 'notAvailable', message: 'No credit-cover policy in this workbook' };

describe('INSURED_LIMIT, LIMIT_KIND, INDEMNITY_PERCENT', () => {
  // [rule file, as of, buyer, limit, kind, percent, why]
  test.each<[RuleFileName, string, string | number, number, string, number]>([
    // fr-pme: 054321872 has 40,000 from 2027-01-01; named 90 %.
    ['fr-pme-globale', '2027-06-30', '054321872', 40000, 'named', 90],
    // The same SIREN typed into a number cell reaches the function as 54321872.
    ['fr-pme-globale', '2027-06-30', 54321872, 40000, 'named', 90],
    // 412369852: 30,000 to 2027-06-30, then 15,000.
    ['fr-pme-globale', '2027-06-30', '412369852', 30000, 'named', 90],
    ['fr-pme-globale', '2027-07-01', '412369852', 15000, 'named', 90],
    // 523698744: cancelled on 2027-04-15 (a 0 limit): named, 0, never discretionary.
    ['fr-pme-globale', '2027-06-30', '523698744', 0, 'named', 90],
    ['fr-pme-globale', '2027-02-01', '523698744', 20000, 'named', 90],
    // 007812456: its limit starts 2027-03-01; before, the latest (the only one) applies.
    ['fr-pme-globale', '2027-01-15', '007812456', 10000, 'named', 90],
    // No named limit: discretionary 7,500 at 70 %.
    ['fr-pme-globale', '2027-06-30', '987654321', 7500, 'discretionary', 70],
    // 065214785 is in La Réunion, but without an evaluation its country is unknown: no DROM cap.
    ['fr-pme-globale', '2027-06-30', '065214785', 20000, 'named', 90],
    // strict: 80,000 named, capped by plafond-par-acheteur (namedLimit > 50,000 → 50,000); 75 %.
    ['strict', '2027-06-30', '398562140', 50000, 'named', 75],
    ['strict', '2027-06-30', '814725362', 30000, 'named', 75],
    ['strict', '2027-06-30', '731052486', 2000, 'discretionary', 50],
    // 012345674: 12,000 from 04-01 to 09-30; on 2027-11-15 the latest still caps.
    ['strict', '2027-11-15', '012345674', 12000, 'named', 75],
    // export-monde without an evaluation: the country is null, and group 3 (`country notIn [EU, OECD]`)
    // holds on null, so the percent is min(90, 80) = 80; the Egyptian cap (country in […]) does not fire.
    ['export-monde', '2027-06-30', 'DE298765435', 150000, 'named', 80],
    ['export-monde', '2027-06-30', 'EG-CUST-0052', 40000, 'named', 80],
    ['export-monde', '2027-09-01', 'IT01234567897', 80000, 'named', 80],
    ['export-monde', '2027-06-30', 'US-CUST-09999', 10000, 'discretionary', 70],
    // ibm-sample-us: 5924-UOPGH has 2,000 (the 818 cap needs its country); 9286-VLKMI starts 2012-07-01.
    ['ibm-sample-us', '2013-06-30', '5924-UOPGH', 2000, 'named', 90],
    ['ibm-sample-us', '2012-03-01', '9286-VLKMI', 2000, 'named', 90],
    ['ibm-sample-us', '2013-09-01', '8976-AMJEO', 1500, 'named', 90],
    ['ibm-sample-us', '2013-06-30', '0379-NEVHP', 1500, 'named', 90],
    ['ibm-sample-us', '2013-06-30', '2820-XGXSB', 1000, 'discretionary', 70],
  ])('%s as of %s, buyer %p: %d, %s, %d %%', (file, asOf, buyer, limit, kind, percent) => {
    const store = storeWith(file, asOf);
    expect(cover.insuredLimit(store, buyer)).toBe(limit);
    expect(cover.limitKind(store, buyer)).toBe(kind);
    expect(cover.indemnityPercent(store, buyer)).toBe(percent);
  });

  test('buyer facts come from the last evaluation: country, sector (from its ledger), exposure', () => {
    const fr = storeWith('fr-pme-globale', '2027-06-30');
    evaluated(
      fr,
      invoiceLedger([
        { buyer: '065214785', country: 'RE', date: '2027-05-02', due: '2027-06-01', open: 12000 },
        { buyer: '789456126', country: 'FR', sector: 'BTP', date: '2027-05-10', due: '2027-06-09', open: 6000 },
      ]),
    );
    // RE: plafond-outre-mer caps 20,000 at 15,000. BTP: quotite-btp lowers 90 to 80.
    expect(cover.insuredLimit(fr, '065214785')).toBe(15000);
    expect(cover.indemnityPercent(fr, '789456126')).toBe(80);
    expect(cover.insuredLimit(fr, '789456126')).toBe(35000);

    const exp = storeWith('export-monde', '2027-06-30');
    evaluated(
      exp,
      invoiceLedger([
        { buyer: 'DE298765435', country: 'DE', date: '2027-05-02', due: '2027-06-01', open: 1000 },
        { buyer: 'EG-CUST-0052', country: 'EG', date: '2027-05-02', due: '2027-06-01', open: 1000 },
        { buyer: 'US-CUST-09999', country: 'US', date: '2027-05-02', due: '2027-06-01', open: 1000 },
      ]),
    );
    expect(cover.indemnityPercent(exp, 'DE298765435')).toBe(90); // EU: no indemnity rule
    expect(cover.insuredLimit(exp, 'EG-CUST-0052')).toBe(20000); // group 4: 40,000 capped at 20,000
    expect(cover.indemnityPercent(exp, 'EG-CUST-0052')).toBe(75); // group 4 75 and group 3 80: the lowest
    expect(cover.indemnityPercent(exp, 'US-CUST-09999')).toBe(70); // discretionary 70 < OECD 85

    const ibm = storeWith('ibm-sample-us', '2013-06-30');
    evaluated(
      ibm,
      invoiceLedger([{ buyer: '5924-UOPGH', country: '818', date: '2013-05-01', due: '2013-05-31', open: 10 }]),
    );
    expect(cover.insuredLimit(ibm, '5924-UOPGH')).toBe(1500); // plafond-code-818
    expect(cover.indemnityPercent(ibm, '5924-UOPGH')).toBe(80); // groupe B
  });

  test('text ids are trimmed; an unknown id is a buyer without a named limit', () => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    expect(cover.insuredLimit(store, ' 054321872 ')).toBe(40000);
    expect(cover.limitKind(store, 'nobody')).toBe('discretionary');
  });

  test('no policy: #N/A with the message; a bad buyer: #VALUE! naming the argument', () => {
    const none = new PolicyStore({ read: () => null });
    expect(coverErrorOf(() => cover.insuredLimit(none, '054321872'))).toEqual(NO_POLICY);
    expect(coverErrorOf(() => cover.limitKind(none, '054321872'))).toEqual(NO_POLICY);
    expect(coverErrorOf(() => cover.indemnityPercent(none, '054321872'))).toEqual(NO_POLICY);

    const store = storeWith('fr-pme-globale', '2027-06-30');
    expect(coverErrorOf(() => cover.insuredLimit(store, ''))).toEqual({
      code: 'invalidValue',
      message: 'buyer: a value is required',
    });
    expect(coverErrorOf(() => cover.insuredLimit(store, null))).toEqual({
      code: 'invalidValue',
      message: 'buyer: a value is required',
    });
    expect(coverErrorOf(() => cover.limitKind(store, true))).toEqual({
      code: 'invalidValue',
      message: 'buyer: expected a buyer id (text or number), got TRUE',
    });
  });

  test('in French Excel, messages and argument names are French', () => {
    const none = new PolicyStore({ read: () => null, lang: 'fr' });
    expect(coverErrorOf(() => cover.insuredLimit(none, 'x')).message).toBe(
      'Aucune police credit-cover dans ce classeur',
    );
    const store = storeWith('fr-pme-globale', '2027-06-30', 'fr');
    expect(coverErrorOf(() => cover.covered(store, '054321872', 'beaucoup')).message).toBe(
      'encours : montant attendu, reçu "beaucoup"',
    );
  });
});

describe('COVERED and UNINSURED', () => {
  // [rule file, as of, buyer, exposure, covered, uninsured, working]
  test.each<[RuleFileName, string, string, number, number, number, string]>([
    ['ibm-sample-us', '2013-06-30', '1080-NDGAE', 2646.81, 1800, 846.81, 'min(2,646.81, 2,000) × 90 %'],
    ['ibm-sample-us', '2013-06-30', '1080-NDGAE', 1000, 900, 100, '1,000 × 90 %'],
    ['ibm-sample-us', '2013-06-30', '1080-NDGAE', 100.05, 90.05, 10, '90.045 rounds half up to 90.05'],
    ['ibm-sample-us', '2013-06-30', '1080-NDGAE', 0.1 + 0.2, 0.27, 0.03, 'the float 0.30000000000000004 is 0.30'],
    ['ibm-sample-us', '2013-06-30', '2820-XGXSB', 0.05, 0.04, 0.01, '0.035 rounds half up to 0.04 (70 %)'],
    ['ibm-sample-us', '2013-06-30', '1080-NDGAE', -500, 0, -500, 'a credit: nothing covered'],
    ['ibm-sample-us', '2013-06-30', '1080-NDGAE', 0, 0, 0, 'nothing owed'],
    // fr-pme: the ledger is VAT-inclusive at 20 %; VAT is never insured (step 3).
    ['fr-pme-globale', '2027-06-30', '054321872', 50000, 36000, 14000, '41,666.67 HT capped at 40,000 × 90 %'],
    ['fr-pme-globale', '2027-06-30', '054321872', 1200, 900, 300, '1,000 HT × 90 %'],
    ['fr-pme-globale', '2027-06-30', '054321872', 100.05, 75.04, 25.01, '83.375 → 83.38 HT; 75.042 → 75.04'],
    ['fr-pme-globale', '2027-06-30', '987654321', 1234.56, 720.16, 514.4, '1,028.80 HT × 70 %'],
    ['fr-pme-globale', '2027-06-30', '523698744', 1000, 0, 1000, 'cancelled limit: 0'],
    ['strict', '2027-06-30', '398562140', 72000, 37500, 34500, '60,000 HT capped at 50,000 × 75 %'],
    ['export-monde', '2027-06-30', 'US-CUST-09999', 12000, 7000, 5000, '10,000 × 70 %'],
  ])(
    '%s as of %s, buyer %s: %d owed → %d covered, %d uninsured (%s)',
    (file, asOf, buyer, exposure, covered, uninsured) => {
      const store = storeWith(file, asOf);
      expect(cover.covered(store, buyer, exposure)).toBe(covered);
      expect(cover.uninsured(store, buyer, exposure)).toBe(uninsured);
    },
  );

  test('errors: no policy, bad exposure', () => {
    const none = new PolicyStore({ read: () => null });
    expect(coverErrorOf(() => cover.covered(none, 'B', 100))).toEqual(NO_POLICY);
    expect(coverErrorOf(() => cover.uninsured(none, 'B', 100))).toEqual(NO_POLICY);
    const store = storeWith('ibm-sample-us', '2013-06-30');
    expect(coverErrorOf(() => cover.covered(store, '1080-NDGAE', 'abc'))).toEqual({
      code: 'invalidValue',
      message: 'exposure: expected an amount, got "abc"',
    });
    expect(coverErrorOf(() => cover.uninsured(store, '1080-NDGAE', 1e20)).message).toBe(
      'exposure: expected an amount, got 100000000000000000000',
    );
    expect(coverErrorOf(() => cover.covered(store, '', 100)).message).toBe('buyer: a value is required');
  });
});

describe('COVER_STATUS', () => {
  // fr-pme, as of 2027-06-30: cover starts 2027-01-01 (+ 30 days of carence: 01-31), credit period
  // ≤ 90 days, declaration 60 days after the due date, VAT 20 % included.
  test.each<[string, string | number, number, string | number, string | number, unknown, unknown, string]>([
    // 1,000 HT ≤ 40,000; 16 days overdue.
    ['within the limit', '054321872', 1200, '2027-05-15', '2027-06-14', null, null, 'covered'],
    // Invoice dates as Excel serials: 2027-05-15 = 46522, 2027-06-14 = 46552.
    ['dates as serials', '054321872', 1200, 46522, 46552, null, null, 'covered'],
    ['dates with a time of day', '054321872', 1200, 46522.5, 46552.25, null, null, 'covered'],
    // 01-20 < 01-31 (also declaration-late: 131 days overdue, but carence comes first).
    ['carence', '054321872', 1200, '2027-01-20', '2027-02-19', null, null, 'excluded: carence'],
    ['before the period', '054321872', 1200, '2026-12-15', '2027-01-14', null, null, 'excluded: outside-period'],
    // 03-01 → 06-15 is 106 days > 90.
    ['credit period', '054321872', 1200, '2027-03-01', '2027-06-15', null, null, 'excluded: credit-period'],
    ['disputed', '054321872', 1200, '2027-05-15', '2027-06-14', true, null, 'excluded: disputed'],
    [
      'disputed, as the ledger writes it',
      '054321872',
      1200,
      '2027-05-15',
      '2027-06-14',
      'Oui',
      null,
      'excluded: disputed',
    ],
    ['not disputed', '054321872', 1200, '2027-05-15', '2027-06-14', 'non', null, 'covered'],
    // Due 04-09: 82 days overdue > 60; declare by 06-08.
    ['declared late', '054321872', 1200, '2027-03-10', '2027-04-09', null, '2027-06-09', 'excluded: declaration-late'],
    ['never declared', '054321872', 1200, '2027-03-10', '2027-04-09', false, null, 'excluded: declaration-late'],
    ['declared in time', '054321872', 1200, '2027-03-10', '2027-04-09', false, '2027-06-08', 'covered'],
    // 48,000 TTC = 40,000 HT > 30,000 (412369852's limit in force).
    ['over the limit in part', '412369852', 48000, '2027-06-01', '2027-07-01', null, null, 'partial'],
    // 523698744's limit is 0 since 2027-04-15, and that 0 is in force on 05-01: over-limit, not no-limit.
    ['a cancelled limit', '523698744', 1200, '2027-05-01', '2027-05-31', null, null, 'over-limit'],
    ['a credit note', '054321872', -100, '2027-05-15', '2027-05-15', null, null, 'credit'],
    ['nothing open', '054321872', 0, '2027-05-15', '2027-05-15', null, null, 'credit'],
    // No named limit: discretionary 7,500 ≥ 2,000 HT.
    ['a discretionary buyer', '888999000', 2400, '2027-05-10', '2027-06-09', null, null, 'covered'],
  ])('fr-pme: %s', (_what, buyer, amount, invoiceDate, dueDate, disputed, declaredOn, status) => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    expect(cover.coverStatus(store, buyer, amount, invoiceDate, dueDate, disputed, declaredOn)).toBe(status);
  });

  test('strict, as of 2027-11-15: a named limit not in force on the invoice date is no-limit', () => {
    // 012345674: 12,000 from 04-01 to 09-30; carence 60 days from 04-01 (05-31); invoice 10-05.
    const store = storeWith('strict', '2027-11-15');
    expect(cover.coverStatus(store, '012345674', 1200, '2027-10-05', '2027-11-04', null, null)).toBe(
      'excluded: no-limit',
    );
    expect(cover.coverStatus(store, '012345674', 1200, '2027-07-05', '2027-08-04', null, '2027-08-20')).toBe('covered');
  });

  test('the last evaluation gives the buyer facts the rules exclude on', () => {
    const store = storeWith('fr-pme-globale', '2027-06-30');
    expect(cover.coverStatus(store, '555666777', 600, '2027-05-10', '2027-06-09', null, null)).toBe('covered');
    expect(cover.coverStatus(store, '888999000', 2400, '2027-05-10', '2027-06-09', null, null)).toBe('covered');
    evaluated(
      store,
      invoiceLedger([
        {
          buyer: '555666777',
          name: 'M. Dupont',
          buyerType: 'particulier',
          date: '2027-05-10',
          due: '2027-06-09',
          open: 600,
        },
        { buyer: '888999000', name: 'Schmidt GmbH', country: 'DE', date: '2027-05-10', due: '2027-06-09', open: 2400 },
      ]),
    );
    expect(cover.coverStatus(store, '555666777', 600, '2027-05-10', '2027-06-09', null, null)).toBe(
      'excluded: rule:private-individual',
    );
    expect(cover.coverStatus(store, '888999000', 2400, '2027-05-10', '2027-06-09', null, null)).toBe(
      'excluded: rule:foreign-buyer',
    );

    const exp = storeWith('export-monde', '2027-06-30');
    evaluated(
      exp,
      invoiceLedger([{ buyer: '054321872', country: 'FR', date: '2027-05-10', due: '2027-06-09', open: 10 }]),
    );
    expect(cover.coverStatus(exp, '054321872', 1000, '2027-05-10', '2027-06-09', null, null)).toBe(
      'excluded: rule:domestic-buyer',
    );
  });

  test("the rules see the buyer's whole exposure from the last evaluation, not this invoice alone", () => {
    // strict plus a rule excluding buyers who owe more than 50,000 in all.
    const text = editedRuleFile('strict', (json) => {
      json.rules.push({
        name: 'gros-encours',
        conditions: { all: [{ fact: 'buyerExposure', operator: 'greaterThan', value: 50000 }] },
        event: { type: 'exclude', params: { reason: 'large-exposure' } },
      });
    });
    const value = storedText(text, '2027-06-30');
    const store = new PolicyStore({ read: () => value });
    const args = ['814725362', 1200, '2027-05-10', '2027-06-09', null, null] as const;
    expect(cover.coverStatus(store, ...args)).toBe('covered'); // alone, it owes 1,200
    evaluated(
      store,
      invoiceLedger([
        { buyer: '814725362', country: 'FR', date: '2027-05-10', due: '2027-06-09', open: 30000 },
        { buyer: '814725362', country: 'FR', date: '2027-05-20', due: '2027-06-19', open: 30000 },
      ]),
    );
    expect(cover.coverStatus(store, ...args)).toBe('excluded: rule:large-exposure'); // 60,000 in all
  });

  test('errors name the argument', () => {
    const none = new PolicyStore({ read: () => null });
    expect(coverErrorOf(() => cover.coverStatus(none, 'B', 1, '2027-01-01', '2027-01-01', null, null))).toEqual(
      NO_POLICY,
    );
    const store = storeWith('fr-pme-globale', '2027-06-30');
    const status =
      (...args: unknown[]) =>
      () =>
        cover.coverStatus(store, args[0], args[1], args[2], args[3], args[4] ?? null, args[5] ?? null);
    expect(coverErrorOf(status('054321872', 'x', '2027-05-15', '2027-06-14')).message).toBe(
      'amount: expected an amount, got "x"',
    );
    expect(coverErrorOf(status('054321872', 100, '15/05/2027', '2027-06-14'))).toEqual({
      code: 'invalidValue',
      message: 'invoice_date: expected a date (a date cell or YYYY-MM-DD text), got "15/05/2027"',
    });
    expect(coverErrorOf(status('054321872', 100, '2027-05-15', '2027-02-30')).message).toBe(
      'due_date: expected a date (a date cell or YYYY-MM-DD text), got "2027-02-30"',
    );
    expect(coverErrorOf(status('054321872', 100, '2027-05-15', null)).message).toBe('due_date: a value is required');
    expect(coverErrorOf(status('054321872', 100, '2027-05-15', 0)).message).toBe(
      'due_date: expected a date (a date cell or YYYY-MM-DD text), got 0',
    );
    expect(coverErrorOf(status('054321872', 100, '2027-05-15', '2027-06-14', 'peut-être')).message).toBe(
      'disputed: expected TRUE or FALSE (or Yes/No, 1/0), got "peut-être"',
    );
    expect(coverErrorOf(status('054321872', 100, '2027-05-15', '2027-06-14', null, 'hier')).message).toBe(
      'declared_on: expected a date (a date cell or YYYY-MM-DD text), got "hier"',
    );
    const fr = storeWith('fr-pme-globale', '2027-06-30', 'fr');
    expect(coverErrorOf(() => cover.coverStatus(fr, '054321872', 100, '2027-05-15', 'x', null, null)).message).toBe(
      'date_échéance : date attendue (cellule date ou texte AAAA-MM-JJ), reçu "x"',
    );
  });
});

describe('DECLARE_BY and CLAIMABLE_ON', () => {
  test.each<[RuleFileName, string, string | number, number, number]>([
    // fr-pme: declare 60 days, claim 150 days after the due date. Due 2027-04-09 (serial 46486):
    // declare by 2027-06-08 (46546), claimable on 2027-09-06 (46636).
    ['fr-pme-globale', '2027-06-30', '2027-04-09', 46546, 46636],
    ['fr-pme-globale', '2027-06-30', 46486, 46546, 46636],
    ['fr-pme-globale', '2027-06-30', 46486.99, 46546, 46636],
    // strict: 30 and 180 days. Due 2027-04-09: 2027-05-09 (46516) and 2027-10-06 (46666).
    ['strict', '2027-06-30', '2027-04-09', 46516, 46666],
    // ibm: 60 and 90 days. Due 2013-05-15: 2013-07-14 (41469) and 2013-08-13 (41499).
    ['ibm-sample-us', '2013-06-30', '2013-05-15', 41469, 41499],
  ])('%s as of %s: due %p → declare by %d, claimable on %d', (file, asOf, due, declareBy, claimableOn) => {
    const store = storeWith(file, asOf);
    expect(cover.declareBy(store, due)).toBe(declareBy);
    expect(cover.claimableOn(store, due)).toBe(claimableOn);
  });

  test('a policy without the term: #N/A saying which; no policy; a bad date', () => {
    const text = editedRuleFile('strict', (json) => {
      delete json.policy.declarationDeadlineDays;
      delete json.policy.indemnityWaitingDays;
    });
    const value = storedText(text, '2027-06-30');
    const store = new PolicyStore({ read: () => value });
    expect(coverErrorOf(() => cover.declareBy(store, '2027-04-09'))).toEqual({
      code: 'notAvailable',
      message: 'The policy sets no declaration deadline (declarationDeadlineDays)',
    });
    expect(coverErrorOf(() => cover.claimableOn(store, '2027-04-09'))).toEqual({
      code: 'notAvailable',
      message: 'The policy sets no waiting period before indemnity (indemnityWaitingDays)',
    });
    const none = new PolicyStore({ read: () => null });
    expect(coverErrorOf(() => cover.declareBy(none, '2027-04-09'))).toEqual(NO_POLICY);
    expect(coverErrorOf(() => cover.claimableOn(none, '2027-04-09'))).toEqual(NO_POLICY);
    const fr = storeWith('fr-pme-globale', '2027-06-30');
    expect(coverErrorOf(() => cover.declareBy(fr, 'demain'))).toEqual({
      code: 'invalidValue',
      message: 'due_date: expected a date (a date cell or YYYY-MM-DD text), got "demain"',
    });
    expect(coverErrorOf(() => cover.claimableOn(fr, 3e6)).code).toBe('invalidValue');
    // Serial 60 is Excel's 29/02/1900: refused, not read as 1900-02-28 or 1900-03-01; 59 and 61 are days.
    expect(coverErrorOf(() => cover.declareBy(fr, 60))).toEqual({
      code: 'invalidValue',
      message: 'due_date: serial 60 is 29/02/1900, a day Excel shows but that never was',
    });
    expect(coverErrorOf(() => cover.declareBy(fr, 60.5)).code).toBe('invalidValue');
    // 59 is 1900-02-28, + 60 days = 1900-04-29, serial 61 (1900-03-01) + 59 = 120; 61 + 60 days = 1900-04-30 = 121.
    expect(cover.declareBy(fr, 59)).toBe(120);
    expect(cover.declareBy(fr, 61)).toBe(121);
  });
});

describe('POLICY', () => {
  const hashOf = (file: RuleFileName): string => {
    const loaded = loadRuleFile(ruleFileText(file));
    if (!loaded.ok) throw new Error('bad file');
    return loaded.hash;
  };

  test.each<[string, string | number]>([
    ['id', 'FR-PME-2027-0042'],
    ['version', '1.1.0'],
    ['insurer', 'Assurance-Crédit Exemple SA'],
    ['currency', 'EUR'],
    ['as_of', 46568], // 2027-06-30
    ['asOf', 46568],
    ['AS_OF', 46568],
    ['period.start', 46388],
    ['period.end', 46752], // 2027-12-31
    ['discretionaryLimit', 7500],
    ['discretionary_limit', 7500],
    ['carenceDays', 30],
    ['maxCreditPeriodDays', 90],
    ['declarationDeadlineDays', 60],
    ['maxExtensionDays', 60],
    ['indemnityWaitingDays', 150],
    ['minimumClaim', 750],
    ['excessPerClaim', 0],
    ['annualAggregateDeductible', 0],
    ['maxLiability', 375000],
    ['indemnityPercent.named', 90],
    ['indemnityPercent.discretionary', 70],
    ['vat.rate', 20],
  ])('fr-pme: %s = %p', (field, value) => {
    expect(cover.policyField(storeWith('fr-pme-globale', '2027-06-30'), field)).toBe(value);
  });

  test('the hash is the rule file content hash', () => {
    const store = storeWith('export-monde', '2027-06-30');
    expect(cover.policyField(store, 'hash')).toBe(hashOf('export-monde'));
    expect(cover.policyField(store, 'hash')).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(cover.policyField(storeWith('ibm-sample-us', '2013-06-30'), 'currency')).toBe('USD');
    expect(cover.policyField(storeWith('strict', '2027-06-30'), 'excessPerClaim')).toBe(500);
  });

  test('a term the policy does not set: #N/A; an unknown field: #VALUE!; no policy: #N/A', () => {
    expect(coverErrorOf(() => cover.policyField(storeWith('export-monde', '2027-06-30'), 'vat.rate'))).toEqual({
      code: 'notAvailable',
      message: 'The policy sets no vat.rate',
    });
    expect(coverErrorOf(() => cover.policyField(storeWith('ibm-sample-us', '2013-06-30'), 'maxExtensionDays'))).toEqual(
      {
        code: 'notAvailable',
        message: 'The policy sets no maxExtensionDays',
      },
    );
    const store = storeWith('fr-pme-globale', '2027-06-30');
    const unknown = coverErrorOf(() => cover.policyField(store, 'premium'));
    expect(unknown.code).toBe('invalidValue');
    expect(unknown.message).toMatch(/^field: unknown policy field "premium"; known fields: id, name, version, /);
    expect(coverErrorOf(() => cover.policyField(store, 42)).message).toMatch(/^field: unknown policy field 42;/);
    expect(coverErrorOf(() => cover.policyField(store, '')).message).toBe('field: a value is required');
    expect(coverErrorOf(() => cover.policyField(new PolicyStore(), 'id'))).toEqual(NO_POLICY);
  });

  test('parseIsoDay and the serials above agree (a check on the hand working)', () => {
    // 2027-01-01 is day 20819 since 1970-01-01; + 25569 = 46388.
    expect((parseIsoDay('2027-01-01') ?? 0) + 25569).toBe(46388);
    expect((parseIsoDay('2013-01-01') ?? 0) + 25569).toBe(41275);
  });
});
