/**
 * One describe per step of DOMAIN.md's invoice-level evaluation. Every expected figure is worked
 * out by hand in the comment beside it.
 */
import { evaluate, type Evaluation, type InvoiceResult } from '../../src/domain';
import {
  day,
  invoiceLedger,
  policy,
  type InvoiceInput,
  type LimitInput,
  type TermsInput,
  type TestRule,
} from '../helpers/build';

function run(
  rows: InvoiceInput[],
  t: TermsInput = {},
  limits: LimitInput[] = [{ buyer: 'B1', amount: 1_000_000, validFrom: '2027-01-01' }],
  rules: TestRule[] = [],
  fx: Record<string, number> = {},
  asOf = '2027-06-30',
): Evaluation {
  return evaluate(invoiceLedger(rows), policy(t, limits, rules, fx), { asOf: day(asOf) });
}

const byNo = (e: Evaluation): Record<string, InvoiceResult> =>
  Object.fromEntries(e.invoices.map((i) => [i.invoiceNo, i]));

describe('step 1: currency conversion', () => {
  test.each([
    // open, currency, rate, expected open in EUR (worked by hand)
    [1234.56, 'USD', 0.92, 1135.8], // 1234.56 × 0.92 = 1135.7952 → 1135.80
    [0.05, 'USD', 1.0873, 0.05], // 0.054365 → 0.05
    [0.01, 'GBP', 0.5, 0.01], // 0.005 → half up → 0.01
    [10.05, 'GBP', 0.5, 5.03], // 5.025 exactly (a float product would give 5.0249… → 5.02)
    [-0.01, 'GBP', 0.5, -0.01], // -0.005 → half away from zero → -0.01
    [100, 'EUR', 123, 100], // the policy currency is never converted
  ])('%p %s at %p → %p EUR', (open, currency, rate, expected) => {
    const e = run([{ date: '2027-03-01', due: '2027-04-01', open, currency }], {}, undefined, [], { [currency]: rate });
    expect(e.invoices[0].open).toBe(expected);
  });

  test('a currency without a rate is set aside, listed with its amount, and stays out of the totals', () => {
    const e = run([
      { no: 'X', date: '2027-03-01', due: '2027-04-01', open: 500, currency: 'CHF' },
      { no: 'Y', date: '2027-03-01', due: '2027-04-01', open: 200 },
    ]);
    expect(e.invoices.map((i) => i.invoiceNo)).toEqual(['Y']);
    expect(e.totals.open).toBe(200);
    expect(e.diagnostics).toEqual([
      expect.objectContaining({ row: 2, code: 'no-fx-rate', severity: 'error', amount: 500, currency: 'CHF' }),
    ]);
    expect(e.counts).toEqual({ rowsRead: 2, rowsEvaluated: 1, rowsSkipped: 0, rowsReported: 1 });
  });
});

describe('step 2: credits go to the oldest due date first', () => {
  test('a credit note empties the oldest due date, then the next', () => {
    const e = byNo(
      run([
        { no: 'late-due', date: '2027-02-01', due: '2027-03-01', open: 100 },
        { no: 'early-due', date: '2027-02-15', due: '2027-02-20', open: 100 },
        { no: 'CN', date: '2027-03-10', due: '2027-03-10', open: -150 },
      ]),
    );
    // -150 → early-due (02-20) 100 → 0, then late-due 100 → 50.
    expect(e['early-due']).toMatchObject({ open: 0, status: 'credit', covered: 0, uninsured: 0, reasons: [] });
    expect(e['late-due']).toMatchObject({ open: 50, status: 'covered', insured: 50, covered: 45 });
    expect(e.CN).toMatchObject({ open: 0, status: 'credit', uninsured: 0 });
  });

  test('equal due dates are taken in row order; two credits in row order', () => {
    const e = byNo(
      run([
        { no: 'r2', date: '2027-02-01', due: '2027-03-01', open: 100 },
        { no: 'r3', date: '2027-02-01', due: '2027-03-01', open: 100 },
        { no: 'c1', date: '2027-03-10', due: '2027-03-10', open: -30 },
        { no: 'c2', date: '2027-03-11', due: '2027-03-11', open: -120 },
      ]),
    );
    // c1: r2 100 → 70. c2: r2 70 → 0, then r3 100 → 50.
    expect([e.r2.open, e.r3.open, e.c1.open, e.c2.open]).toEqual([0, 50, 0, 0]);
  });

  test('a credit larger than the invoices keeps the rest, uninsured and negative; totals still reconcile', () => {
    const e = run([
      { no: 'I', date: '2027-02-01', due: '2027-03-01', open: 100 },
      { no: 'CN', date: '2027-03-10', due: '2027-03-10', open: -250 },
    ]);
    const r = byNo(e);
    expect(r.I).toMatchObject({ open: 0, status: 'credit' });
    expect(r.CN).toMatchObject({ open: -150, status: 'credit', covered: 0, uninsured: -150 });
    expect(e.totals).toMatchObject({ open: -150, covered: 0, uninsured: -150 });
  });

  test('credits never cross buyers, and apply to invoices later excluded', () => {
    const e = byNo(
      run(
        [
          { no: 'B1-disputed', buyer: 'B1', date: '2027-02-01', due: '2027-03-01', open: 100, disputed: true },
          { no: 'B2-inv', buyer: 'B2', date: '2027-02-01', due: '2027-02-10', open: 100 },
          { no: 'B1-cn', buyer: 'B1', date: '2027-03-10', due: '2027-03-10', open: -40 },
        ],
        { discretionaryLimit: 5000 },
      ),
    );
    expect(e['B1-disputed']).toMatchObject({ open: 60, status: 'excluded', reason: 'disputed' });
    expect(e['B2-inv'].open).toBe(100);
  });
});

