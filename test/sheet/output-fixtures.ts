/**
 * Hand-written evaluations for the output tests: every status, a declare-soon flag, a row the
 * reader reported, a skipped row, and texts that look like formulas. The figures are consistent
 * (rows add up to buyers and totals) and worked out by hand in the comments.
 */
import type { BuyerResult, Evaluation, InvoiceResult } from '../../src/domain';

type Line = Partial<InvoiceResult> & Pick<InvoiceResult, 'row' | 'buyerId' | 'status' | 'open'>;

function line(l: Line): InvoiceResult {
  return {
    invoiceNo: null,
    bucket: null,
    invoiceDate: null,
    dueDate: null,
    insurable: l.open,
    reason: l.reasons && l.reasons.length > 0 ? l.reasons[0] : null,
    reasons: [],
    insured: 0,
    overLimit: 0,
    covered: 0,
    uninsured: l.open,
    daysOverdue: 0,
    declareBy: null,
    claimableOn: null,
    flags: [],
    ...l,
  };
}

export const FORMULA_NAME = '=HYPERLINK("http://evil.example","click")';
export const AT_NAME = '@Beta';
export const MINUS_ID = '-42';
export const RULE_REASON = "=cmd|' /C calc'!A0";

/*
 * As of 2027-06-30, header on row 1, data rows 2..10:
 *   2 B1 covered      open 1000  insured 1000  covered  900  uninsured  100  not due
 *   3 B1 partial      open 2000  insured 1000  covered  900  uninsured 1100  45 days, declare by 07-15
 *   4 B1 over-limit   open  500  insured    0  covered    0  uninsured  500  10 days, declare by 08-04
 *   5 B2 excluded     open  250  carence (+ declaration-late)               100 days
 *   6 B2 credit       open    0  (credit note used up on row 5)
 *   7 reported: no exchange rate
 *   8 B3 covered      open  400  insured  400  covered  360  uninsured   40  50 days, declare by 07-10: declare-soon
 *   9 B3 excluded     open  100  rule reason that looks like a formula       5 days
 *  10 skipped (blank)
 * Totals: open 4250, eligible 3900, insured 2400, over-limit 1500, covered 2160, uninsured 2090.
 * Claims: B1 base 1000 → 900; B3 base 400 → 360; portfolio 1260.
 */
