import type { FactName, RuleEffect } from '../../src/domain/types';
import { compileRules, type ConditionJson, type RuleJson } from '../../src/rules';
import { referenceEffects } from '../../src/rules/reference';
import { compileCondition } from '../../src/rules/compile';
import { buyerFacts, invoiceFacts, type Json } from './fixtures';

const FLAG = { type: 'flag', params: { code: 'hit', message: 'hit' } } as const;

function flagRule(conditions: ConditionJson, name = 'r'): RuleJson {
  return { name, conditions: conditions as RuleJson['conditions'], event: FLAG };
}

/** Both implementations on one condition: the compiled closure and json-rules-engine itself. */
async function bothHold(conditions: ConditionJson, facts: Json): Promise<[boolean, boolean]> {
  const compiled = compileCondition(conditions)(facts);
  const reference = (await referenceEffects([flagRule(conditions)], facts)).length === 1;
  return [compiled, reference];
}

type OperatorCase = [what: string, fact: FactName, operator: string, value: unknown, facts: Json, expected: boolean];

/**
 * Expected values worked out from json-rules-engine 7.3.1's source: `evaluate(a, b) = validator(a) && cb(a, b)`
 * with `a` the fact value; numeric operators validate with `parseFloat(a).toString() !== 'NaN'` and then
 * compare with JavaScript's own `<`; `in` is `b.indexOf(a) > -1`; `contains` requires an array fact.
 */
const operatorCases: OperatorCase[] = [
  ['equal, same text', 'country', 'equal', 'FR', { country: 'FR' }, true],
  ['equal is case-sensitive', 'country', 'equal', 'fr', { country: 'FR' }, false],
  ['equal is strict: 12 is not "12"', 'buyerExposure', 'equal', '12', { buyerExposure: 12 }, false],
  ['equal null to null', 'country', 'equal', null, { country: null }, true],
  ['equal null to false', 'disputed', 'equal', false, { disputed: null }, false],
  ['equal 0 to -0', 'namedLimit', 'equal', -0, { namedLimit: 0 }, true],
  ['notEqual null to a text', 'country', 'notEqual', 'FR', { country: null }, true],
  ['notEqual null to null', 'country', 'notEqual', null, { country: null }, false],
  ['lessThan, smaller', 'buyerExposure', 'lessThan', 10, { buyerExposure: 5 }, true],
  ['lessThan, equal', 'buyerExposure', 'lessThan', 10, { buyerExposure: 10 }, false],
  ['lessThan on null', 'buyerExposure', 'lessThan', 10, { buyerExposure: null }, false],
  ['lessThan on "12": parses, then "12" < 100', 'buyerId', 'lessThan', 100, { buyerId: '12' }, true],
  ['lessThan on "12abc": parses as 12, compares as NaN', 'buyerId', 'lessThan', 100, { buyerId: '12abc' }, false],
  ['lessThan on "": fails the number check although "" < 10', 'buyerId', 'lessThan', 10, { buyerId: '' }, false],
  [
    'lessThan on true: fails the number check although true < 10',
    'disputed',
    'lessThan',
    10,
    { disputed: true },
    false,
  ],
  ['lessThan on " 7"', 'buyerId', 'lessThan', 10, { buyerId: ' 7' }, true],
  ['lessThanInclusive, equal', 'buyerExposure', 'lessThanInclusive', 10, { buyerExposure: 10 }, true],
  ['lessThanInclusive, negative', 'buyerExposure', 'lessThanInclusive', -1, { buyerExposure: -0.5 }, false],
  ['greaterThan on "0x10": parses as 0, compares as 16', 'buyerId', 'greaterThan', 5, { buyerId: '0x10' }, true],
  [
    'greaterThan on a date: parses as 2027, compares as NaN',
    'invoiceDate',
    'greaterThan',
    2000,
    { invoiceDate: '2027-03-01' },
    false,
  ],
  ['greaterThan on "Infinity"', 'buyerId', 'greaterThan', 1e308, { buyerId: 'Infinity' }, true],
  [
    'greaterThan a null fact: 100 > null',
    'buyerExposure',
    'greaterThan',
    { fact: 'namedLimit' },
    { buyerExposure: 100, namedLimit: null },
    true,
  ],
  [
    'greaterThan between texts compares texts: "9" > "10"',
    'buyerId',
    'greaterThan',
    { fact: 'country' },
    { buyerId: '9', country: '10' },
    true,
  ],
  [
    'greaterThanInclusive another fact, equal',
    'buyerExposure',
    'greaterThanInclusive',
    { fact: 'namedLimit' },
    { buyerExposure: 100, namedLimit: 100 },
    true,
  ],
  [
    'greaterThanInclusive another fact, below',
    'buyerExposure',
    'greaterThanInclusive',
    { fact: 'namedLimit' },
    { buyerExposure: 99.99, namedLimit: 100 },
    false,
  ],
  ['in, listed', 'country', 'in', ['RU', 'BY'], { country: 'RU' }, true],
  ['in, null not listed', 'country', 'in', ['RU'], { country: null }, false],
  ['in, null listed', 'country', 'in', [null], { country: null }, true],
  ['in is strict: 1 is not "1"', 'buyerExposure', 'in', ['1'], { buyerExposure: 1 }, false],
  ['in is not a substring test', 'country', 'in', ['RU'], { country: 'R' }, false],
  ['notIn, null not listed', 'country', 'notIn', ['RU'], { country: null }, true],
  ['notIn, listed', 'country', 'notIn', ['RU', 'BY'], { country: 'RU' }, false],
  ['notIn an empty list', 'country', 'notIn', [], { country: 'FR' }, true],
  ['contains on a text fact is false', 'buyerName', 'contains', 'SARL', { buyerName: 'DUPONT SARL' }, false],
  ['contains on a list fact', 'sector', 'contains', 'BTP', { sector: ['BTP', 'x'] }, true],
  ['doesNotContain on a text fact is false too', 'buyerName', 'doesNotContain', 'X', { buyerName: 'DUPONT' }, false],
  ['doesNotContain on a list fact', 'sector', 'doesNotContain', 'X', { sector: ['BTP'] }, true],
  ['doesNotContain on null', 'sector', 'doesNotContain', 'X', { sector: null }, false],
];

