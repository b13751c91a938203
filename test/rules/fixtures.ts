/** Rule files for the tests: a complete good one, built fresh each time so a test can break one thing. */
import type { BuyerFacts, InvoiceFacts } from '../../src/domain/types';

// Test fixtures are mutated freely by the cases that break them; `any` keeps those one-liners short.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Json = any;

export function goodFile(): Json {
  return {
    $schema: './schema/credit-cover-rules-1.schema.json',
    format: 'credit-cover/rules@1',
    policy: {
      id: 'EX-2027-001',
      name: 'Example whole-turnover policy',
      insurer: 'Example Insurer SA',
      version: '1.0.0',
      currency: 'EUR',
      period: { start: '2027-01-01', end: '2027-12-31' },
      indemnityPercent: { named: 92.5, discretionary: 70 },
      discretionaryLimit: 10000,
      maxCreditPeriodDays: 120,
      carenceDays: 30,
      declarationDeadlineDays: 60,
      maxExtensionDays: 45,
      indemnityWaitingDays: 150,
      minimumClaim: 1000,
      excessPerClaim: 250.5,
      annualAggregateDeductible: 5000,
      maxLiability: 1500000,
      vat: { ledgerIncludesVat: true, rate: 20 },
    },
    limits: [
      { buyer: '012345678', amount: 50000.25, validFrom: '2027-01-01', validTo: '2027-06-30', note: 'first decision' },
      { buyer: '012345678', amount: 20000, validFrom: '2027-07-01', validTo: null },
      { buyer: 'FR40303265045', amount: 15000, validFrom: null, validTo: null },
    ],
    fxRates: { USD: 0.92, JPY: 0.0061 },
    rules: [
      {
        name: 'sanctioned-countries',
        description: 'No cover for buyers in sanctioned countries.',
        priority: 10,
        conditions: { all: [{ fact: 'country', operator: 'in', value: ['RU', 'BY', 'IR', 'KP', 'SY', 'CU'] }] },
        event: { type: 'exclude', params: { reason: 'sanctioned-country' } },
      },
      {
        name: 'construction-80',
        conditions: { any: [{ fact: 'sector', operator: 'equal', value: 'BTP' }] },
        event: { type: 'indemnity', params: { percent: 80 } },
      },
      {
        name: 'overseas-cap',
        conditions: { all: [{ fact: 'country', operator: 'in', value: ['GP', 'MQ'] }] },
        event: { type: 'limit', params: { max: 12500.5 } },
      },
      {
        name: 'overdue-60',
        conditions: { all: [{ fact: 'daysOverdue', operator: 'greaterThan', value: 60 }] },
        event: { type: 'flag', params: { code: 'overdue-60', message: 'More than 60 days overdue' } },
      },
      {
        name: 'exposure-above-limit',
        conditions: {
          all: [
            { fact: 'namedLimit', operator: 'notEqual', value: null },
            { fact: 'buyerExposure', operator: 'greaterThan', value: { fact: 'namedLimit' } },
          ],
        },
        event: { type: 'flag', params: { code: 'over-limit', message: 'Exposure above the named limit' } },
      },
    ],
    tests: [
      {
        name: 'a Russian buyer is never covered',
        facts: { country: 'RU' },
        expect: { excluded: 'sanctioned-country' },
      },
      {
        name: 'a named French buyer keeps its limit',
        asOf: '2027-03-01',
        facts: { buyerId: '012345678', country: 'FR' },
        expect: { excluded: false, limit: 50000.25, limitKind: 'named', indemnityPercent: 92.5, flags: [] },
      },
    ],
  };
}

/** The smallest file that loads. */
export function minimalFile(): Json {
  return {
    format: 'credit-cover/rules@1',
    policy: {
      id: 'MIN',
      version: '0.1.0',
      currency: 'EUR',
      period: { start: '2027-01-01', end: '2027-12-31' },
      indemnityPercent: { named: 90, discretionary: 70 },
    },
  };
}

export function invoiceFacts(overrides: Partial<Record<keyof InvoiceFacts, unknown>> = {}): InvoiceFacts {
  const base: InvoiceFacts = {
    buyerId: '012345678',
    buyerName: 'Dupont SARL',
    country: 'FR',
    sector: null,
    buyerType: null,
    namedLimit: null,
    buyerExposure: 0,
    buyerMaxDaysOverdue: null,
    invoiceAmount: null,
    openAmount: 0,
    currency: 'EUR',
    invoiceDate: '2027-03-01',
    dueDate: '2027-04-30',
    daysOverdue: 0,
    creditPeriodDays: 60,
    disputed: null,
  };
  // Overrides may break the declared fact types on purpose: the engine's semantics for such values are under test.
  return { ...base, ...overrides } as InvoiceFacts;
}

export function buyerFacts(overrides: Partial<Record<keyof BuyerFacts, unknown>> = {}): BuyerFacts {
  const { buyerId, buyerName, country, sector, buyerType, namedLimit, buyerExposure, buyerMaxDaysOverdue } =
    invoiceFacts(overrides);
  return { buyerId, buyerName, country, sector, buyerType, namedLimit, buyerExposure, buyerMaxDaysOverdue };
}
