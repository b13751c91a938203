/**
 * The Evaluate button's work, against the in-memory Excel: the built-in demo workbook evaluated
 * with each sample, what lands in the workbook and in the custom functions' store, and every
 * failure reaching the user as a message (the cells it would overwrite, a sheet without a ledger,
 * a failed sync).
 */
import { POLICY_SETTING, WouldOverwriteError } from '../../src/excel';
import { MemoryWorkbook } from '../../src/excel/memory-host';
import { getPolicyStore } from '../../src/functions';
import { outputLabels } from '../../src/sheet/output-labels';
import { demoLedgerCells, demoWorkbook, DEMO_AS_OF, DEMO_SHEET } from '../../src/taskpane/demo-workbook';
import { describeError } from '../../src/taskpane/errors';
import { demoHost, type WorkbookHost } from '../../src/taskpane/host';
import { LABELS, type Phase } from '../../src/taskpane/labels';
import { readLedgerSheet, readLedgerTable } from '../../src/taskpane/ledger-sheet';
import { ruleFileFromJson, type LoadedRuleFile } from '../../src/taskpane/rule-file';
import { NoLedgerError, runEvaluation, type EvaluationRequest } from '../../src/taskpane/run-evaluation';
import { SAMPLE_RULE_FILES } from '../../src/taskpane/samples';

function sample(key: string): LoadedRuleFile {
  const found = SAMPLE_RULE_FILES.find((s) => s.key === key);
  const outcome = found && ruleFileFromJson(found.json);
  if (!outcome?.ok) throw new Error(`sample ${key} does not load`);
  return outcome.file;
}

function request(host: WorkbookHost, overrides: Partial<EvaluationRequest> = {}): EvaluationRequest {
  return {
    host,
    sheetName: DEMO_SHEET,
    overrides: {},
    rules: sample('fr-pme-globale'),
    asOf: DEMO_AS_OF,
    lang: 'fr',
    ...overrides,
  };
}

describe('the built-in demo workbook', () => {
  it('is the same every time: 60 ledger rows under a title, and the ERP’s grand total', () => {
    const { values } = demoLedgerCells();
    expect(values).toHaveLength(1 + 60 + 2);
    expect(demoLedgerCells()).toEqual(demoLedgerCells());
    const book = demoWorkbook();
    expect(book.sheetNames()).toEqual([DEMO_SHEET, 'Lisez-moi']);
    expect(book.activeSheet()).toBe(DEMO_SHEET);
    expect(book.values(DEMO_SHEET, 'A4:B5')).toEqual([
      ['SIREN', 'Raison sociale'],
      ['054321872', 'Boulangeries Martin SAS'],
    ]);
  });

  it('shows, with the French sample, every status and the reasons a broker asks about', async () => {
    const run = await runEvaluation(request(demoHost(demoWorkbook())));
    const { evaluation } = run;
    expect(evaluation.counts).toEqual({ rowsRead: 62, rowsEvaluated: 58, rowsSkipped: 2, rowsReported: 2 });
    expect(new Set(evaluation.invoices.map((l) => l.status))).toEqual(
      new Set(['covered', 'partial', 'over-limit', 'excluded', 'credit']),
    );
    const reasons = new Set(evaluation.invoices.flatMap((l) => l.reasons));
    for (const reason of [
      'carence',
      'credit-period',
      'disputed',
      'declaration-late',
      'stop-shipment',
      'rule:foreign-buyer',
      'rule:public-buyer',
      'rule:private-individual',
    ]) {
      expect(reasons).toContain(reason);
    }
    expect(evaluation.invoices.some((l) => l.flags.includes('declare-soon'))).toBe(true);
    expect(evaluation.diagnostics.map((d) => d.code)).toEqual(
      expect.arrayContaining(['bad-date', 'no-fx-rate', 'row-skipped']),
    );
    // Diagnostics name the sheet's own column, as the command line's do.
    expect(evaluation.diagnostics.find((d) => d.code === 'no-fx-rate')?.column).toBe('Devise');
    expect(evaluation.totals.open).toBe(evaluation.totals.covered + evaluation.totals.uninsured);
  });

  it.each(SAMPLE_RULE_FILES.map((s) => s.key))('evaluates with the sample %s', async (key) => {
    const run = await runEvaluation(request(demoHost(demoWorkbook()), { rules: sample(key) }));
    expect(run.evaluation.policy.id).toBe(sample(key).policy.terms.id);
  });
});

