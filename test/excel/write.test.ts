import { loadRuleFile } from '../../src/rules';
import { PALETTE, TEXT_FORMAT } from '../../src/sheet/output';
import { exposureHeaders } from '../../src/sheet/output-labels';
import {
  INCOMPLETE_MARKERS,
  OUTPUT_NAME,
  OUTPUT_SETTING,
  SUMMARY_NAME,
  SUMMARY_SHEET_NAME,
  WouldOverwriteError,
  widthInPoints,
  writeResults,
} from '../../src/excel';
import { MemoryWorkbook } from '../../src/excel/memory-host';
import {
  LEDGER,
  ledgerRows,
  prepare,
  putLedger,
  ruleFileText,
  sheetState,
  writeInput,
  type LedgerRow,
  type PrepareOptions,
} from './fixtures';

const SUMMARY = SUMMARY_SHEET_NAME;

async function ledgerWithResults(n = 20, options: PrepareOptions = {}): Promise<MemoryWorkbook> {
  const host = new MemoryWorkbook();
  putLedger(host, ledgerRows(n));
  const prepared = await prepare(host, options);
  await host.run((context) => writeResults(context, writeInput(prepared)));
  return host;
}

/** The user's columns A:I, cell by cell. */
function userCells(host: MemoryWorkbook): Map<string, unknown> {
  return new Map([...sheetState(host, LEDGER)].filter(([address]) => /^[A-I]\d+$/.test(address)));
}

describe('writeResults: the exposure columns', () => {
  it('writes headers, values and number formats right of the ledger', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(20));
    const prepared = await prepare(host);
    const report = await host.run((context) => writeResults(context, writeInput(prepared)));

    expect(report.address).toBe("'Balance âgée'!J1:Q21");
    expect(host.values(LEDGER, 'J1:Q1')[0]).toEqual(exposureHeaders('fr'));
    // Every value is the plan's, dates as Excel serial numbers.
    const first = prepared.plan.rows[0];
    expect(first[0]).toEqual({ type: 'text', text: 'Exclu' });
    expect(host.values(LEDGER, 'J2:Q2')[0]).toEqual(['Exclu', 'Litige', 0, 0, 150, 46653, 46743, null]);
    expect(host.values(LEDGER, 'J3:M3')[0]).toEqual(['Couvert', null, 3390.84, 3051.76]);
    // Formats per column: text, currency, date.
    expect(host.formats(LEDGER, 'J2:Q2')[0]).toEqual([
      '@',
      '@',
      '#,##0.00 "€"',
      '#,##0.00 "€"',
      '#,##0.00 "€"',
      'dd/mm/yyyy',
      'dd/mm/yyyy',
      '@',
    ]);
    expect(host.formats(LEDGER, 'L21')[0][0]).toBe('#,##0.00 "€"');
    // Header look and column widths.
    expect(host.cell(LEDGER, 'M1').style).toEqual({
      bold: true,
      fontColor: `#${PALETTE.header.font}`,
      fill: `#${PALETTE.header.fill}`,
      horizontalAlignment: 'Right',
    });
    expect(host.columnWidth(LEDGER, 11)).toBe(widthInPoints(36));
    // The user's cells are untouched, and nothing anywhere became a formula.
    expect(host.formulas(LEDGER).size).toBe(0);
    expect(host.formulas(SUMMARY).size).toBe(0);
  });

  it("adds the plan's five highlight rules as conditional formats, with its formulas and colours, never a fill per cell", async () => {
    const host = await ledgerWithResults(20);
    const rules = host.conditionalFormats(LEDGER);
    expect(rules.map((r) => [r.priority, r.address, r.type, r.formula, r.fill, r.fontColor, r.bold])).toEqual([
      [
        0,
        'O2:Q21',
        'Custom',
        '=OR(ISNUMBER(SEARCH("Déclarer bientôt",$Q2)),ISNUMBER(SEARCH("Vérifier les déclarations",$Q2)))',
        '#F8CBAD',
        '#833C0B',
        true,
      ],
      [1, 'J2:K21', 'Custom', '=$J2="Non lu"', '#D9D9D9', '#404040', null],
      [2, 'J2:K21', 'Custom', '=$J2="Exclu"', '#FFC7CE', '#9C0006', null],
      [3, 'J2:K21', 'Custom', '=OR($J2="Hors limite",$J2="Partiel")', '#FFEB9C', '#9C5700', null],
      [4, 'J2:K21', 'Custom', '=$J2="Couvert"', '#C6EFCE', '#006100', null],
    ]);
    const filled = [...sheetState(host, LEDGER).keys()].filter((a) => host.cell(LEDGER, a).style.fill !== undefined);
    expect(filled).toEqual(['J1', 'K1', 'L1', 'M1', 'N1', 'O1', 'P1', 'Q1']);
  });

  it('records its output: a hidden defined name on the columns, one on the summary, and the run in a setting', async () => {
    const host = await ledgerWithResults(20);
    expect(host.definedName(OUTPUT_NAME, LEDGER)).toEqual({ formula: "='Balance âgée'!$J$1:$Q$21", visible: false });
    expect(host.definedName(SUMMARY_NAME)).toEqual({ formula: "='credit-cover'!$A$1", visible: false });
    expect(host.setting(OUTPUT_SETTING)).toEqual({
      format: 'credit-cover/output@1',
      sheetName: LEDGER,
      block: 'J1:Q21',
      summarySheet: SUMMARY,
      complete: true,
      pending: [],
      lang: 'fr',
      asOf: '2027-06-30',
      policy: { id: 'FR-PME-2027-0042', version: '1.1.0', hash: expect.stringMatching(/^sha256:/) },
    });
  });

  it('writes in two syncs for a small ledger: one to check, one to write', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(20));
    const prepared = await prepare(host);
    const before = host.syncs.length;
    const report = await host.run((context) => writeResults(context, writeInput(prepared)));
    expect(report.syncs).toBe(2);
    expect(host.syncs.length - before).toBe(2);
  });
});

