/**
 * What changed between two versions of a rule file (rules/diff.ts), on the sample file.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { diffRuleFiles, type RuleFileJson } from '../../src/rules';
import type { Json } from './fixtures';

const sample = (): Json => JSON.parse(readFileSync(path.resolve(__dirname, '../../rules/fr-pme-globale.json'), 'utf8'));

function diffAfter(edit: (j: Json) => void) {
  const after = sample();
  edit(after);
  return diffRuleFiles(sample() as RuleFileJson, after as RuleFileJson);
}

describe('diffRuleFiles', () => {
  test('a file and itself, reformatted, with its keys in another order and another $schema: identical', () => {
    const a = sample();
    const reversed = (o: Json): Json => Object.fromEntries(Object.entries(o).reverse());
    const b = reversed({ ...a, policy: reversed(a.policy) });
    b.$schema = 'https://example.org/schema.json';
    const d = diffRuleFiles(a, b);
    expect(d.identical).toBe(true);
    expect(d).toEqual({
      identical: true,
      policy: [],
      cost: [],
      limits: [],
      rules: [],
      fxRates: [],
      tests: { before: 20, after: 20, changed: false },
    });
  });

  test('policy and cost terms: old → new, added and removed', () => {
    const d = diffAfter((j) => {
      j.policy.version = '2.0.0';
      j.policy.indemnityPercent.named = 85;
      j.policy.carenceDays = 60;
      delete j.policy.maxLiability;
      j.policy.vat.rate = 5.5;
      j.cost.premium = { basis: 'fixed', amount: 12000 };
    });
    expect(d.identical).toBe(false);
    expect(d.policy).toEqual([
      { path: 'version', before: '1.1.0', after: '2.0.0' },
      { path: 'indemnityPercent.named', before: 90, after: 85 },
      { path: 'carenceDays', before: 30, after: 60 },
      { path: 'maxLiability', before: 375000, after: undefined },
      { path: 'vat.rate', before: 20, after: 5.5 },
    ]);
    expect(d.cost).toEqual([
      { path: 'premium.basis', before: 'insuredTurnover', after: 'fixed' },
      { path: 'premium.ratePercent', before: 0.3, after: undefined },
      { path: 'premium.minimum', before: 9000, after: undefined },
      { path: 'premium.amount', before: undefined, after: 12000 },
    ]);
  });

  test('limits per buyer: added, removed, changed (also a note), entry order ignored', () => {
    const d = diffAfter((j) => {
      j.limits[0].amount = 30000; // 054321872
      j.limits = j.limits.filter((l: Json) => l.buyer !== '065214785');
      j.limits.push({ buyer: '999888777', amount: 5000, validFrom: '2027-05-01', validTo: null });
      j.limits[1].note = 'nouvelle note'; // 321456980
      // 412369852's two entries swapped: the same limits.
      [j.limits[2], j.limits[3]] = [j.limits[3], j.limits[2]];
    });
    expect(d.limits.map((c) => [c.buyer, c.change])).toEqual([
      ['054321872', 'changed'],
      ['321456980', 'changed'],
      ['065214785', 'removed'],
      ['999888777', 'added'],
    ]);
    expect(d.limits[0].before.map((l) => l.amount)).toEqual([40000]);
    expect(d.limits[0].after.map((l) => l.amount)).toEqual([30000]);
  });

  test('rules by name: conditions, event, priority, description, position; added and removed', () => {
    const d = diffAfter((j) => {
      j.rules[0].conditions.all[0].value.push('Individu'); // particuliers-exclus
      j.rules[5].event.params.percent = 75; // quotite-btp
      j.rules[2].priority = 16; // acheteurs-publics-exclus
      j.rules[3].description = 'autre'; // acheteurs-hors-france
      j.rules = j.rules.filter((r: Json) => r.name !== 'impaye-plus-de-60-jours');
      j.rules.push({
        name: 'nouvelle',
        conditions: { all: [{ fact: 'sector', operator: 'equal', value: 'x' }] },
        event: { type: 'flag', params: { code: 'x', message: 'x' } },
      });
    });
    expect(d.rules.map((c) => [c.name, c.change, c.fields])).toEqual([
      ['particuliers-exclus', 'changed', ['conditions']],
      ['acheteurs-publics-exclus', 'changed', ['priority']],
      ['acheteurs-hors-france', 'changed', ['description']],
      ['quotite-btp', 'changed', ['event']],
      ['impaye-plus-de-60-jours', 'removed', []],
      ['nouvelle', 'added', []],
    ]);
  });

  test('a rule moved: only that one changes position; an explicit default priority is no change', () => {
    const d = diffAfter((j) => {
      const [first] = j.rules.splice(0, 1);
      j.rules.push(first);
      j.rules[0].priority = 20; // societes-liees-exclues already has 20
      j.rules[4].priority = 1; // quotite-btp: absent means 1
    });
    expect(d.rules.map((c) => [c.name, c.fields])).toEqual([['particuliers-exclus', ['order']]]);
  });

  test('exchange rates and tests', () => {
    const d = diffAfter((j) => {
      j.fxRates.CHF = 1.04;
      delete j.fxRates.GBP;
      j.fxRates.USD = 0.93;
      j.tests[0].name = 'renamed';
      j.tests.pop();
    });
    expect(d.fxRates).toEqual([
      { currency: 'CHF', before: null, after: 1.04 },
      { currency: 'GBP', before: 1.17, after: null },
      { currency: 'USD', before: 0.92, after: 0.93 },
    ]);
    expect(d.tests).toEqual({ before: 20, after: 19, changed: true });
    expect(diffAfter((j) => (j.tests[0].name = 'renamed')).tests).toEqual({ before: 20, after: 20, changed: true });
  });
});
