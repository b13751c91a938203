/**
 * Evaluates a ledger against a policy at an as-of date: synchronous and deterministic, the same
 * inputs give the same Evaluation byte for byte.
 */
import { evaluateBuckets } from './bucket-level';
import { evaluateInvoices } from './invoice-level';
import type { Day, Evaluation, Ledger, Policy } from './types';

export interface EvaluateOptions {
  /** The date the balance is struck at. Always an input: the core never reads the clock. */
  asOf: Day;
}

export function evaluate(ledger: Ledger, policy: Policy, options: EvaluateOptions): Evaluation {
  return ledger.kind === 'invoice'
    ? evaluateInvoices(ledger, policy, options.asOf)
    : evaluateBuckets(ledger, policy, options.asOf);
}
