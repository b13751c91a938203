/**
 * Arbitrary ledgers and rule files for the evaluator's fuzz tests. Policies are real rule files
 * (JSON, loaded by `loadRuleFileJson`), so that every generated policy is one a broker could write
 * and the compiled rules are those the product runs.
 */
import fc from 'fast-check';
import { parseIsoDay, type InvoiceLedger, type InvoiceLine, type Policy } from '../../src/domain';
import { loadRuleFileJson, type RuleFileJson, type RuleJson } from '../../src/rules';

export const START = parseIsoDay('2027-01-01') as number;
export const BUYERS = ['B1', 'B2', 'B3', 'B4', 'B5'];

export function isoOf(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

// ---------------------------------------------------------------------------------------------
// Ledgers

const lineArb = fc.record({
  buyerId: fc.constantFrom(...BUYERS),
  invoiceDate: fc.integer({ min: START - 60, max: START + 420 }),
  term: fc.integer({ min: 0, max: 200 }),
  open: fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: 1, max: 5_000_000 }) },
    { weight: 1, arbitrary: fc.integer({ min: -800_000, max: -1 }) },
    { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) },
  ),
  amountExtra: fc.option(fc.integer({ min: 0, max: 100_000 })),
  currency: fc.constantFrom(null, null, 'EUR', 'USD', 'GBP', 'CHF'),
  disputed: fc.constantFrom(null, null, false, true),
  declaredAfterDue: fc.option(fc.integer({ min: -10, max: 120 })),
  country: fc.constantFrom('FR', 'FR', 'DE', 'RU', 'US', null),
  sector: fc.constantFrom('BTP', 'retail', null),
  buyerType: fc.constantFrom('company', 'individual', 'public', null),
});

export const ledgerArb: fc.Arbitrary<InvoiceLedger> = fc
  .array(lineArb, { minLength: 0, maxLength: 40, size: 'medium' })
  .map((rows): InvoiceLedger => {
    // Buyer attributes come from the buyer's first row anyway; keep them consistent for readability.
    const first = new Map<string, (typeof rows)[number]>();
    for (const r of rows) if (!first.has(r.buyerId)) first.set(r.buyerId, r);
    const invoices: InvoiceLine[] = rows.map((r, i) => {
      const b = first.get(r.buyerId) ?? r;
      return {
        row: i + 2,
        buyerId: r.buyerId,
        buyerName: `Name ${r.buyerId}`,
        country: b.country,
        sector: b.sector,
        buyerType: b.buyerType,
        invoiceNo: `F${i}`,
        invoiceDate: r.invoiceDate,
        dueDate: r.invoiceDate + r.term,
        open: r.open,
        amount: r.amountExtra === null ? null : Math.max(r.open, 0) + r.amountExtra,
        currency: r.currency,
        disputed: r.disputed,
        declaredOn: r.declaredAfterDue === null ? null : r.invoiceDate + r.term + r.declaredAfterDue,
      };
    });
    return {
      kind: 'invoice',
      invoices,
      hasAmountColumn: rows.some((r) => r.amountExtra !== null),
      rowsRead: invoices.length,
      rowsSkipped: 0,
      diagnostics: [],
    };
  });

// ---------------------------------------------------------------------------------------------
// Rules

type Leaf = { fact: string; operator: string; value: unknown };

/** Conditions on buyer facts only (allowed for every event type). */
export const buyerLeafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.constantFrom(['RU'], ['DE', 'US'], ['FR']).map((value) => ({ fact: 'country', operator: 'in', value })),
  fc.constantFrom('BTP', 'retail').map((value) => ({ fact: 'sector', operator: 'equal', value })),
  fc.constantFrom('individual', 'public').map((value) => ({ fact: 'buyerType', operator: 'equal', value })),
  fc.integer({ min: 0, max: 60_000 }).map((value) => ({ fact: 'buyerExposure', operator: 'greaterThan', value })),
  fc.integer({ min: 0, max: 200 }).map((value) => ({ fact: 'buyerMaxDaysOverdue', operator: 'greaterThan', value })),
  fc.constantFrom('B1', 'B3').map((value) => ({ fact: 'buyerId', operator: 'equal', value })),
);

