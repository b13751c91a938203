import Ajv from 'ajv';
import { EVENT_TYPES, FACT_NAMES, OPERATOR_NAMES, RULE_FILE_SCHEMA, loadRuleFile } from '../../src/rules';
import type { Json } from './fixtures';

const schema = RULE_FILE_SCHEMA as Json;

describe('the JSON Schema', () => {
  it('is a valid draft-07 schema that ajv compiles in strict mode', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    ajv.addVocabulary(['enumDescriptions']);
    expect(ajv.validateSchema(schema)).toBe(true);
    expect(() => ajv.compile(schema)).not.toThrow();
  });

  it('lists exactly the facts, operators and event types the code knows, each with a description', () => {
    const { fact, operator, eventType } = schema.definitions;
    expect(fact.enum).toEqual(FACT_NAMES);
    expect(operator.enum).toEqual(OPERATOR_NAMES);
    expect(eventType.enum).toEqual(EVENT_TYPES);
    for (const def of [fact, operator, eventType]) expect(def.enumDescriptions).toHaveLength(def.enum.length);
    expect(Object.keys(schema.definitions.testFacts.properties)).toEqual(FACT_NAMES);
  });

  it('describes every property, in English with the French term in parentheses', () => {
    const missing: string[] = [];
    const visit = (node: Json, path: string): void => {
      if (node === null || typeof node !== 'object') return;
      if (Array.isArray(node)) return node.forEach((n, i) => visit(n, `${path}/${i}`));
      for (const [name, child] of Object.entries<Json>(node.properties ?? {})) {
        if (typeof child.description !== 'string' || !/\(.+\)/.test(child.description))
          missing.push(`${path}/properties/${name}`);
      }
      // `if` tests and the event's per-type `allOf` switches select a schema; they describe no field of their own.
      for (const [key, child] of Object.entries(node))
        if (key !== 'if' && key !== 'allOf') visit(child, `${path}/${key}`);
    };
    visit(schema, '#');
    expect(missing).toEqual([]);
  });
});

describe('the example of DOMAIN.md', () => {
  it('loads', () => {
    const example = {
      format: 'credit-cover/rules@1',
      policy: {
        id: 'EX-2027-001',
        name: 'Example whole-turnover policy',
        insurer: 'Example Insurer SA',
        version: '1.0.0',
        currency: 'EUR',
        period: { start: '2027-01-01', end: '2027-12-31' },
        indemnityPercent: { named: 90, discretionary: 70 },
        discretionaryLimit: 10000,
        maxCreditPeriodDays: 120,
        carenceDays: 30,
        declarationDeadlineDays: 60,
        maxExtensionDays: 60,
        indemnityWaitingDays: 150,
        minimumClaim: 1000,
        excessPerClaim: 0,
        annualAggregateDeductible: 5000,
        maxLiability: 1500000,
        vat: { ledgerIncludesVat: false, rate: 20 },
      },
      limits: [{ buyer: 'FR40303265045', amount: 50000, validFrom: '2027-01-01', validTo: null }],
      fxRates: { USD: 0.92 },
      rules: [
        {
          name: 'sanctioned-countries',
          priority: 10,
          conditions: { all: [{ fact: 'country', operator: 'in', value: ['RU', 'BY', 'IR', 'KP', 'SY', 'CU'] }] },
          event: { type: 'exclude', params: { reason: 'sanctioned-country' } },
        },
      ],
      tests: [
        {
          name: 'a Russian buyer is never covered',
          facts: { country: 'RU' },
          expect: { excluded: 'sanctioned-country' },
        },
      ],
    };
    expect(loadRuleFile(JSON.stringify(example)).ok).toBe(true);
  });
});
