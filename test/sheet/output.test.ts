import {
  ageBucketIndex,
  aggregateStatus,
  asTextCell,
  bucketOrder,
  buildExposurePlan,
  buildSummaryModel,
  currencyFormat,
  dateFormat,
  isFormulaLike,
  isTextCell,
  type ExposurePlan,
  type PlanCell,
  type SummaryBlock,
} from '../../src/sheet/output';
import {
  exposureHeaders,
  flagText,
  KNOWN_FLAGS,
  KNOWN_REASONS,
  outputLabels,
  reasonText,
} from '../../src/sheet/output-labels';
import type { InvoiceResult } from '../../src/domain';
import {
  AT_NAME,
  bucketEvaluation,
  FORMULA_NAME,
  invoiceEvaluation,
  largeEvaluation,
  MINUS_ID,
  RULE_REASON,
} from './output-fixtures';

const text = (t: string): PlanCell => asTextCell(t);
const date = (iso: string): PlanCell => ({ type: 'date', iso });

function planFor(lang: 'fr' | 'en' = 'fr'): ExposurePlan {
  return buildExposurePlan(invoiceEvaluation(), { headerRow: 1, firstOutputColumn: 9, lastDataRow: 10, lang });
}

/** The plan's cells of one sheet row, keyed by column key. */
function rowOf(plan: ExposurePlan, sheetRow: number): Record<string, PlanCell> {
  const values = plan.rows[sheetRow - plan.firstDataRow];
  return Object.fromEntries(plan.columns.map((c, i) => [c.key, values[i]]));
}

describe('labels', () => {
  it('names the exposure columns in French and English', () => {
    expect(exposureHeaders('fr')).toEqual([
      'Statut',
      'Motif',
      'Assuré',
      'Couvert',
      'Non couvert',
      'Déclarer avant',
      'Indemnisable le',
      'Alertes',
    ]);
    expect(exposureHeaders('en')).toEqual([
      'Status',
      'Reason',
      'Insured',
      'Covered',
      'Uninsured',
      'Declare by',
      'Claimable on',
      'Flags',
    ]);
  });

  it.each([
    ['covered', 'Couvert', 'Covered'],
    ['partial', 'Partiel', 'Partial'],
    ['over-limit', 'Hors limite', 'Over limit'],
    ['excluded', 'Exclu', 'Excluded'],
    ['credit', 'Avoir', 'Credit'],
  ] as const)('names status %s', (status, fr, en) => {
    expect(outputLabels('fr').status[status]).toBe(fr);
    expect(outputLabels('en').status[status]).toBe(en);
  });

  it('has a text for every reason and flag code in both languages, distinct from the code', () => {
    for (const lang of ['fr', 'en'] as const) {
      for (const code of KNOWN_REASONS) expect(reasonText(code, lang)).not.toBe(code);
      for (const code of KNOWN_FLAGS) expect(flagText(code, lang)).not.toBe(code);
    }
    expect(reasonText('carence', 'fr')).toBe('Délai de carence');
    expect(reasonText('no-limit', 'en')).toBe('No credit limit');
  });

  it('shows a rule reason as the rule file writes it, and a rule flag by its message', () => {
    expect(reasonText('rule:sanctioned-country', 'fr')).toBe('sanctioned-country');
    expect(reasonText('rule:', 'en')).toBe('');
    expect(flagText('watch', 'en', { watch: 'Buyer under watch' })).toBe('Buyer under watch');
    expect(flagText('unknown', 'en')).toBe('unknown');
  });
});

describe('number formats', () => {
  it.each([
    ['EUR', '#,##0.00 "€"'],
    ['USD', '"$"#,##0.00'],
    ['GBP', '"£"#,##0.00'],
    ['CHF', '#,##0.00 "CHF"'],
    ['X"Y', '#,##0.00 "XY"'],
  ])('formats %s amounts as %s', (currency, format) => {
    expect(currencyFormat(currency)).toBe(format);
  });

  it('formats dates as the language writes them', () => {
    expect(dateFormat('fr')).toBe('dd/mm/yyyy');
    expect(dateFormat('en')).toBe('m/d/yyyy');
  });
});

