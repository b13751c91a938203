/**
 * The facts a rule may use: exactly the buyer and invoice facts of DOMAIN.md. The records below are
 * typed against `BuyerFacts`/`InvoiceFacts`, so adding a fact to the domain without classifying it
 * here is a compile error.
 */
import type { BuyerFacts, FactName, InvoiceFacts } from '../domain/types';

export type FactKind = 'buyer' | 'invoice';
export type FactType = 'text' | 'number' | 'date' | 'boolean';

interface FactInfo {
  kind: FactKind;
  type: FactType;
}

const BUYER: { [K in keyof BuyerFacts]-?: FactInfo } = {
  buyerId: { kind: 'buyer', type: 'text' },
  buyerName: { kind: 'buyer', type: 'text' },
  country: { kind: 'buyer', type: 'text' },
  sector: { kind: 'buyer', type: 'text' },
  buyerType: { kind: 'buyer', type: 'text' },
  namedLimit: { kind: 'buyer', type: 'number' },
  buyerExposure: { kind: 'buyer', type: 'number' },
  buyerMaxDaysOverdue: { kind: 'buyer', type: 'number' },
};

const INVOICE: { [K in Exclude<keyof InvoiceFacts, keyof BuyerFacts>]-?: FactInfo } = {
  invoiceAmount: { kind: 'invoice', type: 'number' },
  openAmount: { kind: 'invoice', type: 'number' },
  currency: { kind: 'invoice', type: 'text' },
  invoiceDate: { kind: 'invoice', type: 'date' },
  dueDate: { kind: 'invoice', type: 'date' },
  daysOverdue: { kind: 'invoice', type: 'number' },
  creditPeriodDays: { kind: 'invoice', type: 'number' },
  disputed: { kind: 'invoice', type: 'boolean' },
};

const FACTS: { [K in FactName]-?: FactInfo } = { ...BUYER, ...INVOICE };

export const BUYER_FACT_NAMES = Object.keys(BUYER) as readonly (keyof BuyerFacts)[];
export const INVOICE_FACT_NAMES = Object.keys(INVOICE) as readonly FactName[];
export const FACT_NAMES = Object.keys(FACTS) as readonly FactName[];

export function isFactName(name: unknown): name is FactName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(FACTS, name);
}

export function factInfo(name: FactName): FactInfo {
  return FACTS[name];
}

export function isBuyerFact(name: FactName): boolean {
  return FACTS[name].kind === 'buyer';
}
