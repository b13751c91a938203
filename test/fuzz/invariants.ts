/**
 * What every evaluation must satisfy, whatever the ledger, the policy and the as-of date.
 */
import type { Evaluation, InvoiceLedger, Policy } from '../../src/domain';

const c = (units: number): number => Math.round(units * 100);

/** Per row, per buyer and in total, to the cent; every row a line or set aside with its diagnostic. */
export function checkInvariants(ledger: InvoiceLedger, p: Policy, e: Evaluation): void {
  for (const inv of e.invoices) {
    expect(c(inv.open)).toBe(c(inv.covered) + c(inv.uninsured));
    if (inv.status === 'excluded' || inv.status === 'credit') {
      expect(inv.covered).toBe(0);
      expect(inv.insured).toBe(0);
    } else {
      expect(c(inv.insured) + c(inv.overLimit)).toBe(c(inv.insurable));
      expect(inv.covered).toBeLessThanOrEqual(inv.insured);
      expect(inv.insurable).toBeLessThanOrEqual(inv.open);
    }
    expect(inv.covered).toBeGreaterThanOrEqual(0);
  }
  const sum = (xs: number[]) => xs.reduce((a, b) => a + c(b), 0);
  for (const key of ['open', 'covered', 'uninsured', 'insured', 'overLimit'] as const) {
    expect(c(e.totals[key])).toBe(sum(e.invoices.map((i) => i[key])));
    expect(c(e.totals[key])).toBe(sum(e.buyers.map((b) => b[key])));
  }
  for (const b of e.buyers) {
    expect(c(b.insured)).toBeLessThanOrEqual(c(b.limit));
    expect(b.claim).toBeGreaterThanOrEqual(0);
    expect(c(b.claim)).toBeLessThanOrEqual(c(b.claimBase));
  }
  expect(c(e.totals.claims)).toBe(sum(e.buyers.map((b) => b.claim)));
  expect(e.totals.portfolioIndemnity).toBeGreaterThanOrEqual(0);
  expect(c(e.totals.portfolioIndemnity)).toBeLessThanOrEqual(c(e.totals.claims));
  if (p.terms.maxLiability !== null) expect(c(e.totals.portfolioIndemnity)).toBeLessThanOrEqual(p.terms.maxLiability);
  // Every row is a line or set aside with its diagnostic.
  const setAside = e.diagnostics.filter((d) => d.code === 'no-fx-rate').length;
  expect(e.invoices.length + setAside).toBe(ledger.invoices.length);
}