describe('writeResults: the summary sheet', () => {
  it('lays out title, policy, totals, the tables and a native chart of covered and uninsured by age', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(20));
    const prepared = await prepare(host);
    await host.run((context) => writeResults(context, writeInput(prepared)));
    const { summary, evaluation } = prepared;

    expect(host.sheetNames()).toEqual([LEDGER, SUMMARY]);
    expect(host.values(SUMMARY, 'A1:A2')).toEqual([[summary.title], [summary.subtitle]]);
    expect(host.cell(SUMMARY, 'A1').style).toMatchObject({ bold: true, fontSize: 16 });
    const column = (col: string, from: number, to: number) =>
      host.values(SUMMARY, `${col}${from}:${col}${to}`).map((r) => r[0]);
    const labels = column('A', 1, 200);
    const valueOf = (label: string) => host.values(SUMMARY, `B${labels.indexOf(label) + 1}`)[0][0];
    expect(valueOf('Encours')).toBe(evaluation.totals.open);
    expect(valueOf('Couvert')).toBe(evaluation.totals.covered);
    expect(valueOf('Non couvert')).toBe(evaluation.totals.uninsured);
    expect(host.cell(SUMMARY, `B${labels.indexOf('Encours') + 1}`).format).toBe('#,##0.00 "€"');
    expect(valueOf('Date d’arrêté')).toBe(46568);
    expect(valueOf('Référence')).toBe('FR-PME-2027-0042');

    // The buyers table: one row per buyer, largest uninsured first.
    const buyersAt = labels.indexOf('Acheteurs') + 1;
    expect(host.values(SUMMARY, `A${buyersAt + 1}:L${buyersAt + 1}`)[0]).toEqual(
      summary.buyers.columns.map((c) => c.header),
    );
    const firstBuyer = host.values(SUMMARY, `A${buyersAt + 2}:L${buyersAt + 2}`)[0];
    expect(firstBuyer[0]).toBe(summary.buyers.rows[0][0] && (summary.buyers.rows[0][0] as { text: string }).text);
    expect(firstBuyer[9]).toBe(summary.buyers.rows[0][9]);
    expect(labels.slice(buyersAt + 1, buyersAt + 1 + summary.buyers.rows.length)).toHaveLength(
      summary.buyers.rows.length,
    );
    expect(labels).toContain('À déclarer');
    expect(labels).toContain('Diagnostics');

    // The chart data and the chart that reads it.
    expect(host.values(SUMMARY, 'D5:F6')).toEqual([
      ['Ancienneté', 'Couvert', 'Non couvert'],
      ['Non échu', summary.chart.series[0].values[0], summary.chart.series[1].values[0]],
    ]);
    expect(host.charts(SUMMARY)).toEqual([
      expect.objectContaining({
        type: 'ColumnClustered',
        sourceAddress: "'credit-cover'!D5:F11",
        seriesBy: 'Columns',
        title: summary.chart.title,
        legendPosition: 'Bottom',
        position: { start: 'D13', end: 'L31' },
        seriesColours: { 0: '#70AD47', 1: '#C0504D' },
      }),
    ]);
  });
});