export function invoiceEvaluation(): Evaluation {
  const invoices: InvoiceResult[] = [
    line({
      row: 2,
      invoiceNo: 'F001',
      buyerId: 'B1',
      status: 'covered',
      open: 1000,
      insured: 1000,
      covered: 900,
      uninsured: 100,
      invoiceDate: '2027-06-15',
      dueDate: '2027-07-15',
      declareBy: '2027-08-14',
      claimableOn: '2027-11-12',
    }),
    line({
      row: 3,
      invoiceNo: 'F002',
      buyerId: 'B1',
      status: 'partial',
      open: 2000,
      insured: 1000,
      overLimit: 1000,
      covered: 900,
      uninsured: 1100,
      invoiceDate: '2027-04-16',
      dueDate: '2027-05-16',
      daysOverdue: 45,
      declareBy: '2027-07-15',
      claimableOn: '2027-10-13',
    }),
    line({
      row: 4,
      invoiceNo: 'F003',
      buyerId: 'B1',
      status: 'over-limit',
      open: 500,
      overLimit: 500,
      uninsured: 500,
      invoiceDate: '2027-05-21',
      dueDate: '2027-06-20',
      daysOverdue: 10,
      declareBy: '2027-08-04',
      claimableOn: '2027-11-17',
    }),
    line({
      row: 5,
      invoiceNo: 'F004',
      buyerId: 'B2',
      status: 'excluded',
      open: 250,
      insurable: 250,
      reasons: ['carence', 'declaration-late'],
      reason: 'carence',
      uninsured: 250,
      invoiceDate: '2027-01-20',
      dueDate: '2027-03-22',
      daysOverdue: 100,
      declareBy: '2027-05-06',
      claimableOn: '2027-08-19',
    }),
    line({
      row: 6,
      invoiceNo: 'AV01',
      buyerId: 'B2',
      status: 'credit',
      open: 0,
      insurable: 0,
      uninsured: 0,
      invoiceDate: '2027-06-20',
      dueDate: '2027-06-20',
      daysOverdue: 10,
      declareBy: '2027-08-04',
      claimableOn: '2027-11-17',
    }),
    line({
      row: 8,
      invoiceNo: 'F005',
      buyerId: MINUS_ID,
      status: 'covered',
      open: 400,
      insured: 400,
      covered: 360,
      uninsured: 40,
      invoiceDate: '2027-04-11',
      dueDate: '2027-05-11',
      daysOverdue: 50,
      declareBy: '2027-07-10',
      claimableOn: '2027-10-08',
      flags: ['declare-soon'],
    }),
    line({
      row: 9,
      invoiceNo: 'F006',
      buyerId: MINUS_ID,
      status: 'excluded',
      open: 100,
      reasons: [`rule:${RULE_REASON}`],
      reason: `rule:${RULE_REASON}`,
      uninsured: 100,
      invoiceDate: '2027-05-26',
      dueDate: '2027-06-25',
      daysOverdue: 5,
      declareBy: '2027-08-09',
      claimableOn: '2027-11-22',
    }),
  ];
  const buyer = (b: Partial<BuyerResult> & Pick<BuyerResult, 'buyerId'>): BuyerResult => ({
    buyerName: null,
    country: null,
    open: 0,
    eligible: 0,
    limit: 0,
    limitKind: 'none',
    indemnityPercent: 90,
    insured: 0,
    overLimit: 0,
    covered: 0,
    uninsured: 0,
    claimBase: 0,
    claim: 0,
    maxDaysOverdue: null,
    flags: [],
    ...b,
  });
  return {
    format: 'credit-cover/evaluation@1',
    asOf: '2027-06-30',
    level: 'invoice',
    policy: {
      id: 'EX-2027-001',
      name: 'Example policy',
      insurer: 'Example Insurer SA',
      version: '1.0.0',
      currency: 'EUR',
      hash: 'sha256:0123456789abcdef',
    },
    counts: { rowsRead: 9, rowsEvaluated: 7, rowsSkipped: 1, rowsReported: 1 },
    totals: {
      open: 4250,
      eligible: 3900,
      insured: 2400,
      overLimit: 1500,
      covered: 2160,
      uninsured: 2090,
      excludedByReason: { carence: 250, [`rule:${RULE_REASON}`]: 100 },
      claims: 1260,
      portfolioIndemnity: 1260,
    },
    buyers: [
      buyer({
        buyerId: 'B1',
        buyerName: 'Alpha SA',
        country: 'FR',
        open: 3500,
        eligible: 3500,
        limit: 2000,
        limitKind: 'named',
        insured: 2000,
        overLimit: 1500,
        covered: 1800,
        uninsured: 1700,
        claimBase: 1000,
        claim: 900,
        maxDaysOverdue: 45,
      }),
      buyer({
        buyerId: 'B2',
        buyerName: FORMULA_NAME,
        country: 'DE',
        open: 250,
        limit: 5000,
        limitKind: 'discretionary',
        indemnityPercent: 70,
        uninsured: 250,
        maxDaysOverdue: 100,
      }),
      buyer({
        buyerId: MINUS_ID,
        buyerName: AT_NAME,
        open: 500,
        eligible: 400,
        limit: 10000,
        limitKind: 'named',
        indemnityPercent: 92.5,
        insured: 400,
        covered: 360,
        uninsured: 140,
        claimBase: 400,
        claim: 360,
        maxDaysOverdue: 50,
        flags: ['declare-soon'],
      }),
    ],
    invoices,
    flagMessages: {},
    diagnostics: [
      {
        row: 7,
        column: 'currency',
        code: 'no-fx-rate',
        severity: 'error',
        message: 'no exchange rate from CHF to EUR in the rule file: 120.00 CHF set aside, out of the totals',
        amount: 120,
        currency: 'CHF',
      },
      { row: null, code: 'note', severity: 'info', message: '+ a note that starts like a formula' },
    ],
  };
}