describe('formula-looking text', () => {
  it.each([
    ['=1+1', true],
    ['+33 1 23', true],
    ['-42', true],
    ['@SUM(A1)', true],
    ['\tx', true],
    ['\rx', true],
    ['Alpha', false],
    ['0012', false],
    ['', false],
  ])('%j looks like a formula: %s', (value, expected) => {
    expect(isFormulaLike(value)).toBe(expected);
  });

  it('carries every text of the plan as a text cell, never as a bare string', () => {
    const plan = planFor();
    for (const row of plan.rows) for (const cell of row) expect(typeof cell).not.toBe('string');
    expect(rowOf(plan, 9).reason).toEqual(text(RULE_REASON));
    const summary = buildSummaryModel(invoiceEvaluation(), 'fr');
    const names = summary.buyers.rows.map((r) => r[1]);
    expect(names).toContainEqual(text(FORMULA_NAME));
    expect(names).toContainEqual(text(AT_NAME));
    for (const table of [summary.buyers, summary.declarations, summary.diagnostics]) {
      for (const row of table.rows) for (const cell of row) expect(typeof cell).not.toBe('string');
    }
  });
});

describe('buildExposurePlan at invoice level', () => {
  it('places the columns right of the user data, with headers, formats and widths', () => {
    const plan = planFor();
    expect(plan.columns.map((c) => c.column)).toEqual([9, 10, 11, 12, 13, 14, 15, 16]);
    expect(plan.headers.map((h) => h.text)).toEqual(exposureHeaders('fr'));
    expect(plan.columns.map((c) => c.numberFormat)).toEqual([
      '@',
      '@',
      '#,##0.00 "€"',
      '#,##0.00 "€"',
      '#,##0.00 "€"',
      'dd/mm/yyyy',
      'dd/mm/yyyy',
      '@',
    ]);
    expect(plan.columns.every((c) => c.width > 0)).toBe(true);
    expect([plan.firstColumn, plan.lastColumn, plan.firstDataRow, plan.lastDataRow]).toEqual([9, 16, 2, 10]);
  });

  it('gives one value array per sheet row from the header to the last data row', () => {
    const plan = planFor();
    expect(plan.rows).toHaveLength(9);
    expect(plan.rows.every((r) => r.length === 8)).toBe(true);
  });

  it.each([
    [2, 'Couvert', null, 1000, 900, 100, '2027-08-14', '2027-11-12', null],
    [3, 'Partiel', null, 1000, 900, 1100, '2027-07-15', '2027-10-13', null],
    [4, 'Hors limite', null, 0, 0, 500, '2027-08-04', '2027-11-17', null],
    [5, 'Exclu', 'Délai de carence ; Déclaration hors délai', 0, 0, 250, '2027-05-06', '2027-08-19', null],
    [6, 'Avoir', null, 0, 0, 0, '2027-08-04', '2027-11-17', null],
    [8, 'Couvert', null, 400, 360, 40, '2027-07-10', '2027-10-08', 'Déclarer bientôt'],
    [9, 'Exclu', RULE_REASON, 0, 0, 100, '2027-08-09', '2027-11-22', null],
  ])('row %i: %s', (row, status, reason, insured, covered, uninsured, declareBy, claimableOn, flags) => {
    expect(rowOf(planFor(), row)).toEqual({
      status: text(status),
      reason: reason === null ? null : text(reason),
      insured,
      covered,
      uninsured,
      declareBy: date(declareBy),
      claimableOn: date(claimableOn),
      flags: flags === null ? null : text(flags),
    });
  });

  it('says "Not read" for a reported row and leaves a skipped row empty', () => {
    const fr = planFor('fr');
    expect(rowOf(fr, 7).status).toEqual(text('Non lu'));
    expect(Object.values(rowOf(fr, 7)).filter((v) => v !== null)).toHaveLength(1);
    expect(rowOf(planFor('en'), 7).status).toEqual(text('Not read'));
    expect(Object.values(rowOf(fr, 10)).every((v) => v === null)).toBe(true);
  });

  it('reconciles: the plan columns sum to the evaluation totals', () => {
    const plan = planFor();
    const sum = (key: string): number =>
      plan.rows.reduce((acc, _, i) => acc + Math.round(((rowOf(plan, i + 2)[key] as number) ?? 0) * 100), 0) / 100;
    const { totals } = invoiceEvaluation();
    expect(sum('insured')).toBe(totals.insured);
    expect(sum('covered')).toBe(totals.covered);
    expect(sum('uninsured')).toBe(totals.uninsured);
  });

  it('highlights with a fixed handful of formula rules on whole column ranges', () => {
    const plan = planFor();
    expect(plan.highlights.map((h) => [h.key, h.address, h.priority])).toEqual([
      ['declare', 'N2:P10', 1],
      ['not-read', 'I2:J10', 2],
      ['excluded', 'I2:J10', 3],
      ['over-limit-or-partial', 'I2:J10', 4],
      ['covered', 'I2:J10', 5],
    ]);
    const formula = Object.fromEntries(plan.highlights.map((h) => [h.key, h.formula]));
    expect(formula.excluded).toBe('$I2="Exclu"');
    expect(formula['over-limit-or-partial']).toBe('OR($I2="Hors limite",$I2="Partiel")');
    expect(formula.covered).toBe('$I2="Couvert"');
    expect(formula['not-read']).toBe('$I2="Non lu"');
    expect(formula.declare).toBe(
      'OR(ISNUMBER(SEARCH("Déclarer bientôt",$P2)),ISNUMBER(SEARCH("Vérifier les déclarations",$P2)))',
    );
    expect(plan.highlights.map((h) => h.style.fill)).toEqual(['F8CBAD', 'D9D9D9', 'FFC7CE', 'FFEB9C', 'C6EFCE']);
  });

  it('has as many highlight rules for 1,000 rows as for 10', () => {
    const plan = (n: number): ExposurePlan =>
      buildExposurePlan(largeEvaluation(n), { headerRow: 1, firstOutputColumn: 3, lastDataRow: n + 1, lang: 'en' });
    const small = plan(10);
    const large = plan(1000);
    expect(large.highlights).toHaveLength(small.highlights.length);
    expect(large.highlights[1].address).toBe('C2:D1001');
    expect(large.rows).toHaveLength(1000);
  });

  it('has no highlight rule when the ledger has no data row', () => {
    const plan = buildExposurePlan(invoiceEvaluation(), {
      headerRow: 4,
      firstOutputColumn: 2,
      lastDataRow: 4,
      lang: 'en',
    });
    expect(plan.rows).toEqual([]);
    expect(plan.highlights).toEqual([]);
  });

  it('ignores lines outside the written rows and refuses nonsense positions', () => {
    const plan = buildExposurePlan(invoiceEvaluation(), {
      headerRow: 1,
      firstOutputColumn: 9,
      lastDataRow: 3,
      lang: 'en',
    });
    expect(plan.rows).toHaveLength(2);
    expect(() =>
      buildExposurePlan(invoiceEvaluation(), { headerRow: 0, firstOutputColumn: 9, lastDataRow: 3, lang: 'en' }),
    ).toThrow(/headerRow/);
    expect(() =>
      buildExposurePlan(invoiceEvaluation(), { headerRow: 1, firstOutputColumn: 0, lastDataRow: 3, lang: 'en' }),
    ).toThrow(/firstOutputColumn/);
  });

  it('uses the policy currency format for the amount columns', () => {
    const evaluation = invoiceEvaluation();
    evaluation.policy.currency = 'USD';
    const plan = buildExposurePlan(evaluation, { headerRow: 1, firstOutputColumn: 9, lastDataRow: 10, lang: 'en' });
    expect(plan.columns.filter((c) => c.kind === 'amount').map((c) => c.numberFormat)).toEqual([
      '"$"#,##0.00',
      '"$"#,##0.00',
      '"$"#,##0.00',
    ]);
    expect(plan.columns.find((c) => c.key === 'declareBy')?.numberFormat).toBe('m/d/yyyy');
  });
});