describe('writeResults: formula injection', () => {
  // The reader trims texts, so a leading tab or CR cannot come from the ledger: those two are set
  // on the evaluation below, as a texts-keeping reader would give them.
  const hostile: LedgerRow[] = [
    ['-1+2', '=HYPERLINK("http://evil.example","click")'],
    ['+33 1 23', 'Tabulé SARL'],
    ['0012345', 'Retour SA'],
    ['@SUM(A1)', '-Moins SA'],
  ].map(([id, name], i) => ({
    id,
    name,
    country: 'FR',
    invoiceNo: `=F${i}`,
    date: '2027-05-02',
    due: '2027-06-01',
    open: 1000 + i,
    currency: 'EUR',
    disputed: false,
  }));
  const texts = [...hostile.map((r) => r.id), hostile[0].name, hostile[3].name, '\tTabulé SARL', '\rRetour SA'];

  function hostilePolicy() {
    const json = JSON.parse(ruleFileText()) as { rules: unknown[] };
    json.rules.push({
      name: 'formula-looking-flag',
      conditions: { all: [{ fact: 'buyerId', operator: 'equal', value: '-1+2' }] },
      event: { type: 'flag', params: { code: 'formula-flag', message: '=1+1 is a message' } },
    });
    const loaded = loadRuleFile(JSON.stringify(json));
    if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
    return loaded.policy;
  }

  it('lands every text that looks like a formula as text, in text-formatted cells', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, [...ledgerRows(4), ...hostile]);
    const prepared = await prepare(host, {
      policy: hostilePolicy(),
      edit: (evaluation) => {
        // A reason no real rule file can carry (reasons are slugs), to reach the Reason column.
        const line = evaluation.invoices.find((l) => l.buyerId === '+33 1 23');
        if (!line) throw new Error('no line for +33 1 23');
        Object.assign(line, { status: 'excluded', reasons: ['rule:@SUM(A1:A2)'], reason: 'rule:@SUM(A1:A2)' });
        const buyer = (id: string) => evaluation.buyers.find((b) => b.buyerId === id) as { buyerName: string };
        buyer('+33 1 23').buyerName = '\tTabulé SARL';
        buyer('0012345').buyerName = '\rRetour SA';
      },
    });
    await host.run((context) => writeResults(context, writeInput(prepared)));

    expect(host.formulas(LEDGER).size).toBe(0);
    expect(host.formulas(SUMMARY).size).toBe(0);
    // Row 7 is buyer "+33 1 23": its reason; row 6 is "-1+2": its flag message.
    expect(host.cell(LEDGER, 'K7')).toMatchObject({ value: '@SUM(A1:A2)', format: TEXT_FORMAT });
    expect(host.cell(LEDGER, 'Q6')).toMatchObject({ value: '=1+1 is a message', format: TEXT_FORMAT });

    // The summary's tables show every hostile id and name exactly, as text.
    const summary = host.values(SUMMARY, host.usedRange(SUMMARY) as string).flat();
    for (const text of texts) expect(summary).toContain(text);
    const used = host.usedRange(SUMMARY) as string;
    const formats = host.formats(SUMMARY, used).flat();
    host
      .values(SUMMARY, used)
      .flat()
      .forEach((v, i) => {
        if (typeof v === 'string') expect(formats[i]).toBe(TEXT_FORMAT);
      });
  });

  it('would have turned them into formulas without the text format (the host reads text as Excel does)', async () => {
    const host = new MemoryWorkbook().addSheet('S');
    await host.run(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A1:D1').values = [hostile.map((r) => r.id)];
    });
    expect(host.formulas('S').size).toBe(3);
    expect(host.values('S', 'C1')).toEqual([[12345]]);
  });
});