describe('step 3: the VAT basis', () => {
  test.each([
    // open TTC, VAT rate, insurable HT (by hand)
    [1200, 20, 1000],
    [105.5, 5.5, 100], // 105.50 / 1.055 = 100
    [19.99, 20, 16.66], // 19.99 / 1.2 = 16.658333 → 16.66
    [0.05, 10, 0.05], // 0.05 / 1.1 = 0.04545 → 0.05 (4.545 cents rounds up)
    [100, 0, 100],
  ])('%p TTC at %p %% → %p HT', (open, rate, insurable) => {
    const e = run([{ date: '2027-03-01', due: '2027-04-01', open }], {
      named: 100,
      vat: { ledgerIncludesVat: true, rate },
    });
    expect(e.invoices[0]).toMatchObject({ insurable, insured: insurable, covered: insurable });
    expect(e.invoices[0].uninsured).toBeCloseTo(open - insurable, 10);
  });

  test('a ledger without VAT (ledgerIncludesVat false) is insured on the open amount', () => {
    const e = run([{ date: '2027-03-01', due: '2027-04-01', open: 1200 }], {
      vat: { ledgerIncludesVat: false, rate: 20 },
    });
    expect(e.invoices[0].insurable).toBe(1200);
  });
});

describe('step 4: eligibility, every reason in its order', () => {
  const sanctioned: TestRule = {
    buyerOnly: true,
    when: (f) => f.country === 'RU',
    effect: { type: 'exclude', reason: 'sanctioned-country', priority: 10, order: 0 },
  };
  const strictTerms: TermsInput = {
    carenceDays: 30,
    maxCreditPeriodDays: 90,
    declarationDeadlineDays: 45,
    maxExtensionDays: 30,
  };

  test('an invoice that fails every check lists all eight reasons, in DOMAIN.md order', () => {
    const e = byNo(
      run(
        [
          // The older invoice: still open, due 2026-10-01, + 30 days extension = 2026-10-31.
          { no: 'old', date: '2026-09-01', due: '2026-10-01', open: 100, country: 'RU' },
          // Issued 2026-12-15: before the period (2027), in carence, 2026-12-15 → 2027-04-15 is 121 days > 90,
          // disputed, RU, 76 days overdue at 06-30 > 45 undeclared, after 10-31, and no limit in force in 2026.
          { no: 'all', date: '2026-12-15', due: '2027-04-15', open: 100, disputed: true, country: 'RU' },
        ],
        strictTerms,
        [{ buyer: 'B1', amount: 5000, validFrom: '2027-01-01' }],
        [sanctioned],
      ),
    );
    expect(e.all.reasons).toEqual([
      'outside-period',
      'carence',
      'credit-period',
      'disputed',
      'rule:sanctioned-country',
      'declaration-late',
      'stop-shipment',
      'no-limit',
    ]);
    expect(e.all).toMatchObject({
      status: 'excluded',
      reason: 'outside-period',
      insured: 0,
      covered: 0,
      uninsured: 100,
    });
  });

  // Boundaries of each check, one at a time. Limit from 2027-02-01 so cover starts then (later than the policy start).
  const limit = [{ buyer: 'B1', amount: 100_000, validFrom: '2027-02-01', validTo: '2027-12-31' }];
  test.each<[string, InvoiceInput[], string[]]>([
    ['after the period end', [{ date: '2028-01-01', due: '2028-01-15', open: 10 }], ['outside-period', 'no-limit']],
    [
      'carence: 02-01 + 30 days = 03-03; issued 03-02',
      [{ date: '2027-03-02', due: '2027-05-31', open: 10 }],
      ['carence'],
    ],
    ['carence: issued 03-03, covered', [{ date: '2027-03-03', due: '2027-05-31', open: 10 }], []],
    ['credit period of exactly 90 days', [{ date: '2027-03-10', due: '2027-06-08', open: 10 }], []],
    ['credit period of 91 days', [{ date: '2027-03-10', due: '2027-06-09', open: 10 }], ['credit-period']],
    ['disputed false is not a dispute', [{ date: '2027-04-01', due: '2027-05-31', open: 10, disputed: false }], []],
    // due 05-16: 45 days overdue at 06-30 → not late; due 05-15: 46 days → late.
    ['45 days overdue: not late', [{ date: '2027-04-01', due: '2027-05-16', open: 10 }], []],
    ['46 days overdue, undeclared', [{ date: '2027-04-01', due: '2027-05-15', open: 10 }], ['declaration-late']],
    // due 05-15 + 45 = declareBy 06-29.
    ['declared on declareBy', [{ date: '2027-04-01', due: '2027-05-15', open: 10, declaredOn: '2027-06-29' }], []],
    [
      'declared the day after declareBy',
      [{ date: '2027-04-01', due: '2027-05-15', open: 10, declaredOn: '2027-06-30' }],
      ['declaration-late'],
    ],
  ])('%s', (_name, rows, reasons) => {
    const e = run(rows, strictTerms, limit);
    expect(e.invoices[0].reasons).toEqual(reasons);
  });

  test('stop-shipment: strictly after another open invoice due + extension, never triggered by itself or a paid one', () => {
    const e = byNo(
      run(
        [
          { no: 'A', date: '2027-03-01', due: '2027-04-01', open: 100 }, // threshold 04-01 + 30 = 05-01
          { no: 'on', date: '2027-05-01', due: '2027-06-01', open: 100 }, // on the threshold: not later
          { no: 'after', date: '2027-05-02', due: '2027-06-01', open: 100 },
          { no: 'paid', buyer: 'B2', date: '2027-02-01', due: '2027-02-10', open: 50 }, // used up by a credit
          { no: 'cn', buyer: 'B2', date: '2027-02-11', due: '2027-02-11', open: -50 },
          { no: 'B2-new', buyer: 'B2', date: '2027-05-02', due: '2027-06-01', open: 100 },
          // Its own due date + 30 is before its own issue date: only *another* invoice triggers.
          { no: 'self', buyer: 'B3', date: '2027-05-02', due: '2027-03-01', open: 100 },
        ],
        { maxExtensionDays: 30 },
        [
          { buyer: 'B1', amount: 100_000, validFrom: '2027-01-01' },
          { buyer: 'B2', amount: 100_000, validFrom: '2027-01-01' },
          { buyer: 'B3', amount: 100_000, validFrom: '2027-01-01' },
        ],
      ),
    );
    expect(e.on.reasons).toEqual([]);
    expect(e.after.reasons).toEqual(['stop-shipment']);
    expect(e['B2-new'].reasons).toEqual([]);
    expect(e.self.reasons).toEqual([]);
    // An excluded invoice still triggers: A is disputed below.
    const disputed = byNo(
      run(
        [
          { no: 'A', date: '2027-03-01', due: '2027-04-01', open: 100, disputed: true },
          { no: 'after', date: '2027-05-02', due: '2027-06-01', open: 100 },
        ],
        { maxExtensionDays: 30 },
      ),
    );
    expect(disputed.after.reasons).toEqual(['stop-shipment']);
  });

  test('no-limit: a cancelled named limit never falls back to discretionary cover', () => {
    const e = byNo(
      run(
        [
          { no: 'in-force', date: '2027-03-15', due: '2027-04-15', open: 100 },
          { no: 'after-cancel', date: '2027-04-01', due: '2027-05-01', open: 100 },
          { no: 'discretionary', buyer: 'B2', date: '2027-04-01', due: '2027-05-01', open: 100 },
        ],
        { discretionaryLimit: 5000 },
        [{ buyer: 'B1', amount: 3000, validFrom: '2027-01-01', validTo: '2027-03-31' }],
      ),
    );
    expect(e['in-force'].reasons).toEqual([]);
    expect(e['after-cancel'].reasons).toEqual(['no-limit']);
    expect(e.discretionary.reasons).toEqual([]);
  });

  test('no named limit and no discretionary limit: no-limit, limit kind none', () => {
    const e = run([{ date: '2027-03-15', due: '2027-04-15', open: 100 }], {}, []);
    expect(e.invoices[0].reasons).toEqual(['no-limit']);
    expect(e.buyers[0]).toMatchObject({ limitKind: 'none', limit: 0, covered: 0 });
  });

  test('several exclude events: highest priority first, then file order, without duplicates', () => {
    const rules: TestRule[] = [
      { buyerOnly: true, when: () => true, effect: { type: 'exclude', reason: 'low', priority: 1, order: 0 } },
      { buyerOnly: false, when: () => true, effect: { type: 'exclude', reason: 'high', priority: 5, order: 1 } },
      { buyerOnly: false, when: () => true, effect: { type: 'exclude', reason: 'low', priority: 1, order: 2 } },
      { buyerOnly: true, when: () => true, effect: { type: 'exclude', reason: 'mid', priority: 5, order: 3 } },
    ];
    const e = run([{ date: '2027-03-15', due: '2027-04-15', open: 100 }], {}, undefined, rules);
    expect(e.invoices[0].reasons).toEqual(['rule:high', 'rule:mid', 'rule:low']);
  });
});

