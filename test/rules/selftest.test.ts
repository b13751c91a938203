import { loadRuleFile, runRuleFileTests, type RuleTestJson } from '../../src/rules';
import { goodFile, type Json } from './fixtures';

/** Loads `file` without its tests, then runs `tests` against it. */
function run(file: Json, tests: RuleTestJson[]) {
  file.tests = tests;
  const loaded = loadRuleFile(JSON.stringify(file), { runTests: false });
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return runRuleFileTests(loaded.policy, loaded.json);
}

function withMoreLimits(): Json {
  const file = goodFile();
  file.limits.push(
    { buyer: 'OLD', amount: 3000, validFrom: '2027-01-01', validTo: '2027-02-28' },
    { buyer: 'OLD', amount: 4000, validFrom: '2027-03-01', validTo: '2027-03-31' },
    { buyer: 'NEW', amount: 7000, validFrom: '2027-09-01', validTo: null },
  );
  return file;
}

// Limits of the good file: 012345678 has 50,000.25 to 2027-06-30, then 20,000; FR40303265045 has 15,000 always.
// The policy: named 92.5 %, discretionary 70 %, discretionary limit 10,000; GP/MQ capped at 12,500.50; BTP at 80 %.
const passing: [string, RuleTestJson][] = [
  [
    'named limit in force at asOf',
    {
      name: 't',
      asOf: '2027-03-01',
      facts: { buyerId: '012345678' },
      expect: { limit: 50000.25, limitKind: 'named', indemnityPercent: 92.5 },
    },
  ],
  [
    'the next named limit once the first has ended',
    { name: 't', asOf: '2027-08-01', facts: { buyerId: '012345678' }, expect: { limit: 20000, limitKind: 'named' } },
  ],
  ['asOf defaults to the policy start', { name: 't', facts: { buyerId: '012345678' }, expect: { limit: 50000.25 } }],
  [
    'an open-ended limit',
    {
      name: 't',
      asOf: '2027-12-31',
      facts: { buyerId: 'FR40303265045' },
      expect: { limit: 15000, limitKind: 'named' },
    },
  ],
  [
    'none in force: the latest by start date',
    { name: 't', asOf: '2027-06-01', facts: { buyerId: 'OLD' }, expect: { limit: 4000, limitKind: 'named' } },
  ],
  [
    'none in force yet: the latest, even if it starts later',
    { name: 't', asOf: '2027-03-01', facts: { buyerId: 'NEW' }, expect: { limit: 7000, limitKind: 'named' } },
  ],
  [
    'no named limit: the discretionary one',
    {
      name: 't',
      facts: { buyerId: 'UNKNOWN' },
      expect: { limit: 10000, limitKind: 'discretionary', indemnityPercent: 70 },
    },
  ],
  [
    'no buyer id: the discretionary limit',
    { name: 't', facts: {}, expect: { limitKind: 'discretionary', excluded: false, flags: [] } },
  ],
  [
    'a limit event caps a named limit',
    { name: 't', asOf: '2027-03-01', facts: { buyerId: '012345678', country: 'GP' }, expect: { limit: 12500.5 } },
  ],
  [
    'a limit event above the discretionary limit leaves it',
    { name: 't', facts: { country: 'MQ' }, expect: { limit: 10000 } },
  ],
  [
    'an indemnity event lowers the named percent',
    { name: 't', facts: { buyerId: 'FR40303265045', sector: 'BTP' }, expect: { indemnityPercent: 80 } },
  ],
  ['an indemnity event never raises it', { name: 't', facts: { sector: 'BTP' }, expect: { indemnityPercent: 70 } }],
  [
    'namedLimit given as a fact makes the buyer named',
    { name: 't', facts: { namedLimit: 3000 }, expect: { limit: 3000, limitKind: 'named', indemnityPercent: 92.5 } },
  ],
  [
    'namedLimit null as a fact makes a listed buyer discretionary',
    { name: 't', facts: { buyerId: 'FR40303265045', namedLimit: null }, expect: { limitKind: 'discretionary' } },
  ],
  [
    'flags are a set, in any order',
    {
      name: 't',
      facts: { namedLimit: 3000, buyerExposure: 3000.01, daysOverdue: 61 },
      expect: { flags: ['overdue-60', 'over-limit'] },
    },
  ],
  ['an exclusion', { name: 't', facts: { country: 'KP' }, expect: { excluded: 'sanctioned-country' } }],
];

describe('embedded tests', () => {
  it.each(passing)('%s', (_what, test) => {
    expect(run(withMoreLimits(), [test])).toEqual([{ name: 't', passed: true, message: '' }]);
  });

  it('defaults currency to the policy currency and leaves other facts null', () => {
    const file = goodFile();
    file.rules.push(
      {
        name: 'foreign-currency',
        conditions: { all: [{ fact: 'currency', operator: 'notEqual', value: 'EUR' }] },
        event: { type: 'flag', params: { code: 'fx', message: 'foreign currency' } },
      },
      {
        name: 'no-dispute-info',
        conditions: { all: [{ fact: 'disputed', operator: 'equal', value: null }] },
        event: { type: 'flag', params: { code: 'dispute-unknown', message: 'dispute unknown' } },
      },
    );
    expect(
      run(file, [
        { name: 'euro', facts: {}, expect: { flags: ['dispute-unknown'] } },
        { name: 'dollar', facts: { currency: 'USD', disputed: false }, expect: { flags: ['fx'] } },
      ]).map((r) => r.passed),
    ).toEqual([true, true]);
  });

  it('gives no limit and the discretionary percent to a buyer without any limit when there is no discretionary limit', () => {
    const file = goodFile();
    file.policy.discretionaryLimit = 0;
    expect(
      run(file, [
        { name: 't', facts: { buyerId: 'X' }, expect: { limit: 0, limitKind: 'none', indemnityPercent: 70 } },
      ])[0].passed,
    ).toBe(true);
  });

  it('says what was expected and what came out', () => {
    const results = run(goodFile(), [
      { name: 'wrong exclusion', facts: { country: 'RU' }, expect: { excluded: false } },
      { name: 'missing exclusion', facts: { country: 'FR' }, expect: { excluded: 'sanctioned-country' } },
      { name: 'extra flag', facts: { daysOverdue: 90 }, expect: { flags: [] } },
      { name: 'wrong percent', facts: { sector: 'BTP', namedLimit: 1 }, expect: { indemnityPercent: 92.5 } },
      { name: 'fine', facts: {}, expect: { excluded: false } },
    ]);
    expect(results).toEqual([
      { name: 'wrong exclusion', passed: false, message: 'expected not excluded, got excluded "sanctioned-country"' },
      { name: 'missing exclusion', passed: false, message: 'expected excluded "sanctioned-country", got not excluded' },
      { name: 'extra flag', passed: false, message: 'expected flags [], got ["overdue-60"]' },
      { name: 'wrong percent', passed: false, message: 'expected indemnityPercent 92.5, got 80' },
      { name: 'fine', passed: true, message: '' },
    ]);
  });

  it('returns nothing for a file without tests', () => {
    const file = goodFile();
    delete file.tests;
    const loaded = loadRuleFile(JSON.stringify(file));
    expect(loaded.ok && runRuleFileTests(loaded.policy, loaded.json)).toEqual([]);
  });
});