describe('writeResults: user data is never overwritten', () => {
  it('refuses, naming the cell, when a value sits where the columns would go', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(20));
    host.setCells(LEDGER, 'L5', [['à relancer']]);
    // The reader ignores a cell without a header; the plan still puts the columns at J.
    const prepared = await prepare(host);
    expect(prepared.plan.firstColumn).toBe(10);
    const before = sheetState(host, LEDGER);
    const error = await host.run((context) => writeResults(context, writeInput(prepared))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WouldOverwriteError);
    expect(error).toMatchObject({ target: 'cells', sheetName: LEDGER, cells: 'L5', address: "'Balance âgée'!L5" });
    expect((error as Error).message).toContain("'Balance âgée'!L5");
    expect(sheetState(host, LEDGER)).toEqual(before);
    expect(host.sheetNames()).toEqual([LEDGER]);
    expect(host.settingKeys()).toEqual([]);
  });

  it('refuses a sheet named credit-cover that it did not write', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(5));
    host.addSheet(SUMMARY).setCells(SUMMARY, 'A1', [['my own notes']]);
    const prepared = await prepare(host);
    await expect(host.run((context) => writeResults(context, writeInput(prepared)))).rejects.toMatchObject({
      name: 'WouldOverwriteError',
      target: 'summary-sheet',
      address: "'credit-cover'!A1",
    });
    expect(host.values(SUMMARY, 'A1')).toEqual([['my own notes']]);
    expect(host.usedRange(LEDGER)).toBe('A1:I6');
  });

  it('takes over an empty sheet named credit-cover (a run stopped right after adding it leaves one)', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(5));
    host.addSheet(SUMMARY);
    const prepared = await prepare(host);
    await host.run((context) => writeResults(context, writeInput(prepared)));
    expect(host.values(SUMMARY, 'A1')).toEqual([['Synthèse credit-cover']]);
    expect(host.sheetNames()).toEqual([LEDGER, SUMMARY]);
  });

  it('refuses a ledger sheet named credit-cover', async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(5), { sheet: SUMMARY });
    const prepared = await prepare(host, { sheet: SUMMARY });
    await expect(host.run((context) => writeResults(context, writeInput(prepared, SUMMARY)))).rejects.toMatchObject({
      target: 'ledger-sheet',
    });
  });
});