describe('step 5: the limit and the percent', () => {
  const cap = (max: number, order: number): TestRule => ({
    buyerOnly: true,
    when: () => true,
    effect: { type: 'limit', max: max * 100 },
    name: `cap-${order}`,
  });
  const pct = (percent: number): TestRule => ({
    buyerOnly: true,
    when: () => true,
    effect: { type: 'indemnity', percent: { num: percent, den: 1 } },
  });

  test('limit events cap the named limit, the lowest applies', () => {
    const e = run(
      [{ date: '2027-03-15', due: '2027-04-15', open: 20000 }],
      {},
      [{ buyer: 'B1', amount: 10000, validFrom: '2027-01-01' }],
      [cap(8000, 0), cap(6000, 1), cap(12000, 2)],
    );
    expect(e.buyers[0]).toMatchObject({ limit: 6000, insured: 6000, covered: 5400 }); // 6000 × 90 %
  });

  test('limit {max: 0} withdraws cover: eligible invoices are over-limit, not no-limit', () => {
    const e = run([{ date: '2027-03-15', due: '2027-04-15', open: 100 }], {}, undefined, [cap(0, 0)]);
    expect(e.invoices[0]).toMatchObject({
      status: 'over-limit',
      reasons: [],
      insured: 0,
      overLimit: 100,
      uninsured: 100,
    });
  });

  test('indemnity events only lower the percent', () => {
    const lowered = run([{ date: '2027-03-15', due: '2027-04-15', open: 1000 }], {}, undefined, [pct(85), pct(80)]);
    expect(lowered.buyers[0].indemnityPercent).toBe(80);
    expect(lowered.invoices[0].covered).toBe(800);
    const raised = run([{ date: '2027-03-15', due: '2027-04-15', open: 1000 }], {}, undefined, [pct(95)]);
    expect(raised.buyers[0].indemnityPercent).toBe(90);
  });

  test('a buyer without a named limit gets the discretionary limit and percent', () => {
    const e = run(
      [{ date: '2027-03-15', due: '2027-04-15', open: 9000 }],
      { discretionaryLimit: 7500, discretionary: 70 },
      [],
    );
    expect(e.buyers[0]).toMatchObject({ limitKind: 'discretionary', limit: 7500, indemnityPercent: 70, insured: 7500 });
    expect(e.invoices[0]).toMatchObject({ status: 'partial', covered: 5250, uninsured: 3750 }); // 7500 × 70 %
  });

  test('several named limits: the one in force at T, else the latest; cover starts at the earliest', () => {
    const limits = [
      { buyer: 'B1', amount: 5000, validFrom: '2027-02-01', validTo: '2027-03-31' },
      { buyer: 'B1', amount: 8000, validFrom: '2027-04-01', validTo: '2027-05-31' },
    ];
    // At 06-30 neither is in force: the latest (8000) caps; an invoice of 03-10 was issued under the first.
    const e = byNo(
      run(
        [
          { no: 'under-first', date: '2027-03-10', due: '2027-04-10', open: 9000 },
          { no: 'after-both', date: '2027-06-15', due: '2027-07-15', open: 100 },
        ],
        { carenceDays: 10 },
        limits,
      ),
    );
    expect(e['under-first']).toMatchObject({ reasons: [], insured: 8000, overLimit: 1000 });
    expect(e['after-both'].reasons).toEqual(['no-limit']);
    const inForce = run([{ date: '2027-04-10', due: '2027-05-10', open: 9000 }], {}, limits, [], {}, '2027-05-01');
    expect(inForce.buyers[0].limit).toBe(8000);
    // Carence counts from the earliest validFrom (02-01 + 10 = 02-11).
    const carence = run([{ date: '2027-02-10', due: '2027-03-10', open: 10 }], { carenceDays: 10 }, limits);
    expect(carence.invoices[0].reasons).toEqual(['carence']);
  });
});