describe('operators, compiled and in json-rules-engine', () => {
  it.each(operatorCases)('%s', async (_what, fact, operator, value, overrides, expected) => {
    const condition = { all: [{ fact, operator, value }] } as ConditionJson;
    expect(await bothHold(condition, invoiceFacts(overrides))).toEqual([expected, expected]);
  });
});

const yes = { fact: 'country', operator: 'equal', value: 'FR' } as const;
const no = { fact: 'country', operator: 'equal', value: 'DE' } as const;

describe('all, any and not', () => {
  it.each<[string, Json, boolean]>([
    ['all of nothing holds', { all: [] }, true],
    ['any of nothing holds too (json-rules-engine)', { any: [] }, true],
    ['not any of nothing', { not: { any: [] } }, false],
    ['any with one true', { any: [no, yes] }, true],
    ['all with one false', { all: [yes, no] }, false],
    ['all of one', { all: [no] }, false],
    ['not of all with one false', { not: { all: [yes, no] } }, true],
    ['not of a comparison', { not: yes }, false],
    ['nested', { any: [{ all: [yes, { not: no }] }, no] }, true],
    ['nested, failing deep', { all: [{ any: [no, { not: { not: no } }] }] }, false],
  ])('%s', async (_what, condition, expected) => {
    expect(await bothHold(condition, invoiceFacts({ country: 'FR' }))).toEqual([expected, expected]);
  });
});

describe('compileRules', () => {
  const exclude = (name: string, priority: number | undefined, fact: FactName = 'country'): RuleJson => ({
    name,
    ...(priority === undefined ? {} : { priority }),
    conditions: { all: [{ fact, operator: 'notEqual', value: 'nowhere' }] },
    event: { type: 'exclude', params: { reason: name } },
  });

  it('runs higher priorities first, then file order, as the engine does', async () => {
    const rules = [exclude('a', undefined), exclude('b', 5), exclude('c', 5), exclude('d', 2)];
    const expected: RuleEffect[] = [
      { type: 'exclude', reason: 'b', priority: 5, order: 1 },
      { type: 'exclude', reason: 'c', priority: 5, order: 2 },
      { type: 'exclude', reason: 'd', priority: 2, order: 3 },
      { type: 'exclude', reason: 'a', priority: 1, order: 0 },
    ];
    expect(compileRules(rules).buyerEffects(buyerFacts())).toEqual(expected);
    expect(await referenceEffects(rules, buyerFacts())).toEqual(expected);
  });

  it('puts a rule that names any invoice fact, even as a value, among the invoice rules', () => {
    const onValue: RuleJson = {
      name: 'exposure-above-invoice',
      conditions: { any: [{ fact: 'buyerExposure', operator: 'greaterThan', value: { fact: 'openAmount' } }] },
      event: FLAG,
    };
    const set = compileRules([exclude('buyer-only', 1), exclude('on-invoice', 1, 'currency'), onValue]);
    expect(set.invoiceRuleNames).toEqual(['on-invoice', 'exposure-above-invoice']);
    expect(set.buyerEffects(buyerFacts())).toEqual([{ type: 'exclude', reason: 'buyer-only', priority: 1, order: 0 }]);
    expect(set.invoiceEffects(invoiceFacts({ buyerExposure: 10, openAmount: 5 }))).toEqual([
      { type: 'exclude', reason: 'on-invoice', priority: 1, order: 1 },
      { type: 'flag', code: 'hit', message: 'hit' },
    ]);
  });

  it('converts event parameters to cents and exact ratios', () => {
    const always = { all: [] };
    const set = compileRules([
      { name: 'cap', conditions: always, event: { type: 'limit', params: { max: 12500.5 } } },
      { name: 'pct', conditions: always, event: { type: 'indemnity', params: { percent: 92.5 } } },
      { name: 'zero', conditions: always, event: { type: 'limit', params: { max: 0 } } },
    ]);
    expect(set.buyerEffects(buyerFacts())).toEqual([
      { type: 'limit', max: 1_250_050 },
      { type: 'indemnity', percent: { num: 925, den: 10 } },
      { type: 'limit', max: 0 },
    ]);
  });

  it('returns a new list each time, of effects nobody can change', () => {
    const set = compileRules([exclude('a', 1)]);
    const first = set.buyerEffects(buyerFacts());
    first.pop();
    const second = set.buyerEffects(buyerFacts());
    expect(second).toHaveLength(1);
    expect(Object.isFrozen(second[0])).toBe(true);
  });
});