/** `namedLimit` is the one fact that depends on the policy: rules on it are kept apart (see the tightenings). */
export const namedLimitLeafArb: fc.Arbitrary<Leaf> = fc
  .integer({ min: 0, max: 60_000 })
  .map((value) => ({ fact: 'namedLimit', operator: 'lessThan', value }));

const invoiceLeafArb: fc.Arbitrary<Leaf> = fc.oneof(
  fc.integer({ min: 0, max: 150 }).map((value) => ({ fact: 'daysOverdue', operator: 'greaterThan', value })),
  fc.integer({ min: 0, max: 40_000 }).map((value) => ({ fact: 'openAmount', operator: 'greaterThanInclusive', value })),
  fc.integer({ min: 0, max: 40_000 }).map((value) => ({ fact: 'invoiceAmount', operator: 'lessThan', value })),
  fc.integer({ min: 0, max: 150 }).map((value) => ({ fact: 'creditPeriodDays', operator: 'greaterThan', value })),
  fc.constant({ fact: 'disputed', operator: 'equal', value: false }),
  fc.constantFrom('USD', 'EUR').map((value) => ({ fact: 'currency', operator: 'equal', value })),
);

const conditionsOf = (leaves: Leaf[], any: boolean, negate: boolean): RuleJson['conditions'] => {
  const group = (any ? { any: leaves } : { all: leaves }) as RuleJson['conditions'];
  return (negate ? { not: group } : group) as RuleJson['conditions'];
};

export interface RuleSpec {
  kind: 'exclude' | 'flag' | 'indemnity' | 'limit';
  leaves: Leaf[];
  any: boolean;
  negate: boolean;
  priority: number;
  param: number;
}

export function ruleArb(kinds: RuleSpec['kind'][], withNamedLimit: boolean): fc.Arbitrary<RuleSpec> {
  return fc.constantFrom(...kinds).chain((kind) => {
    const buyerOnly = kind === 'limit' || kind === 'indemnity';
    const leaf = fc.oneof(
      buyerLeafArb,
      ...(buyerOnly ? [] : [invoiceLeafArb]),
      ...(withNamedLimit ? [namedLimitLeafArb] : []),
    );
    return fc.record({
      kind: fc.constant(kind),
      leaves: fc.array(leaf, { minLength: 1, maxLength: 3 }),
      any: fc.boolean(),
      negate: fc.boolean(),
      priority: fc.integer({ min: 1, max: 20 }),
      param: kind === 'limit' ? fc.integer({ min: 0, max: 40_000 }) : fc.integer({ min: 0, max: 100 }),
    });
  });
}

export function ruleJson(spec: RuleSpec, name: string): RuleJson {
  const conditions = conditionsOf(spec.leaves, spec.any, spec.negate);
  const event =
    spec.kind === 'exclude'
      ? { type: 'exclude', params: { reason: `r-${name}` } }
      : spec.kind === 'flag'
        ? { type: 'flag', params: { code: `f-${name}`, message: `flag ${name}` } }
        : spec.kind === 'indemnity'
          ? { type: 'indemnity', params: { percent: spec.param } }
          : { type: 'limit', params: { max: spec.param } };
  return { name, priority: spec.priority, conditions, event } as RuleJson;
}

// ---------------------------------------------------------------------------------------------
// Rule files

/** A rule file as JSON, fields left out where the policy does not set the term. */
export type RuleFile = Omit<RuleFileJson, 'policy'> & { policy: Record<string, unknown> };

