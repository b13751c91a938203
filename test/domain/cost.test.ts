/**
 * What cover costs a year (domain/cost.ts): premium on the turnover with its minimum, or fixed;
 * fees per named-limit request and per monitored buyer. Figures worked out by hand.
 */
import { annualCost, costCounts, ratioFromNumber, type CostTerms } from '../../src/domain';
import { day } from '../helpers/build';

const onTurnover = (rate: number, minimum: number, turnover: number | null): CostTerms => ({
  premium: { basis: 'insuredTurnover', rate: ratioFromNumber(rate), minimum: Math.round(minimum * 100) },
  annualInsuredTurnover: turnover === null ? null : Math.round(turnover * 100),
  namedLimitRequestFee: 9500,
  monitoringFeePerBuyer: 6000,
  recoveryCommission: ratioFromNumber(10),
});

describe('costCounts', () => {
  // Four buyers: A granted then reduced (one request), B granted then cancelled (one request, not
  // monitored after the cancellation), C refused from the start (0: never requested as far as the
  // fee goes, never monitored), D granted from 07-01 (requested, monitored from then).
  const limits = [
    { buyer: 'A', amount: 3000000, validFrom: day('2027-01-01'), validTo: day('2027-06-30') },
    { buyer: 'A', amount: 1500000, validFrom: day('2027-07-01'), validTo: null },
    { buyer: 'B', amount: 2000000, validFrom: day('2027-01-01'), validTo: day('2027-04-14') },
    { buyer: 'B', amount: 0, validFrom: day('2027-04-15'), validTo: null },
    { buyer: 'C', amount: 0, validFrom: day('2027-01-01'), validTo: null },
    { buyer: 'D', amount: 1000000, validFrom: day('2027-07-01'), validTo: null },
  ];
  test.each([
    ['2027-03-31', 3, 2], // A and B in force
    ['2027-06-30', 3, 1], // A only (B cancelled, D not yet)
    ['2027-07-01', 3, 2], // A (reduced) and D
  ])('as of %s: %i requests, %i monitored buyers', (asOf, requests, monitored) => {
    expect(costCounts(limits, day(asOf))).toEqual({ namedLimitRequests: requests, monitoredBuyers: monitored });
  });
});

describe('annualCost', () => {
  const counts = { namedLimitRequests: 8, monitoredBuyers: 7 };

  test('the sample domestic policy: 0.3 % of 4,500,000, fees on 8 requests and 7 buyers', () => {
    // 4,500,000 × 0.3 % = 13,500 ≥ 9,000; 8 × 95 = 760; 7 × 60 = 420; total 14,680.
    expect(annualCost(onTurnover(0.3, 9000, 4500000), counts)).toEqual({
      ok: true,
      cost: {
        turnover: 450000000,
        premiumBeforeMinimum: 1350000,
        minimumApplied: false,
        premium: 1350000,
        namedLimitRequests: 8,
        limitRequestFees: 76000,
        monitoredBuyers: 7,
        monitoringFees: 42000,
        total: 1468000,
      },
    });
  });

  test('the minimum premium applies when the rate gives less: 2,000,000 × 0.3 % = 6,000 < 9,000', () => {
    const r = annualCost(onTurnover(0.3, 9000, 4500000), counts, 200000000);
    expect(r).toMatchObject({
      ok: true,
      cost: { turnover: 200000000, premiumBeforeMinimum: 600000, minimumApplied: true, premium: 900000 },
    });
  });

  test('rounding: 1,234,567.89 × 0.275 % = 3,395.061…, to the cent half up: 3,395.06', () => {
    const r = annualCost(onTurnover(0.275, 0, 1234567.89), { namedLimitRequests: 0, monitoredBuyers: 0 });
    expect(r.ok && r.cost.premium).toBe(339506);
  });

  test('a fixed premium needs no turnover', () => {
    const fixed: CostTerms = { ...onTurnover(0, 0, null), premium: { basis: 'fixed', amount: 175000 } };
    // 1,750 + 2 × 95 + 1 × 60 = 2,000.
    expect(annualCost(fixed, { namedLimitRequests: 2, monitoredBuyers: 1 })).toMatchObject({
      ok: true,
      cost: { turnover: null, premium: 175000, minimumApplied: false, total: 200000 },
    });
  });

  test('no cost block, or a rate with no turnover anywhere: no figure, and why', () => {
    expect(annualCost(null, counts)).toEqual({ ok: false, problem: 'no-cost-terms' });
    expect(annualCost(undefined, counts)).toEqual({ ok: false, problem: 'no-cost-terms' });
    expect(annualCost(onTurnover(0.3, 9000, null), counts)).toEqual({ ok: false, problem: 'no-turnover' });
    expect(annualCost(onTurnover(0.3, 9000, null), counts, 100000000)).toMatchObject({ ok: true });
  });
});
