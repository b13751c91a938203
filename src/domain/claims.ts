/**
 * Step 9: what the insurer would pay if every overdue buyer defaulted at the as-of date.
 */
import { applyPercent } from './money';
import type { Cents, PolicyTerms, Ratio } from './types';

export interface BuyerClaim {
  claim: Cents;
  belowMinimum: boolean;
}

/** The claim of one buyer: rounded once on its base, less the excess; nothing below the minimum claim. */
export function buyerClaim(terms: PolicyTerms, base: Cents, percent: Ratio): BuyerClaim {
  if (base > 0 && base < terms.minimumClaim) return { claim: 0, belowMinimum: true };
  return { claim: Math.max(0, applyPercent(base, percent) - terms.excessPerClaim), belowMinimum: false };
}

/** The portfolio indemnity: the claims less the annual aggregate deductible, within the maximum liability. */
export function portfolioIndemnity(terms: PolicyTerms, claims: Cents): Cents {
  const afterDeductible = Math.max(0, claims - terms.annualAggregateDeductible);
  return terms.maxLiability === null ? afterDeductible : Math.min(terms.maxLiability, afterDeductible);
}