describe('runEvaluation', () => {
  it('reads, evaluates, writes, stores the policy, loads with the workbook and tells the custom functions', async () => {
    const book = demoWorkbook();
    const phases: Phase[] = [];
    let loadOnOpen = 0;
    const host: WorkbookHost = {
      ...demoHost(book),
      enableLoadOnOpen: async () => void loadOnOpen++,
    };
    const rules = sample('fr-pme-globale');
    const run = await runEvaluation(request(host, { onPhase: (p) => phases.push(p) }));

    expect(phases).toEqual(['reading', 'evaluating', 'writing', 'storing']);
    expect(run.write.address).toBe("'Balance âgée'!N4:U66");
    expect(run.write.summarySheet).toBe('credit-cover');
    expect(book.sheetNames()).toEqual([DEMO_SHEET, 'Lisez-moi', 'credit-cover']);
    // F27-0101: 8,400 TTC less the 1,200 credit note (oldest due date first) = 7,200 TTC = 6,000 HT, insured.
    expect(book.values(DEMO_SHEET, 'N4:P5')).toEqual([
      [outputLabels('fr').columns.status, outputLabels('fr').columns.reason, outputLabels('fr').columns.insured],
      [outputLabels('fr').status.covered, null, 6000],
    ]);
    expect(book.setting(POLICY_SETTING)).toMatchObject({
      id: 'FR-PME-2027-0042',
      hash: rules.hash,
      asOf: DEMO_AS_OF,
      text: rules.text,
    });
    expect(loadOnOpen).toBe(1);
    const state = getPolicyStore().state();
    expect(state.kind).toBe('active');
    if (state.kind === 'active') {
      expect(state.active.stored.hash).toBe(rules.hash);
      expect(state.active.known.get('054321872')?.buyerName).toBe('Boulangeries Martin SAS');
    }
  });

  it('evaluates again over its own columns, with the same result', async () => {
    const host = demoHost(demoWorkbook());
    const first = await runEvaluation(request(host));
    const second = await runEvaluation(request(host));
    expect(second.write.address).toBe(first.write.address);
    expect(second.evaluation).toEqual(first.evaluation);
  });

  it('uses the user’s column corrections', async () => {
    const host = demoHost(demoWorkbook());
    const read = readLedgerTable(await readLedgerSheet(host, DEMO_SHEET), { open: 'Montant TTC' });
    expect(read.mapping.columns.open?.header).toBe('Montant TTC');
    const run = await runEvaluation(request(host, { overrides: { open: 'Montant TTC' } }));
    // F27-0302 is half paid: its open amount is now the invoice amount.
    expect(run.evaluation.invoices.find((l) => l.invoiceNo === 'F27-0302')?.open).toBe(5400);
  });

  it('refuses to write over the user’s data, naming the cells, and writes nothing', async () => {
    const book = demoWorkbook().setCells(DEMO_SHEET, 'O10', [['note de la comptable']]);
    const error = await runEvaluation(request(demoHost(book))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WouldOverwriteError);
    expect(describeError(error, LABELS.fr).message).toBe(LABELS.fr.wouldOverwriteCells("'Balance âgée'!O10"));
    expect(book.sheetNames()).not.toContain('credit-cover');
    expect(book.setting(POLICY_SETTING)).toBeUndefined();
  });

  it('says why a sheet holds no ledger', async () => {
    const error = await runEvaluation(request(demoHost(demoWorkbook()), { sheetName: 'Lisez-moi' })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(NoLedgerError);
    const text = describeError(error, LABELS.en);
    expect(text.message).toBe(LABELS.en.noLedgerTitle);
    expect(text.details.length).toBeGreaterThan(0);
  });

  it('passes on a failed sync with Excel’s message and code', async () => {
    const book = demoWorkbook();
    const host = demoHost(book);
    await readLedgerSheet(host, DEMO_SHEET);
    // The read is one sync; the write's check is the next: make the one after it fail.
    book.failOnSync(book.syncs.length + 3, { message: 'The request failed (simulated).' });
    const error = await runEvaluation(request(host)).catch((e: unknown) => e);
    expect(describeError(error, LABELS.en).message).toBe(
      LABELS.en.excelError('GeneralException', 'The request failed (simulated).'),
    );
  });

  it('refuses an as-of date that is not YYYY-MM-DD before touching the workbook', async () => {
    const book = new MemoryWorkbook().addSheet('S');
    await expect(runEvaluation(request(demoHost(book), { asOf: '30/06/2027' }))).rejects.toThrow(/YYYY-MM-DD/);
    expect(book.syncs).toHaveLength(0);
  });
});

describe('readLedgerSheet', () => {
  it('reads the active sheet, or the last run’s ledger when the active sheet is credit-cover’s summary', async () => {
    const book = demoWorkbook();
    const host = demoHost(book);
    expect((await readLedgerSheet(host)).sheetName).toBe(DEMO_SHEET);
    await runEvaluation(request(host));
    await book.run(async (context) => {
      context.workbook.worksheets.getItem('credit-cover').activate();
      await context.sync();
    });
    expect(book.activeSheet()).toBe('credit-cover');
    expect((await readLedgerSheet(host)).sheetName).toBe(DEMO_SHEET);
  });
});