describe('writeResults: a re-run replaces exactly what the previous run wrote', () => {
  it('replaces the columns and the summary sheet, and leaves every user cell as it was', async () => {
    const host = await ledgerWithResults(20);
    host.setCells(LEDGER, 'G5', [[99999.99]]);
    const users = userCells(host);
    const prepared = await prepare(host);
    expect(prepared.read.previousOutput).toEqual({ firstRow: 1, lastRow: 21, firstColumn: 10, lastColumn: 17 });
    expect(prepared.plan.firstColumn).toBe(10);
    const report = await host.run((context) => writeResults(context, writeInput(prepared)));
    expect(report.replaced).toEqual(["'Balance âgée'!J1:Q21"]);
    expect(userCells(host)).toEqual(users);

    // The same workbook as a first run on the edited ledger, cell by cell, rules and chart included.
    const fresh = new MemoryWorkbook();
    putLedger(fresh, ledgerRows(20));
    fresh.setCells(LEDGER, 'G5', [[99999.99]]);
    const freshPrepared = await prepare(fresh);
    await fresh.run((context) => writeResults(context, writeInput(freshPrepared)));
    expect(sheetState(host, LEDGER)).toEqual(sheetState(fresh, LEDGER));
    expect(sheetState(host, SUMMARY)).toEqual(sheetState(fresh, SUMMARY));
    expect(host.conditionalFormats(LEDGER)).toHaveLength(5);
    expect(host.conditionalFormats(LEDGER).map((c) => c.formula)).toEqual(
      fresh.conditionalFormats(LEDGER).map((c) => c.formula),
    );
    expect(host.charts(SUMMARY)).toHaveLength(1);
    expect(host.sheetNames()).toEqual([LEDGER, SUMMARY]);
    expect(host.values(LEDGER, 'M5')[0][0]).not.toEqual(fresh.values(LEDGER, 'M4')[0][0]);
  });

  it('clears the rows the ledger no longer has, and switches language in place', async () => {
    const host = await ledgerWithResults(20);
    host.setCells(
      LEDGER,
      'A18',
      Array.from({ length: 4 }, () => Array.from({ length: 9 }, () => null)),
    );
    const prepared = await prepare(host, { lang: 'en' });
    expect(prepared.plan.lastDataRow).toBe(17);
    await host.run((context) => writeResults(context, writeInput(prepared)));
    expect(host.values(LEDGER, 'J1:Q1')[0]).toEqual(exposureHeaders('en'));
    expect(
      host
        .values(LEDGER, 'J18:Q21')
        .flat()
        .every((v) => v === null),
    ).toBe(true);
    expect(host.usedRange(LEDGER)).toBe('A1:Q17');
    expect(host.definedName(OUTPUT_NAME, LEDGER)?.formula).toBe("='Balance âgée'!$J$1:$Q$17");
    expect(host.conditionalFormats(LEDGER).map((c) => c.address)).toEqual([
      'O2:Q17',
      'J2:K17',
      'J2:K17',
      'J2:K17',
      'J2:K17',
    ]);
    expect(host.values(SUMMARY, 'A1')).toEqual([['credit-cover summary']]);
  });

  it("recognises columns a previous run left without a name (the CLI's), by their eight headers", async () => {
    const host = new MemoryWorkbook();
    putLedger(host, ledgerRows(6));
    host.setCells(LEDGER, 'J1', [exposureHeaders('en'), ['Covered', null, 1, 2, 3, null, null, null]]);
    host.addSheet(SUMMARY).setCells(SUMMARY, 'A1', [['credit-cover summary']]);
    const prepared = await prepare(host);
    expect(prepared.plan.firstColumn).toBe(10);
    const report = await host.run((context) => writeResults(context, writeInput(prepared)));
    expect(report.replaced).toEqual(["'Balance âgée'!J1:Q7"]);
    expect(host.values(LEDGER, 'J1')).toEqual([['Statut']]);
    expect(host.values(SUMMARY, 'A1')).toEqual([['Synthèse credit-cover']]);
  });

  it('does not clear columns a defined name points at when their headers are not its own', async () => {
    const host = await ledgerWithResults(6);
    // The user moved things around: the name's cells now hold the user's own table.
    host.setCells(LEDGER, 'J1', [['Notes', 'Suivi', null, null, null, null, null, null]]);
    const prepared = await prepare(host);
    expect(prepared.plan.firstColumn).toBe(12);
    await expect(host.run((context) => writeResults(context, writeInput(prepared)))).rejects.toMatchObject({
      target: 'cells',
    });
    expect(host.values(LEDGER, 'J1:K1')).toEqual([['Notes', 'Suivi']]);
  });
});