describe('step 6: allocation in invoice-date order, then row order', () => {
  test('the limit is used up by the oldest invoice dates first', () => {
    const e = byNo(
      run(
        [
          { no: 'r2-mar', date: '2027-03-01', due: '2027-04-01', open: 1000 },
          { no: 'r3-feb', date: '2027-02-01', due: '2027-04-01', open: 1000 },
          { no: 'r4-feb', date: '2027-02-01', due: '2027-04-01', open: 1000 },
        ],
        {},
        [{ buyer: 'B1', amount: 1500, validFrom: '2027-01-01' }],
      ),
    );
    expect(e['r3-feb']).toMatchObject({ status: 'covered', insured: 1000, overLimit: 0 });
    expect(e['r4-feb']).toMatchObject({ status: 'partial', insured: 500, overLimit: 500 });
    expect(e['r2-mar']).toMatchObject({
      status: 'over-limit',
      insured: 0,
      overLimit: 1000,
      covered: 0,
      uninsured: 1000,
    });
  });

  test('excluded invoices do not use the limit', () => {
    const e = byNo(
      run(
        [
          { no: 'disputed', date: '2027-02-01', due: '2027-04-01', open: 1000, disputed: true },
          { no: 'ok', date: '2027-03-01', due: '2027-04-01', open: 1000 },
        ],
        {},
        [{ buyer: 'B1', amount: 1000, validFrom: '2027-01-01' }],
      ),
    );
    expect(e.ok).toMatchObject({ status: 'covered', insured: 1000 });
  });
});

