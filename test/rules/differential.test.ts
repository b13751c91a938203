/**
 * The compiled rules against json-rules-engine itself, on random rules and random facts: the start
 * of the differential test. Fact values deliberately ignore the declared fact types (numbers that
 * are texts, texts that look like numbers, lists, null) because that is where engines differ.
 */
import fc from 'fast-check';
import type { RuleEffect } from '../../src/domain/types';
import { FACT_NAMES, OPERATOR_NAMES, compileRules, type RuleJson } from '../../src/rules';
import { referenceEffects } from '../../src/rules/reference';
import { byRunOrder } from '../../src/rules/effects';
import type { Json } from './fixtures';

const scalar = fc.constantFrom<unknown>(
  null,
  true,
  false,
  0,
  -0,
  1,
  -1,
  12,
  12.5,
  100,
  1e21,
  '12',
  '',
  ' 7',
  '0x10',
  'abc',
  'FR',
  'RU',
  '2027-03-01',
  'Infinity',
  '10',
  '9',
);
const list = fc.array(scalar, { maxLength: 4 });
const fact = fc.constantFrom(...FACT_NAMES);

const leaf = fc.constantFrom(...OPERATOR_NAMES).chain((operator) =>
  fc.record({
    fact,
    operator: fc.constant(operator),
    // in/notIn always get a list, as validation demands (the engine throws on `null.indexOf`).
    value: operator === 'in' || operator === 'notIn' ? list : fc.oneof(scalar, list, fc.record({ fact })),
  }),
);

const { condition, topLevel } = fc.letrec<{ condition: Json; topLevel: Json; all: Json; any: Json; not: Json }>(
  (tie) => ({
    condition: fc.oneof({ depthSize: 'small' }, leaf, tie('all'), tie('any'), tie('not')),
    topLevel: fc.oneof(tie('all'), tie('any'), tie('not')),
    all: fc.record({ all: fc.array(tie('condition'), { maxLength: 3 }) }),
    any: fc.record({ any: fc.array(tie('condition'), { maxLength: 3 }) }),
    not: fc.record({ not: tie('condition') }),
  }),
);

const rules = fc
  .array(fc.record({ conditions: topLevel, priority: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }) }), {
    minLength: 1,
    maxLength: 4,
  })
  .map((drafts) =>
    drafts.map(({ conditions, priority }, i): RuleJson => ({
      name: `r${i}`,
      ...(priority === undefined ? {} : { priority }),
      conditions,
      event: { type: 'exclude', params: { reason: `r${i}` } },
    })),
  );

// Typed as `Json`: the values break the declared fact types on purpose.
const facts: fc.Arbitrary<Json> = fc.record(
  Object.fromEntries(
    FACT_NAMES.map((name) => [name, fc.oneof({ weight: 9, arbitrary: scalar }, { weight: 1, arbitrary: list })]),
  ),
);

function compiled(ruleJson: RuleJson[], values: Json): RuleEffect[] {
  const set = compileRules(ruleJson);
  const all = [...set.buyerEffects(values), ...set.invoiceEffects(values)];
  // The compiled set runs buyer and invoice rules separately; merged, they follow the engine's run order.
  return all.sort((a, b) => (a.type === 'exclude' && b.type === 'exclude' ? byRunOrder(a, b) : 0));
}

describe('compiled rules agree with json-rules-engine', () => {
  it('on random rules and facts', async () => {
    await fc.assert(
      fc.asyncProperty(rules, facts, async (ruleJson, values) => {
        expect(compiled(ruleJson, values)).toEqual(await referenceEffects(ruleJson, values));
      }),
      { numRuns: 400 },
    );
  });

  it('on random single conditions, which fire about as often as not', async () => {
    let fired = 0;
    await fc.assert(
      fc.asyncProperty(condition, facts, async (c, values) => {
        const rule: RuleJson[] = [
          { name: 'r0', conditions: { all: [c] }, event: { type: 'exclude', params: { reason: 'r0' } } },
        ];
        const reference = await referenceEffects(rule, values);
        expect(compiled(rule, values)).toEqual(reference);
        fired += reference.length;
      }),
      { numRuns: 400 },
    );
    // Guards against a generator so lopsided that the property says little.
    expect(fired).toBeGreaterThan(40);
    expect(fired).toBeLessThan(360);
  });
});