describe('buildExposurePlan at bucket level', () => {
  const plan = buildExposurePlan(bucketEvaluation(), {
    headerRow: 1,
    firstOutputColumn: 5,
    lastDataRow: 4,
    lang: 'fr',
  });

  it('aggregates the buckets of a row: sums, first reason, flags, no dates', () => {
    expect(rowOf(plan, 2)).toEqual({
      status: text('Partiel'),
      reason: text('Déclaration hors délai'),
      insured: 1500,
      covered: 1350,
      uninsured: 350,
      declareBy: null,
      claimableOn: null,
      flags: text('Vérifier les déclarations'),
    });
    expect(rowOf(plan, 3)).toMatchObject({
      status: text('Exclu'),
      reason: text('Pas de limite de crédit'),
      uninsured: 400,
    });
    expect(rowOf(plan, 4)).toMatchObject({ status: text('Avoir'), reason: null, uninsured: 0 });
  });

  const l = (status: InvoiceResult['status'], insured = 0): InvoiceResult =>
    ({ status, insured }) as unknown as InvoiceResult;
  it.each([
    [[l('covered', 1), l('covered', 1)], 'covered'],
    [[l('excluded'), l('excluded')], 'excluded'],
    [[l('credit'), l('credit')], 'credit'],
    [[l('over-limit'), l('over-limit')], 'over-limit'],
    [[l('covered', 1), l('credit')], 'covered'],
    [[l('covered', 1), l('excluded')], 'partial'],
    [[l('partial', 1), l('over-limit')], 'partial'],
    [[l('excluded'), l('over-limit')], 'over-limit'],
  ])('aggregates %j to %s', (lines, status) => {
    expect(aggregateStatus(lines)).toBe(status);
  });
});