describe('step 7: covered amounts, rounded half up', () => {
  test.each([
    // insured, percent, covered (by hand)
    [100.01, 92.5, 92.51], // 92.509250 → 92.51
    [0.05, 90, 0.05], // 0.045 → half up → 0.05
    [0.15, 90, 0.14], // 0.135 → 0.14
    [0.01, 50, 0.01], // 0.005 → 0.01
    [333.33, 75, 250], // 249.9975 → 250.00
  ])('%p insured at %p %% → %p covered', (open, named, covered) => {
    const e = run([{ date: '2027-03-01', due: '2027-04-01', open }], { named });
    expect(e.invoices[0].covered).toBe(covered);
    expect(Math.round(e.invoices[0].uninsured * 100)).toBe(Math.round(open * 100) - Math.round(covered * 100));
  });
});

describe('step 8: deadlines and declare-soon', () => {
  const t: TermsInput = { declarationDeadlineDays: 60, indemnityWaitingDays: 150 };
  test('declareBy = due + 60, claimableOn = due + 150, on every row', () => {
    const e = run([{ date: '2027-04-01', due: '2027-05-01', open: 10 }], t, undefined, [], {}, '2027-06-15');
    // 05-01 + 60 = 06-30; 05-01 + 150: +30 → 05-31, +30 → 06-30, +31 → 07-31, +31 → 08-31, +28 → 09-28.
    expect(e.invoices[0]).toMatchObject({ declareBy: '2027-06-30', claimableOn: '2027-09-28', daysOverdue: 45 });
  });

  test.each<[string, string, Partial<InvoiceInput>, boolean]>([
    ['15 days before declareBy', '2027-06-15', {}, true],
    ['16 days before declareBy', '2027-06-14', {}, false],
    ['on declareBy', '2027-06-30', {}, true],
    ['declared before T', '2027-06-20', { declaredOn: '2027-06-19' }, false],
    ['declared after T (not yet)', '2027-06-20', { declaredOn: '2027-06-25' }, true],
    ['excluded (disputed)', '2027-06-20', { disputed: true }, false],
  ])('%s', (_name, asOf, extra, flagged) => {
    const e = run([{ date: '2027-04-01', due: '2027-05-01', open: 10, ...extra }], t, undefined, [], {}, asOf);
    expect(e.invoices[0].flags.includes('declare-soon')).toBe(flagged);
    expect(e.buyers[0].flags.includes('declare-soon')).toBe(flagged);
  });

  test('an invoice not yet due is never declare-soon', () => {
    // deadline 5: due 06-16, declareBy 06-21 is 6 days after T, but the invoice is not overdue.
    const e = run(
      [{ date: '2027-04-01', due: '2027-06-16', open: 10 }],
      { declarationDeadlineDays: 5 },
      undefined,
      [],
      {},
      '2027-06-15',
    );
    expect(e.invoices[0].flags).toEqual([]);
  });
});

