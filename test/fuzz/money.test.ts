/**
 * No float drift on a million invoices: every total of an evaluation equals a BigInt reference sum,
 * to the cent, and the reference recomputes each invoice's covered amount on its own, in BigInt,
 * from DOMAIN.md's rounding rule (half away from zero, once per invoice).
 *
 * SLOW CASE (about 10 s in CI, most of the suite's single biggest test): one million invoices.
 */
import { evaluate, type InvoiceLedger, type InvoiceLine } from '../../src/domain';
import { policy } from '../helpers/build';
import { FUZZ_TIMEOUT } from './params';

const MILLION = 1_000_000;

/** xorshift32: a fast, seeded generator (fast-check would spend longer generating than we evaluate). */
function generator(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x;
  };
}

/** round(a × num / den), half away from zero, for a ≥ 0, in BigInt: the reference, written independently. */
function roundHalfUp(a: bigint, num: bigint, den: bigint): bigint {
  const twice = (2n * a * num) / den; // floor(2x)
  return (twice + 1n) / 2n; // floor(x + 1/2) = floor((floor(2x) + 1) / 2)
}

const cents = (units: number): bigint => BigInt(Math.round(units * 100));

describe('SLOW (1,000,000 invoices): money does not drift', () => {
  test(
    'totals and every line equal a BigInt reference, to the cent',
    () => {
      const next = generator(20271126);
      const invoices: InvoiceLine[] = new Array(MILLION);
      const start = 20_819; // 2027-01-01
      for (let i = 0; i < MILLION; i++) {
        // 1 cent to 10,000,000.00: totals near 5 × 10^12 units, where a float sum of the lines is off
        // by cents (and the exact cents still fit a double's 53 bits).
        const open = 1 + Math.floor((next() / 2 ** 32) * 1_000_000_000);
        invoices[i] = {
          row: i + 2,
          buyerId: `B${i % 10_000}`,
          buyerName: null,
          country: null,
          sector: null,
          buyerType: null,
          invoiceNo: null,
          invoiceDate: start + 40 + (i % 200),
          dueDate: start + 70 + (i % 200),
          open,
          amount: null,
          currency: null,
          disputed: null,
          declaredOn: null,
        };
      }
      const ledger: InvoiceLedger = {
        kind: 'invoice',
        invoices,
        hasAmountColumn: false,
        rowsRead: MILLION,
        rowsSkipped: 0,
        diagnostics: [],
      };
      // VAT-inclusive at 20 % and a 92.5 % indemnity: two roundings per invoice; a limit no buyer reaches.
      const p = policy({ discretionary: 92.5, discretionaryLimit: 1e12, vat: { ledgerIncludesVat: true, rate: 20 } });
      const e = evaluate(ledger, p, { asOf: start + 400 });

      let open = 0n;
      let insured = 0n;
      let covered = 0n;
      for (const line of invoices) {
        const a = BigInt(line.open);
        const basis = roundHalfUp(a, 100n, 120n); // excluding VAT
        open += a;
        insured += basis;
        covered += roundHalfUp(basis, 925n, 1000n);
      }
      expect(e.invoices).toHaveLength(MILLION);
      expect(cents(e.totals.open)).toBe(open);
      expect(cents(e.totals.insured)).toBe(insured);
      expect(cents(e.totals.covered)).toBe(covered);
      expect(cents(e.totals.uninsured)).toBe(open - covered);
      // The lines, summed in BigInt from the public JSON figures, give the same totals.
      let lineOpen = 0n;
      let lineCovered = 0n;
      let lineUninsured = 0n;
      for (const line of e.invoices) {
        lineOpen += cents(line.open);
        lineCovered += cents(line.covered);
        lineUninsured += cents(line.uninsured);
      }
      expect([lineOpen, lineCovered, lineUninsured]).toEqual([open, covered, open - covered]);
      let buyerCovered = 0n;
      for (const b of e.buyers) buyerCovered += cents(b.covered);
      expect(buyerCovered).toBe(covered);
      // Summing the same lines as floats drifts by cents here: why the core sums integer cents.
      const floatSum = e.invoices.reduce((sum, line) => sum + line.covered, 0);
      expect(cents(floatSum)).not.toBe(covered);
    },
    FUZZ_TIMEOUT,
  );
});
