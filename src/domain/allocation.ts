/**
 * Step 6: the buyer's eligible items use up its limit in order; the part within the limit is insured.
 */
import type { Cents } from './types';

/** Allocates `limit` over `insurable` amounts taken in `order`; returns the insured part of each. */
export function allocate(insurable: readonly Cents[], order: readonly number[], limit: Cents): Cents[] {
  const insured = new Array<Cents>(insurable.length).fill(0);
  let left = Math.max(0, limit);
  for (const i of order) {
    const take = Math.min(insurable[i], left);
    insured[i] = take;
    left -= take;
  }
  return insured;
}