describe('step 9: claims', () => {
  const overdue = (no: string, buyer: string, open: number): InvoiceInput => ({
    no,
    buyer,
    date: '2027-03-01',
    due: '2027-04-01',
    open,
  });
  const limits = [
    { buyer: 'B1', amount: 100_000, validFrom: '2027-01-01' },
    { buyer: 'B2', amount: 100_000, validFrom: '2027-01-01' },
    { buyer: 'B3', amount: 100_000, validFrom: '2027-01-01' },
  ];

  test('minimum claim, excess, aggregate deductible', () => {
    const e = run(
      [overdue('a', 'B1', 400), overdue('b', 'B2', 1000), overdue('c', 'B3', 2000)],
      { minimumClaim: 500, excessPerClaim: 100, annualAggregateDeductible: 1000 },
      limits,
    );
    const [b1, b2, b3] = e.buyers;
    expect(b1).toMatchObject({ claimBase: 400, claim: 0, flags: ['below-minimum'] }); // 0 < 400 < 500
    expect(b2).toMatchObject({ claimBase: 1000, claim: 800, flags: [] }); // 900 − 100
    expect(b3).toMatchObject({ claimBase: 2000, claim: 1700 }); // 1800 − 100
    expect(e.totals.claims).toBe(2500);
    expect(e.totals.portfolioIndemnity).toBe(1500); // 2500 − 1000
  });

  test('the excess never makes a claim negative; maximum liability caps the portfolio', () => {
    const e = run(
      [overdue('a', 'B1', 100), overdue('b', 'B2', 5000)],
      { excessPerClaim: 100, maxLiability: 2000 },
      limits,
    );
    expect(e.buyers[0].claim).toBe(0); // 90 − 100 → 0
    expect(e.buyers[1].claim).toBe(4400); // 4500 − 100
    expect(e.totals.portfolioIndemnity).toBe(2000);
  });

  test('only overdue eligible invoices form the base; the claim rounds once on the base', () => {
    const e = run(
      [
        overdue('a', 'B1', 0.05),
        overdue('b', 'B1', 0.05),
        { no: 'not-due', buyer: 'B1', date: '2027-06-01', due: '2027-07-31', open: 1000 },
      ],
      {},
      limits,
    );
    // Covered: 0.045 → 0.05 each, 900 for the invoice not yet due. Claim: round(0.10 × 90 %) = 0.09.
    expect(e.buyers[0]).toMatchObject({ covered: 900.1, claimBase: 0.1, claim: 0.09 });
  });

  test('a base of zero is no claim and no below-minimum flag', () => {
    const e = run([{ date: '2027-06-01', due: '2027-07-31', open: 1000 }], { minimumClaim: 500 });
    expect(e.buyers[0]).toMatchObject({ claimBase: 0, claim: 0, flags: [] });
  });
});

describe('flags stay on the invoice that raised them', () => {
  test('a declare-soon invoice flags its buyer, not the buyer’s other invoices', () => {
    const rules: TestRule[] = [
      { buyerOnly: true, when: () => true, effect: { type: 'flag', code: 'watch', message: 'watch this buyer' } },
    ];
    const e = byNo(
      run(
        [
          // due 05-01 + 60 = 06-30: 15 days after T 06-15 → declare-soon.
          { no: 'soon', date: '2027-04-01', due: '2027-05-01', open: 10 },
          { no: 'later', date: '2027-06-01', due: '2027-07-01', open: 10 },
        ],
        { declarationDeadlineDays: 60 },
        undefined,
        rules,
        {},
        '2027-06-15',
      ),
    );
    expect(e.soon.flags).toEqual(['watch', 'declare-soon']);
    expect(e.later.flags).toEqual(['watch']);
  });
});