/*
 * Bucket level, as of 2027-06-30, header on row 1:
 *   2 C1: Non échu covered 1000/900/100, 31-60 covered 500/450/50 (check-declaration), > 120 excluded 200
 *   3 C2: Non échu and 1-30 excluded no-limit (100 and 300)
 *   4 C3: Non échu brought to 0 by a 1-30 credit: both credit
 * Totals: open 2100, eligible 1500, insured 1500, covered 1350, uninsured 750.
 */
export function bucketEvaluation(): Evaluation {
  const b = (row: number, buyerId: string, bucket: string, l: Partial<InvoiceResult>): InvoiceResult =>
    line({ row, buyerId, bucket, status: 'covered', open: 0, ...l });
  const invoices: InvoiceResult[] = [
    b(2, 'C1', 'Non échu', { open: 1000, insured: 1000, covered: 900, uninsured: 100 }),
    b(2, 'C1', '31-60', {
      open: 500,
      insured: 500,
      covered: 450,
      uninsured: 50,
      daysOverdue: 31,
      flags: ['check-declaration'],
    }),
    b(2, 'C1', '> 120', {
      status: 'excluded',
      open: 200,
      uninsured: 200,
      daysOverdue: 121,
      reasons: ['declaration-late'],
      reason: 'declaration-late',
    }),
    b(3, 'C2', 'Non échu', {
      status: 'excluded',
      open: 100,
      uninsured: 100,
      reasons: ['no-limit'],
      reason: 'no-limit',
    }),
    b(3, 'C2', '1-30', {
      status: 'excluded',
      open: 300,
      uninsured: 300,
      daysOverdue: 1,
      reasons: ['no-limit'],
      reason: 'no-limit',
    }),
    b(4, 'C3', 'Non échu', { status: 'credit', open: 0, insurable: 0, uninsured: 0 }),
    b(4, 'C3', '1-30', { status: 'credit', open: 0, insurable: 0, uninsured: 0, daysOverdue: 1 }),
  ];
  const evaluation = invoiceEvaluation();
  return {
    ...evaluation,
    level: 'bucket',
    counts: { rowsRead: 3, rowsEvaluated: 3, rowsSkipped: 0, rowsReported: 0 },
    totals: {
      open: 2100,
      eligible: 1500,
      insured: 1500,
      overLimit: 0,
      covered: 1350,
      uninsured: 750,
      excludedByReason: { 'declaration-late': 200, 'no-limit': 400 },
      claims: 450,
      portfolioIndemnity: 450,
    },
    buyers: [
      {
        buyerId: 'C1',
        buyerName: 'Gamma',
        country: 'FR',
        open: 1700,
        eligible: 1500,
        limit: 5000,
        limitKind: 'named',
        indemnityPercent: 90,
        insured: 1500,
        overLimit: 0,
        covered: 1350,
        uninsured: 350,
        claimBase: 500,
        claim: 450,
        maxDaysOverdue: 121,
        flags: ['check-declaration'],
      },
      {
        buyerId: 'C2',
        buyerName: 'Delta',
        country: 'FR',
        open: 400,
        eligible: 0,
        limit: 0,
        limitKind: 'none',
        indemnityPercent: 70,
        insured: 0,
        overLimit: 0,
        covered: 0,
        uninsured: 400,
        claimBase: 0,
        claim: 0,
        maxDaysOverdue: 1,
        flags: [],
      },
      {
        buyerId: 'C3',
        buyerName: 'Epsilon',
        country: 'FR',
        open: 0,
        eligible: 0,
        limit: 0,
        limitKind: 'none',
        indemnityPercent: 70,
        insured: 0,
        overLimit: 0,
        covered: 0,
        uninsured: 0,
        claimBase: 0,
        claim: 0,
        maxDaysOverdue: 0,
        flags: [],
      },
    ],
    invoices,
    diagnostics: [],
  };
}

/** `n` covered invoices on rows 2..n+1, for checks that must not depend on the row count. */
export function largeEvaluation(n: number): Evaluation {
  const base = invoiceEvaluation();
  const invoices = Array.from({ length: n }, (_, i) =>
    line({ row: i + 2, buyerId: 'B1', status: i % 2 === 0 ? 'covered' : 'excluded', open: 10, uninsured: 10 }),
  );
  return { ...base, invoices, diagnostics: [] };
}
