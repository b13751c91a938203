/**
 * The whole evaluation, run twice on random ledgers and random policies: once with the compiled
 * rules the core uses, once with every rule decision taken by json-rules-engine itself. Statuses,
 * reasons, flags and amounts must be identical.
 */
import fc from 'fast-check';
import {
  evaluate,
  type BuyerFacts,
  type InvoiceFacts,
  type InvoiceLedger,
  type Policy,
  type RuleEffect,
  type RuleSet,
} from '../../src/domain';
import { compileRules } from '../../src/rules';
import { referenceEffects } from '../../src/rules/reference';
import type { ConditionJson, RuleJson } from '../../src/rules';
import { day, policy as buildPolicy } from '../helpers/build';

const START = day('2027-01-01');
const COUNTRIES = ['FR', 'DE', 'RU', 'US', 'EG'];
const BUYERS = ['B1', 'B2', 'B3', 'B4', 'B5'];

// Leaves shaped like a broker's conditions, with random thresholds so that they fire on some rows and not others.
const leaf: fc.Arbitrary<ConditionJson> = fc.oneof(
  fc
    .subarray(COUNTRIES, { minLength: 1 })
    .map((v) => ({ fact: 'country' as const, operator: 'in' as const, value: v })),
  fc.constantFrom('FR', 'DE').map((v) => ({ fact: 'country' as const, operator: 'notEqual' as const, value: v })),
  fc
    .integer({ min: 0, max: 200 })
    .map((v) => ({ fact: 'daysOverdue' as const, operator: 'greaterThan' as const, value: v })),
  fc
    .integer({ min: 0, max: 20000 })
    .map((v) => ({ fact: 'openAmount' as const, operator: 'greaterThanInclusive' as const, value: v })),
  fc
    .integer({ min: 0, max: 50000 })
    .map((v) => ({ fact: 'buyerExposure' as const, operator: 'lessThan' as const, value: v })),
  fc
    .integer({ min: 0, max: 200 })
    .map((v) => ({ fact: 'buyerMaxDaysOverdue' as const, operator: 'lessThanInclusive' as const, value: v })),
  fc.constant({ fact: 'disputed' as const, operator: 'equal' as const, value: true }),
  fc.constantFrom('USD', 'EUR').map((v) => ({ fact: 'currency' as const, operator: 'equal' as const, value: v })),
  fc.constant({
    fact: 'namedLimit' as const,
    operator: 'lessThan' as const,
    value: { fact: 'buyerExposure' as const },
  }),
  fc
    .integer({ min: 0, max: 120 })
    .map((v) => ({ fact: 'creditPeriodDays' as const, operator: 'greaterThan' as const, value: v })),
);

const condition: fc.Arbitrary<ConditionJson> = fc.oneof(
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((all) => ({ all })),
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((any) => ({ any })),
  leaf.map((c) => ({ all: [{ not: c }] })),
);

const BUYER_FACTS = new Set(['country', 'buyerExposure', 'buyerMaxDaysOverdue', 'namedLimit']);
const onlyBuyerFacts = (c: ConditionJson): boolean =>
  JSON.stringify(c)
    .match(/"fact":"(\w+)"/g)!
    .every((m) => BUYER_FACTS.has(m.slice(8, -1)));

const ruleArb = fc.record({
  conditions: condition,
  priority: fc.integer({ min: 1, max: 5 }),
  kind: fc.constantFrom('exclude', 'flag', 'limit', 'indemnity'),
  amount: fc.integer({ min: 0, max: 30000 }),
  percent: fc.integer({ min: 50, max: 95 }),
  reason: fc.constantFrom('a', 'b', 'c'),
});

const rulesArb = fc.array(ruleArb, { maxLength: 6 }).map((specs) =>
  specs
    // limit and indemnity rules may only use buyer facts (the loader refuses the others).
    .filter((s) => (s.kind !== 'limit' && s.kind !== 'indemnity') || onlyBuyerFacts(s.conditions))
    .map((s, i): RuleJson => {
      const event =
        s.kind === 'exclude'
          ? { type: 'exclude' as const, params: { reason: s.reason } }
          : s.kind === 'flag'
            ? { type: 'flag' as const, params: { code: `f-${s.reason}`, message: `flag ${s.reason}` } }
            : s.kind === 'limit'
              ? { type: 'limit' as const, params: { max: s.amount } }
              : { type: 'indemnity' as const, params: { percent: s.percent } };
      return { name: `rule-${i}`, priority: s.priority, conditions: s.conditions, event } as RuleJson;
    }),
);