function item(block: SummaryBlock, key: string): PlanCell | undefined {
  return block.items.find((i) => i.key === key)?.value;
}

describe('buildSummaryModel', () => {
  const evaluation = invoiceEvaluation();
  const model = buildSummaryModel(evaluation, 'fr');

  it('titles the sheet and identifies the policy and the as-of date', () => {
    expect(model.title).toBe('Synthèse credit-cover');
    expect(model.subtitle).toBe('Au 30/06/2027, niveau facture');
    expect(buildSummaryModel(evaluation, 'en').subtitle).toBe('As of 6/30/2027, invoice level');
    expect(item(model.policy, 'id')).toEqual(text('EX-2027-001'));
    expect(item(model.policy, 'version')).toEqual(text('1.0.0'));
    expect(item(model.policy, 'hash')).toEqual(text('sha256:0123456789abcdef'));
    expect(item(model.policy, 'insurer')).toEqual(text('Example Insurer SA'));
    expect(item(model.policy, 'asOf')).toEqual(date('2027-06-30'));
    expect(model.formats.amount).toBe('#,##0.00 "€"');
  });

  it('gives the totals of the evaluation, excluded amounts by reason', () => {
    const { totals } = evaluation;
    for (const key of [
      'open',
      'eligible',
      'insured',
      'overLimit',
      'covered',
      'uninsured',
      'claims',
      'portfolioIndemnity',
    ] as const) {
      expect(item(model.totals, key)).toBe(totals[key]);
    }
    const excluded = model.totals.items.filter((i) => i.key.startsWith('excluded:'));
    expect(excluded.map((i) => [i.label, i.value])).toEqual([
      ['Exclu : Délai de carence', 250],
      [`Exclu : ${RULE_REASON}`, 100],
    ]);
  });

  it('gives the counts, which add up', () => {
    const [read, evaluated, skipped, reported] = model.counts.items.map((i) => i.value as number);
    expect([read, evaluated, skipped, reported]).toEqual([9, 7, 1, 1]);
    expect(read).toBe(evaluated + skipped + reported);
  });

  it('lists the buyers by uninsured exposure, largest first', () => {
    expect(model.buyers.columns.map((c) => c.key)).toEqual([
      'buyerId',
      'buyerName',
      'country',
      'limitKind',
      'limit',
      'percent',
      'open',
      'insured',
      'covered',
      'uninsured',
      'claim',
      'flags',
    ]);
    expect(model.buyers.rows).toEqual([
      [text('B1'), text('Alpha SA'), text('FR'), text('Dénommée'), 2000, 90, 3500, 2000, 1800, 1700, 900, null],
      [text('B2'), text(FORMULA_NAME), text('DE'), text('Discrétionnaire'), 5000, 70, 250, 0, 0, 250, 0, null],
      [
        text(MINUS_ID),
        text(AT_NAME),
        null,
        text('Dénommée'),
        10000,
        92.5,
        500,
        400,
        360,
        140,
        360,
        text('Déclarer bientôt'),
      ],
    ]);
  });

  it('lists what to declare by deadline: declare-soon first, then eligible overdue invoices not yet late', () => {
    const rows = model.declarations.rows;
    expect(rows.map((r) => r[0])).toEqual([8, 3, 4]);
    expect(rows[0]).toEqual([
      8,
      text(MINUS_ID),
      text(AT_NAME),
      text('F005'),
      date('2027-05-11'),
      50,
      date('2027-07-10'),
      400,
      400,
      text('Déclarer bientôt'),
    ]);
    expect(model.declarations.note).not.toBeNull();
  });

  it('gives covered and uninsured by age bucket, from days overdue at invoice level', () => {
    expect(model.chart.categories).toEqual(['Non échu', '1-30', '31-60', '61-90', '91-120', '> 120']);
    expect(model.chart.series.map((s) => [s.key, s.values])).toEqual([
      ['covered', [900, 0, 1260, 0, 0, 0]],
      ['uninsured', [100, 600, 1140, 0, 250, 0]],
    ]);
    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    expect(sum(model.chart.series[0].values)).toBe(evaluation.totals.covered);
    expect(sum(model.chart.series[1].values)).toBe(evaluation.totals.uninsured);
  });

  it.each([
    [0, 0],
    [1, 1],
    [30, 1],
    [31, 2],
    [60, 2],
    [61, 3],
    [90, 3],
    [91, 4],
    [120, 4],
    [121, 5],
    [4000, 5],
  ])('puts %i days overdue in age bucket %i', (days, index) => {
    expect(ageBucketIndex(days)).toBe(index);
  });

  it('lists the diagnostics', () => {
    expect(model.diagnostics.rows).toEqual([
      [7, text('currency'), text('Erreur'), text('no-fx-rate'), text(evaluation.diagnostics[0].message)],
      [null, null, text('Information'), text('note'), text('+ a note that starts like a formula')],
    ]);
    expect(model.diagnostics.rows.flat().filter(isTextCell).length).toBe(7);
  });
});

describe('buildSummaryModel at bucket level', () => {
  const model = buildSummaryModel(bucketEvaluation(), 'en');

  it('charts the ledger buckets in column order', () => {
    expect(model.chart.categories).toEqual(['Non échu', '1-30', '31-60', '> 120']);
    expect(model.chart.series.map((s) => s.values)).toEqual([
      [900, 0, 450, 0],
      [200, 300, 50, 200],
    ]);
  });

  it('lists the buckets to check for declarations, with their bucket', () => {
    expect(model.declarations.columns[3].key).toBe('bucket');
    expect(model.declarations.rows).toEqual([
      [2, text('C1'), text('Gamma'), text('31-60'), null, 31, null, 500, 500, text('Check declarations')],
    ]);
  });

  it('recovers the bucket order from the buyers', () => {
    const l = (row: number, bucket: string): InvoiceResult => ({ row, bucket }) as unknown as InvoiceResult;
    expect(bucketOrder([l(2, 'b'), l(2, 'd'), l(3, 'a'), l(3, 'b'), l(4, 'c'), l(4, 'd')])).toEqual([
      'a',
      'b',
      'c',
      'd',
    ]);
  });
});