describe('writeResults: a run that fails half-way', () => {
  /** A small request budget, so a 40-row ledger takes several write syncs. */
  const budget = 6_000;

  it('leaves the columns marked incomplete, and a re-run repairs them', async () => {
    const host = await ledgerWithResults(40);
    host.setCells(LEDGER, 'G7', [[1234.5]]);
    const prepared = await prepare(host);
    const start = host.syncs.length;
    // Sync 1 checks, sync 2 starts writing, sync 4 dies after a few commands.
    host.failOnSync(start + 4, { afterCommands: 5 });
    await expect(
      host.run((context) => writeResults(context, { ...writeInput(prepared), requestBudgetBytes: budget })),
    ).rejects.toMatchObject({ code: 'GeneralException' });
    expect(host.syncs.length - start).toBe(4);

    expect(host.values(LEDGER, 'J1')).toEqual([[INCOMPLETE_MARKERS.fr]]);
    expect(host.setting(OUTPUT_SETTING)).toMatchObject({ complete: false, block: 'J1:Q41' });

    const again = await prepare(host);
    await host.run((context) => writeResults(context, { ...writeInput(again), requestBudgetBytes: budget }));

    const fresh = new MemoryWorkbook();
    putLedger(fresh, ledgerRows(40));
    fresh.setCells(LEDGER, 'G7', [[1234.5]]);
    const freshPrepared = await prepare(fresh);
    await fresh.run((context) => writeResults(context, writeInput(freshPrepared)));
    expect(sheetState(host, LEDGER)).toEqual(sheetState(fresh, LEDGER));
    expect(sheetState(host, SUMMARY)).toEqual(sheetState(fresh, SUMMARY));
    expect(host.conditionalFormats(LEDGER)).toHaveLength(5);
    expect(host.setting(OUTPUT_SETTING)).toMatchObject({ complete: true });
  });

  it('is repaired after a shrinking re-run fails at any command of its first write sync', async () => {
    // The ledger lost its last rows: the new block is shorter than the one it replaces, and a
    // failure must not leave rows of the old block that nothing records as credit-cover's.
    const expectedHost = await ledgerWithResults(20);
    expectedHost.setCells(
      LEDGER,
      'A18',
      Array.from({ length: 4 }, () => Array.from({ length: 9 }, () => null)),
    );
    const shrunk = await prepare(expectedHost);
    await expectedHost.run((context) => writeResults(context, writeInput(shrunk)));
    const expected = sheetState(expectedHost, LEDGER);
    for (let afterCommands = 0; afterCommands <= 40; afterCommands++) {
      const host = await ledgerWithResults(20);
      host.setCells(
        LEDGER,
        'A18',
        Array.from({ length: 4 }, () => Array.from({ length: 9 }, () => null)),
      );
      const prepared = await prepare(host);
      host.failOnSync(host.syncs.length + 2, { afterCommands });
      await host.run((context) => writeResults(context, writeInput(prepared))).catch(() => undefined);
      const again = await prepare(host);
      expect(again.plan.lastDataRow).toBe(17);
      await host.run((context) => writeResults(context, writeInput(again)));
      expect(sheetState(host, LEDGER)).toEqual(expected);
    }
  });

  it('keeps the previous results when the first write sync fails before any command', async () => {
    const host = await ledgerWithResults(40);
    const before = sheetState(host, LEDGER);
    const summaryBefore = sheetState(host, SUMMARY);
    const prepared = await prepare(host);
    host.failOnSync(host.syncs.length + 2, { afterCommands: 0 });
    await expect(host.run((context) => writeResults(context, writeInput(prepared)))).rejects.toThrow();
    expect(sheetState(host, LEDGER)).toEqual(before);
    expect(sheetState(host, SUMMARY)).toEqual(summaryBefore);
  });

  it('is repaired after failing at any sync of a run, and shows either the previous results or the marker', async () => {
    const reference = await ledgerWithResults(12);
    const expected = sheetState(reference, LEDGER);
    const expectedSummary = sheetState(reference, SUMMARY);
    const budget = 3_000;
    // How many syncs such a run takes, to fail each of them.
    const probe = await ledgerWithResults(12);
    const probePrepared = await prepare(probe);
    const total = (
      await probe.run((context) => writeResults(context, { ...writeInput(probePrepared), requestBudgetBytes: budget }))
    ).syncs;
    expect(total).toBeGreaterThan(20);
    for (let sync = 2; sync <= total; sync++) {
      for (const afterCommands of [0, 7]) {
        const host = await ledgerWithResults(12);
        const prepared = await prepare(host);
        const start = host.syncs.length;
        host.failOnSync(start + sync, { afterCommands });
        const failed = await host
          .run((context) => writeResults(context, { ...writeInput(prepared), requestBudgetBytes: budget }))
          .then(
            () => false,
            () => true,
          );
        expect(failed).toBe(true);
        if (host.values(LEDGER, 'J1')[0][0] !== INCOMPLETE_MARKERS.fr) {
          expect(sheetState(host, LEDGER)).toEqual(expected);
        }
        const again = await prepare(host);
        await host.run((context) => writeResults(context, writeInput(again)));
        expect(sheetState(host, LEDGER)).toEqual(expected);
        expect(sheetState(host, SUMMARY)).toEqual(expectedSummary);
        expect(host.conditionalFormats(LEDGER)).toHaveLength(5);
        expect(host.charts(SUMMARY)).toHaveLength(1);
        expect(host.setting(OUTPUT_SETTING)).toMatchObject({ complete: true });
      }
    }
  });
});
