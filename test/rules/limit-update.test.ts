/**
 * An insurer's limit decisions merged into a rule file's limits (rules/limit-update.ts): entries of
 * a buyer never overlap, a cancellation is 0, a refusal keeps a limit in force, a re-import changes
 * nothing, and the version bump follows the broker's guide.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  applyLimitDecisions,
  bumpVersion,
  loadRuleFileJson,
  LimitUpdateError,
  type LimitDecision,
  type RuleFileJson,
} from '../../src/rules';

const sample = (): RuleFileJson =>
  JSON.parse(readFileSync(path.resolve(__dirname, '../../rules/fr-pme-globale.json'), 'utf8')) as RuleFileJson;

let row = 10;
const decision = (
  d: Partial<LimitDecision> & Pick<LimitDecision, 'buyer' | 'decision' | 'validFrom'>,
): LimitDecision => ({
  row: row++,
  amount: null,
  validTo: null,
  note: null,
  ...d,
});

const entries = (json: RuleFileJson, buyer: string) =>
  (json.limits ?? []).filter((l) => l.buyer === buyer).map((l) => [l.amount, l.validFrom, l.validTo]);

describe('applyLimitDecisions', () => {
  test('a reduction ends the entry in force the day before, and the file still loads', () => {
    // 054321872 has 40,000 from 2027-01-01, open-ended; reduced to 25,000 from 2027-07-01.
    const u = applyLimitDecisions(sample(), [
      decision({ buyer: '054321872', decision: 'reduced', amount: 25000, validFrom: '2027-07-01' }),
    ]);
    expect(entries(u.json, '054321872')).toEqual([
      [40000, '2027-01-01', '2027-06-30'],
      [25000, '2027-07-01', null],
    ]);
    expect(u.applied.map((a) => [a.kind, a.before, a.after])).toEqual([['reduced', 40000, 25000]]);
    expect(u.bump).toBe('major');
    expect(loadRuleFileJson(u.json).ok).toBe(true);
  });

  test('a decision before an entry the file already has stops the day before it', () => {
    // 412369852: 30,000 01-01 → 06-30, 15,000 from 07-01. Reduced to 20,000 from 05-01:
    // the first entry now ends 04-30, the new one 06-30, and the July entry stays.
    const u = applyLimitDecisions(sample(), [
      decision({ buyer: '412369852', decision: 'reduced', amount: 20000, validFrom: '2027-05-01' }),
    ]);
    expect(entries(u.json, '412369852')).toEqual([
      [30000, '2027-01-01', '2027-04-30'],
      [20000, '2027-05-01', '2027-06-30'],
      [15000, '2027-07-01', null],
    ]);
    expect(u.applied[0].endsBefore).toBe('2027-07-01');
  });

  test('cancelled: 0 whatever the export says; refused keeps a limit in force, else 0', () => {
    const u = applyLimitDecisions(sample(), [
      decision({ buyer: '441236585', decision: 'cancelled', amount: 60000, validFrom: '2027-06-01' }),
      decision({ buyer: '789456126', decision: 'refused', amount: 50000, validFrom: '2027-06-01' }),
      decision({ buyer: '556677889', decision: 'refused', amount: 8000, validFrom: '2027-06-01', note: 'Négoce' }),
    ]);
    expect(entries(u.json, '441236585')).toEqual([
      [60000, '2027-01-01', '2027-05-31'],
      [0, '2027-06-01', null],
    ]);
    expect(entries(u.json, '789456126')).toEqual([[35000, '2027-01-01', null]]);
    expect(entries(u.json, '556677889')).toEqual([[0, '2027-06-01', null]]);
    expect(u.json.limits?.at(-1)).toEqual({
      buyer: '556677889',
      amount: 0,
      validFrom: '2027-06-01',
      validTo: null,
      note: 'Négoce',
    });
    expect(u.applied.map((a) => a.kind)).toEqual(['cancelled', 'refused-kept', 'refused']);
  });

  test('a new buyer and an increase: minor; the same entry again: unchanged, nothing to bump', () => {
    const u = applyLimitDecisions(sample(), [
      decision({
        buyer: '112233445',
        decision: 'granted',
        amount: 12500,
        validFrom: '2027-06-01',
        validTo: '2027-12-31',
      }),
      decision({ buyer: '321456980', decision: 'granted', amount: 35000, validFrom: '2027-06-15' }),
      decision({ buyer: '054321872', decision: 'granted', amount: 40000, validFrom: '2027-01-01' }),
    ]);
    expect(u.applied.map((a) => a.kind)).toEqual(['unchanged', 'added', 'increased']);
    expect(u.bump).toBe('minor');
    // The broker's note on an entry the file has is kept.
    expect(u.json.limits?.[0].note).toBe('Boulangeries Martin SAS, Lyon');
    const again = applyLimitDecisions(u.json, [
      decision({
        buyer: '112233445',
        decision: 'granted',
        amount: 12500,
        validFrom: '2027-06-01',
        validTo: '2027-12-31',
      }),
      decision({ buyer: '321456980', decision: 'granted', amount: 35000, validFrom: '2027-06-15' }),
    ]);
    expect(again.applied.map((a) => a.kind)).toEqual(['unchanged', 'unchanged']);
    expect(again.bump).toBeNull();
    expect(again.json).toEqual(u.json);
  });

  test("new entries go in date order among the buyer's entries; decisions apply in date order", () => {
    const u = applyLimitDecisions(sample(), [
      decision({ buyer: '054321872', decision: 'reduced', amount: 20000, validFrom: '2027-09-01' }),
      decision({ buyer: '054321872', decision: 'reduced', amount: 30000, validFrom: '2027-07-01' }),
    ]);
    expect(u.json.limits?.slice(0, 4).map((l) => [l.buyer, l.amount, l.validFrom, l.validTo])).toEqual([
      ['054321872', 40000, '2027-01-01', '2027-06-30'],
      ['054321872', 30000, '2027-07-01', '2027-08-31'],
      ['054321872', 20000, '2027-09-01', null],
      ['321456980', 25000, '2027-01-01', null],
    ]);
  });

  test('errors name the row: no amount for a grant, an end before the start', () => {
    expect(() =>
      applyLimitDecisions(sample(), [
        { row: 7, buyer: 'X', decision: 'granted', amount: null, validFrom: '2027-06-01', validTo: null, note: null },
      ]),
    ).toThrow(new LimitUpdateError('row 7: a granted limit needs an amount (buyer X)', 7));
    expect(() =>
      applyLimitDecisions(sample(), [
        {
          row: 8,
          buyer: 'X',
          decision: 'granted',
          amount: 5,
          validFrom: '2027-06-01',
          validTo: '2027-05-01',
          note: null,
        },
      ]),
    ).toThrow(/row 8: the limit ends \(2027-05-01\) before it starts \(2027-06-01\)/);
  });
});

describe('bumpVersion', () => {
  test.each([
    ['1.1.0', 'major', '2.0.0'],
    ['1.1.0', 'minor', '1.2.0'],
    ['1.1.9', 'patch', '1.1.10'],
    ['2027.1', 'minor', null],
  ] as const)('%s, %s → %s', (version, level, expected) => {
    expect(bumpVersion(version, level)).toBe(expected);
  });
});