const termsArb = fc.record({
  named: fc.integer({ min: 0, max: 1000 }).map((n) => n / 10),
  discretionary: fc.integer({ min: 0, max: 100 }),
  discretionaryLimit: fc.constantFrom(0, 5000, 20000, 1234.56),
  carenceDays: fc.constantFrom(0, 30, 90),
  maxCreditPeriodDays: fc.constantFrom(null, 60, 120),
  declarationDeadlineDays: fc.constantFrom(null, 30, 60),
  maxExtensionDays: fc.constantFrom(null, 30, 60),
  indemnityWaitingDays: fc.constantFrom(null, 150),
  minimumClaim: fc.constantFrom(0, 500, 5000),
  excessPerClaim: fc.constantFrom(0, 100, 250.5),
  annualAggregateDeductible: fc.constantFrom(0, 1000),
  maxLiability: fc.constantFrom(null, 10000, 100000),
  vat: fc.constantFrom(null, { ledgerIncludesVat: true, rate: 20 }, { ledgerIncludesVat: true, rate: 5.5 }),
});

const limitsArb = fc
  .array(
    fc.record({
      buyer: fc.constantFrom(...BUYERS),
      amount: fc.integer({ min: 0, max: 6_000_000 }).map((c) => c / 100),
      from: fc.option(fc.integer({ min: -30, max: 200 })),
      length: fc.option(fc.integer({ min: 0, max: 300 })),
      second: fc.option(fc.integer({ min: 0, max: 6_000_000 }).map((c) => c / 100)),
    }),
    { maxLength: 4 },
  )
  .map((entries) => {
    // Entries of one buyer must not overlap: at most one run per buyer, and a second limit after the first.
    const seen = new Set<string>();
    const limits: { buyer: string; amount: number; validFrom: string | null; validTo: string | null }[] = [];
    for (const e of entries) {
      if (seen.has(e.buyer)) continue;
      seen.add(e.buyer);
      const from = e.from === null ? null : START + e.from;
      const to = from !== null && e.length !== null ? from + e.length : null;
      limits.push({
        buyer: e.buyer,
        amount: e.amount,
        validFrom: from === null ? null : isoOf(from),
        validTo: to === null ? null : isoOf(to),
      });
      if (to !== null && e.second !== null) {
        limits.push({ buyer: e.buyer, amount: e.second, validFrom: isoOf(to + 1), validTo: null });
      }
    }
    return limits;
  });

export interface PolicyOptions {
  /** Rules may test `namedLimit` (see the tightenings for why some properties cannot allow it). */
  namedLimitRules: boolean;
}

export function ruleFileArb(options: PolicyOptions): fc.Arbitrary<RuleFile> {
  return fc
    .record({
      terms: termsArb,
      limits: limitsArb,
      rules: fc.array(ruleArb(['exclude', 'flag', 'indemnity', 'limit'], options.namedLimitRules), { maxLength: 5 }),
    })
    .map(({ terms, limits, rules }) => {
      const policy: Record<string, unknown> = {
        id: 'FUZZ',
        version: '1.0.0',
        currency: 'EUR',
        period: { start: '2027-01-01', end: '2027-12-31' },
        indemnityPercent: { named: terms.named, discretionary: terms.discretionary },
        discretionaryLimit: terms.discretionaryLimit,
        carenceDays: terms.carenceDays,
        minimumClaim: terms.minimumClaim,
        excessPerClaim: terms.excessPerClaim,
        annualAggregateDeductible: terms.annualAggregateDeductible,
      };
      for (const key of [
        'maxCreditPeriodDays',
        'declarationDeadlineDays',
        'maxExtensionDays',
        'indemnityWaitingDays',
        'maxLiability',
        'vat',
      ] as const) {
        if (terms[key] !== null) policy[key] = terms[key];
      }
      return {
        format: 'credit-cover/rules@1',
        policy,
        limits,
        fxRates: { USD: 0.9237, GBP: 1.1699 },
        rules: rules.map((r, i) => ruleJson(r, `rule-${i}`)),
      } as RuleFile;
    });
}

/** Loads a generated rule file; a generator that makes an invalid file is a bug of the test. */
export function load(file: RuleFile): Policy {
  const loaded = loadRuleFileJson(file, { runTests: false });
  if (!loaded.ok) {
    throw new Error(
      `generated rule file does not load: ${loaded.errors.map((e) => `${e.pointer}: ${e.message}`).join('; ')}`,
    );
  }
  return loaded.policy;
}

export const asOfArb = fc.integer({ min: START, max: START + 500 });
