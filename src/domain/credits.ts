/**
 * Step 2: credit notes and unallocated cash are applied to the buyer's positive items, oldest first,
 * as insurers apply payments to the oldest invoice.
 */
import type { Cents } from './types';

/**
 * Applies, in place, each negative amount (in the order of `creditOrder`) to the positive amounts,
 * taken in the order of `debitOrder` (oldest first). What a credit cannot use up stays on it.
 */
export function applyCredits(amounts: Cents[], creditOrder: readonly number[], debitOrder: readonly number[]): void {
  let next = 0; // debits before `next` are used up: each credit starts where the last one stopped
  for (const c of creditOrder) {
    let remaining = -amounts[c];
    while (remaining > 0 && next < debitOrder.length) {
      const d = debitOrder[next];
      const take = Math.min(amounts[d], remaining);
      amounts[d] -= take;
      remaining -= take;
      if (amounts[d] === 0) next++;
    }
    amounts[c] = remaining === 0 ? 0 : -remaining;
  }
}