const ledgerArb = fc
  .array(
    fc.record({
      buyer: fc.constantFrom(...BUYERS),
      date: fc.integer({ min: START - 30, max: START + 300 }),
      term: fc.integer({ min: 0, max: 150 }),
      open: fc.integer({ min: -200_000, max: 2_000_000 }),
      usd: fc.boolean(),
      disputed: fc.constantFrom(null, true, false),
    }),
    { maxLength: 25 },
  )
  .map((rows): InvoiceLedger => ({
    kind: 'invoice',
    hasAmountColumn: false,
    rowsRead: rows.length,
    rowsSkipped: 0,
    diagnostics: [],
    invoices: rows.map((r, i) => ({
      row: i + 2,
      buyerId: r.buyer,
      buyerName: null,
      country: COUNTRIES[BUYERS.indexOf(r.buyer)],
      sector: null,
      buyerType: null,
      invoiceNo: `F${i}`,
      invoiceDate: r.date,
      dueDate: r.date + r.term,
      open: r.open,
      amount: null,
      currency: r.usd ? 'USD' : null,
      disputed: r.disputed,
      declaredOn: null,
    })),
  }));

/** Records every fact set the core asks about (copies: the core reuses its facts objects). */
function recording(rules: RuleSet, buyer: BuyerFacts[], invoice: InvoiceFacts[]): RuleSet {
  return {
    invoiceRuleNames: rules.invoiceRuleNames,
    buyerEffects: (f) => (buyer.push({ ...f }), rules.buyerEffects(f)),
    invoiceEffects: (f) => (invoice.push({ ...f }), rules.invoiceEffects(f)),
  };
}

async function referenceRuleSet(
  rules: RuleJson[],
  compiled: RuleSet,
  buyer: BuyerFacts[],
  invoice: InvoiceFacts[],
): Promise<RuleSet> {
  const invoiceNames = new Set(compiled.invoiceRuleNames);
  const buyerRules = rules.filter((r) => !invoiceNames.has(r.name));
  const invoiceRules = rules.filter((r) => invoiceNames.has(r.name));
  const answers = new Map<string, RuleEffect[]>();
  // One engine run at a time: json-rules-engine must not run concurrently on shared state.
  for (const f of buyer) answers.set('b' + JSON.stringify(f), await referenceEffects(buyerRules, f));
  for (const f of invoice) answers.set('i' + JSON.stringify(f), await referenceEffects(invoiceRules, f));
  const answer = (key: string): RuleEffect[] => {
    const effects = answers.get(key);
    if (!effects) throw new Error(`the second run asked about facts the first did not: ${key}`);
    return effects;
  };
  return {
    invoiceRuleNames: compiled.invoiceRuleNames,
    buyerEffects: (f) => answer('b' + JSON.stringify(f)),
    invoiceEffects: (f) => answer('i' + JSON.stringify(f)),
  };
}

test('compiled rules and json-rules-engine give the same evaluation on 200 random ledger/policy pairs', async () => {
  let fired = 0;
  await fc.assert(
    fc.asyncProperty(ledgerArb, rulesArb, fc.integer({ min: START, max: START + 400 }), async (ledger, rules, asOf) => {
      const base = buildPolicy(
        { discretionaryLimit: 8000, declarationDeadlineDays: 60, maxExtensionDays: 60 },
        [{ buyer: 'B1', amount: 20000, validFrom: '2027-01-01' }],
        [],
        { USD: 0.9 },
      );
      const compiled = compileRules(rules);
      const buyer: BuyerFacts[] = [];
      const invoice: InvoiceFacts[] = [];
      const withCompiled: Policy = { ...base, rules: recording(compiled, buyer, invoice) };
      const first = evaluate(ledger, withCompiled, { asOf });
      const withReference: Policy = { ...base, rules: await referenceRuleSet(rules, compiled, buyer, invoice) };
      const second = evaluate(ledger, withReference, { asOf });
      expect(second).toEqual(first);
      if (first.invoices.some((i) => i.reasons.some((r) => r.startsWith('rule:')) || i.flags.length > 0)) fired++;
    }),
    { seed: 6, numRuns: 200 },
  );
  // The comparison means something only if rules actually fire on a good share of the cases.
  expect(fired).toBeGreaterThan(50);
}, 120_000);
