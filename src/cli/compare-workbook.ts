/**
 * The comparison workbook: three sheets written with ExcelJS, then their native charts added with
 * JSZip (`xlsx-chart.ts`).
 * - Comparison: the policies, the side-by-side table (one column per policy) and a chart of
 *   covered, uninsured and potential indemnity per policy;
 * - Buyers: every buyer whose covered amount differs, with the difference that explains it;
 * - Scenarios: the scenarios' rates, the expected figures per policy, scenario and horizon (and the
 *   Monte Carlo's), a chart of the expected net per year and, with a Monte Carlo, one of the
 *   uninsured loss (mean and 95th percentile).
 */
import ExcelJS from 'exceljs';
import { differenceText, type ComparisonReport } from '../broker';
import { AGE_BUCKETS } from '../domain';
import { COUNT_FORMAT, currencyFormat, dateFormat, PALETTE, PERCENT_FORMAT, TEXT_FORMAT } from '../sheet/output';
import { reasonText } from '../sheet/output-labels';
import { writeFileAtomic } from './files';
import type { Lang } from './lang';
import { argb, dateFromIso, solidFill } from './plan-cells';
import { addColumnCharts, type ColumnChartSpec } from './xlsx-chart';

export interface ComparisonWorkbookOptions {
  outPath: string;
  lang: Lang;
  /** The ledger as the subtitle names it, e.g. `balance.xlsx [Balance]`. */
  ledger: string;
}

type Kind = 'text' | 'amount' | 'percent' | 'count' | 'date';
type Value = string | number | null;

const LABELS = {
  en: {
    sheets: { comparison: 'Comparison', buyers: 'Buyers', scenarios: 'Scenarios' },
    title: 'credit-cover policy comparison',
    subtitle: (ledger: string, date: string, level: string) => `${ledger}, as of ${date}, ${level} level`,
    level: { invoice: 'invoice', bucket: 'bucket' },
    policyRows: ['Policy', 'Name', 'Insurer', 'Version', 'Rule file', 'Hash'],
    sideBySide: 'Side by side',
    metric: 'Figure',
    open: 'Open (incl. VAT)',
    eligible: 'Eligible',
    insured: 'Insured',
    overLimit: 'Over limit',
    covered: 'Covered',
    uninsured: 'Uninsured',
    excluded: (r: string) => `Excluded: ${r}`,
    claims: 'Claims if every overdue buyer defaulted',
    indemnity: 'Potential indemnity',
    named: 'Buyers with a named limit',
    discretionary: 'Buyers under the discretionary limit',
    none: 'Buyers without cover',
    turnover: 'Insured turnover',
    premium: 'Annual premium',
    requests: 'Named-limit requests',
    requestFees: 'Named-limit request fees',
    monitored: 'Monitored buyers',
    monitoringFees: 'Monitoring fees',
    cost: 'Annual cost (premium + fees)',
    commission: 'Recovery commission (%)',
    differ: 'Buyers whose cover differs',
    chartHeading: 'Chart data',
    chartTitle: 'Covered, uninsured and potential indemnity by policy',
    policy: 'Policy',
    buyersHeading: 'Buyers whose covered amount differs',
    buyersNote: (key: string) =>
      `Each difference is explained against policy ${key}: the first reason, limit or percentage that differs. The reference's figure comes first.`,
    buyerId: 'Buyer',
    buyerName: 'Name',
    coveredBy: (k: string) => `Covered ${k}`,
    limitBy: (k: string) => `Limit ${k}`,
    why: (k: string) => `Why ${k}`,
    noneDiffer: 'Every buyer is covered the same under every policy.',
    scenariosHeading: 'Default scenarios (annual default rate, %)',
    scenario: 'Scenario',
    description: 'Description',
    buckets: ['Not due', '1-30', '31-60', '61-90', '91-120', '> 120'],
    recovery: 'Recovery (%)',
    scenariosTitle: 'Default scenarios: what each policy costs and is expected to pay',
    resultsHeading: 'Expected figures per policy, scenario and horizon',
    resultsNote:
      'A buyer defaults as a whole with its exposure-weighted rate; indemnity = p × claim if it defaulted (minimum claim, excess); ' +
      'deductible and maximum liability on the expected total; every year repeats the first. See rules/README.md, section 17.',
    years: 'Years',
    costH: 'Cost',
    expectedLoss: 'Expected loss',
    expectedIndemnity: 'Expected indemnity',
    expectedUninsured: 'Expected uninsured loss',
    commissionH: 'Recovery commission',
    net: 'Net (indemnity − cost − commission)',
    mcMean: 'Uninsured loss, mean (MC)',
    mcP95: 'Uninsured loss, 95th percentile (MC)',
    mcNote: (runs: number, seed: number) => `Monte Carlo: ${runs} runs, seed ${seed}; the same draws for every policy.`,
    netChartTitle: 'Expected net indemnity per year, by scenario',
    netSeries: (s: string) => `Net, ${s}`,
    costSeries: 'Annual cost',
    mcChartTitle: 'Uninsured loss over one year (Monte Carlo)',
    mcSeries: (s: string, what: 'mean' | 'p95') => `${s}: ${what === 'mean' ? 'mean' : '95th percentile'}`,
  },
  fr: {
    sheets: { comparison: 'Comparaison', buyers: 'Acheteurs', scenarios: 'Scénarios' },
    title: 'Comparaison de polices credit-cover',
    subtitle: (ledger: string, date: string, level: string) => `${ledger}, au ${date}, niveau ${level}`,
    level: { invoice: 'facture', bucket: 'tranches' },
    policyRows: ['Police', 'Nom', 'Assureur', 'Version', 'Fichier de règles', 'Empreinte'],
    sideBySide: 'Côte à côte',
    metric: 'Indicateur',
    open: 'Encours (TTC)',
    eligible: 'Éligible',
    insured: 'Assuré',
    overLimit: 'Hors limite',
    covered: 'Couvert',
    uninsured: 'Non couvert',
    excluded: (r: string) => `Exclu : ${r}`,
    claims: 'Indemnités si tous les débiteurs en retard faisaient défaut',
    indemnity: 'Indemnité potentielle',
    named: 'Acheteurs avec agrément',
    discretionary: 'Acheteurs en limite discrétionnaire',
    none: 'Acheteurs sans garantie',
    turnover: "Chiffre d'affaires assurable",
    premium: 'Prime annuelle',
    requests: "Demandes d'agrément",
    requestFees: "Frais d'étude des agréments",
    monitored: 'Acheteurs surveillés',
    monitoringFees: 'Frais de surveillance',
    cost: 'Coût annuel (prime + frais)',
    commission: 'Commission de recouvrement (%)',
    differ: 'Acheteurs dont la couverture diffère',
    chartHeading: 'Données du graphique',
    chartTitle: 'Couvert, non couvert et indemnité potentielle par police',
    policy: 'Police',
    buyersHeading: 'Acheteurs dont le montant couvert diffère',
    buyersNote: (key: string) =>
      `Chaque différence est expliquée par rapport à la police ${key} : le premier motif, la première limite ou quotité qui diffère. Le chiffre de la référence vient en premier.`,
    buyerId: 'Acheteur',
    buyerName: 'Nom',
    coveredBy: (k: string) => `Couvert ${k}`,
    limitBy: (k: string) => `Limite ${k}`,
    why: (k: string) => `Pourquoi ${k}`,
    noneDiffer: 'Chaque acheteur est couvert de même sous toutes les polices.',
    scenariosHeading: 'Scénarios de défaut (taux de défaut annuel, %)',
    scenario: 'Scénario',
    description: 'Description',
    buckets: ['Non échu', '1-30', '31-60', '61-90', '91-120', '> 120'],
    recovery: 'Récupération (%)',
    scenariosTitle: 'Scénarios de défaut : ce que chaque police coûte et devrait payer',
    resultsHeading: 'Montants attendus par police, scénario et horizon',
    resultsNote:
      "Un acheteur fait défaut en entier avec son taux pondéré par son encours ; indemnité = p × sinistre s'il faisait défaut (seuil, franchise) ; " +
      'franchise annuelle et plafond sur le total attendu ; chaque année répète la première. Voir rules/README.md, section 17.',
    years: 'Années',
    costH: 'Coût',
    expectedLoss: 'Perte attendue',
    expectedIndemnity: 'Indemnité attendue',
    expectedUninsured: 'Perte non couverte attendue',
    commissionH: 'Commission de recouvrement',
    net: 'Net (indemnité − coût − commission)',
    mcMean: 'Perte non couverte, moyenne (MC)',
    mcP95: 'Perte non couverte, 95e centile (MC)',
    mcNote: (runs: number, seed: number) =>
      `Monte-Carlo : ${runs} tirages, graine ${seed} ; les mêmes tirages pour chaque police.`,
    netChartTitle: 'Indemnité nette attendue par an, par scénario',
    netSeries: (s: string) => `Net, ${s}`,
    costSeries: 'Coût annuel',
    mcChartTitle: 'Perte non couverte sur un an (Monte-Carlo)',
    mcSeries: (s: string, what: 'mean' | 'p95') => `${s} : ${what === 'mean' ? 'moyenne' : '95e centile'}`,
  },
};

const SERIES_COLOURS = ['4472C4', 'C0504D', '70AD47', 'ED7D31', '7F7F7F', '5B9BD5', 'FFC000', '264478'];
const CHART_WIDTH = 8;
const CHART_HEIGHT = 18;

function displayDate(iso: string, lang: Lang): string {
  const [y, m, d] = iso.split('-');
  return lang === 'fr' ? `${d}/${m}/${y}` : `${Number(m)}/${Number(d)}/${y}`;
}

class SheetWriter {
  /** Wrap header texts (the row's height must then be set by the caller). */
  wrapHeaders = false;

  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly formats: Record<Kind, string>,
  ) {}

  title(text: string, subtitle: string): void {
    const t = this.ws.getCell(1, 1);
    t.value = text;
    t.font = { bold: true, size: 14, color: argb(PALETTE.header.font) };
    this.ws.getCell(2, 1).value = subtitle;
    this.ws.getCell(2, 1).font = { italic: true, color: argb('595959') };
  }

  heading(row: number, col: number, text: string): void {
    const cell = this.ws.getCell(row, col);
    cell.value = text;
    cell.font = { bold: true, size: 12, color: argb(PALETTE.header.font) };
  }

  note(row: number, col: number, text: string): void {
    const cell = this.ws.getCell(row, col);
    cell.value = text;
    cell.font = { italic: true, color: argb('595959') };
  }

  cell(row: number, col: number, value: Value, kind: Kind): void {
    const cell = this.ws.getCell(row, col);
    if (value === null) return;
    if (kind === 'date' && typeof value === 'string') {
      cell.value = dateFromIso(value);
    } else {
      cell.value = value;
    }
    cell.numFmt = typeof value === 'string' && kind !== 'date' ? TEXT_FORMAT : this.formats[kind];
  }

  /** A header row then the rows; returns the next free row. */
  table(row: number, col: number, headers: string[], kinds: Kind[], rows: Value[][]): number {
    headers.forEach((h, j) => {
      const cell = this.ws.getCell(row, col + j);
      cell.value = h;
      cell.font = { bold: true, color: argb(PALETTE.header.font) };
      cell.fill = solidFill(PALETTE.header.fill);
      cell.alignment = {
        horizontal: kinds[j] === 'text' ? 'left' : 'right',
        vertical: 'top',
        wrapText: this.wrapHeaders,
      };
    });
    rows.forEach((values, i) => values.forEach((v, j) => this.cell(row + 1 + i, col + j, v, kinds[j])));
    return row + 1 + rows.length + 1;
  }

  widths(widths: number[]): void {
    widths.forEach((w, j) => (this.ws.getColumn(j + 1).width = w));
  }
}

/** A chart's data block (categories down, one column per series) and the chart under it. */
function chartBlock(
  w: SheetWriter,
  row: number,
  col: number,
  heading: string,
  title: string,
  categoryHeader: string,
  categories: string[],
  series: { name: string; values: number[]; colour: string }[],
  valueFormat: string,
): { spec: ColumnChartSpec; next: number } {
  w.heading(row, col, heading);
  const headerRow = row + 1;
  w.table(
    headerRow,
    col,
    [categoryHeader, ...series.map((s) => s.name)],
    ['text', ...series.map((): Kind => 'amount')],
    categories.map((c, i) => [c, ...series.map((s) => s.values[i])]),
  );
  w.ws.getColumn(col).width = Math.max(w.ws.getColumn(col).width ?? 0, 30);
  series.forEach((s, j) => (w.ws.getColumn(col + 1 + j).width = Math.max(16, s.name.length + 4)));
  const top = headerRow + categories.length + 2;
  const anchor = { fromCol: col - 1, fromRow: top - 1, toCol: col - 1 + CHART_WIDTH, toRow: top - 1 + CHART_HEIGHT };
  return {
    spec: { sheetName: w.ws.name, title, categoryColumn: col, headerRow, categories, series, valueFormat, anchor },
    next: anchor.toRow + 2,
  };
}

export async function writeComparisonWorkbook(
  report: ComparisonReport,
  options: ComparisonWorkbookOptions,
): Promise<void> {
  const { lang } = options;
  const L = LABELS[lang];
  const formats: Record<Kind, string> = {
    text: TEXT_FORMAT,
    amount: currencyFormat(report.currency),
    percent: PERCENT_FORMAT,
    count: COUNT_FORMAT,
    date: dateFormat(lang),
  };
  const valueFormat = formats.amount.replace('0.00', '0');
  const subtitle = L.subtitle(options.ledger, displayDate(report.asOf, lang), L.level[report.level]);
  const wb = new ExcelJS.Workbook();
  const charts: ColumnChartSpec[] = [];
  const keys = report.policies.map((p) => p.key);
  const P = report.policies.length;
  const category = (i: number): string => `${keys[i]} · ${report.policies[i].id}`;

  // --- Comparison ------------------------------------------------------------------------------
  // One column per policy: who the policy is, then every figure, so the policies read side by side.
  const cw = new SheetWriter(wb.addWorksheet(L.sheets.comparison), formats);
  cw.title(L.title, subtitle);
  cw.heading(4, 1, L.sideBySide);
  const rows: [string, Kind, (i: number) => Value][] = [];
  const p = (i: number) => report.policies[i];
  const t = (i: number) => p(i).totals;
  const c = (i: number) => p(i).cost;
  const [policyLabel, nameLabel, insurerLabel, versionLabel, fileLabel, hashLabel] = L.policyRows;
  rows.push([policyLabel, 'text', (i) => p(i).id]);
  rows.push([nameLabel, 'text', (i) => p(i).name]);
  rows.push([insurerLabel, 'text', (i) => p(i).insurer]);
  rows.push([versionLabel, 'text', (i) => p(i).version]);
  rows.push([fileLabel, 'text', (i) => p(i).source]);
  rows.push([hashLabel, 'text', (i) => p(i).hash]);
  const textRows = rows.length;
  rows.push([L.open, 'amount', (i) => t(i).open]);
  rows.push([L.eligible, 'amount', (i) => t(i).eligible]);
  rows.push([L.insured, 'amount', (i) => t(i).insured]);
  rows.push([L.overLimit, 'amount', (i) => t(i).overLimit]);
  rows.push([L.covered, 'amount', (i) => t(i).covered]);
  rows.push([L.uninsured, 'amount', (i) => t(i).uninsured]);
  for (const reason of report.excludedReasons)
    rows.push([L.excluded(reasonText(reason, lang)), 'amount', (i) => t(i).excludedByReason[reason] ?? 0]);
  rows.push([L.claims, 'amount', (i) => t(i).claims]);
  rows.push([L.indemnity, 'amount', (i) => t(i).portfolioIndemnity]);
  rows.push([L.named, 'count', (i) => p(i).buyersByLimitKind.named]);
  rows.push([L.discretionary, 'count', (i) => p(i).buyersByLimitKind.discretionary]);
  rows.push([L.none, 'count', (i) => p(i).buyersByLimitKind.none]);
  rows.push([L.turnover, 'amount', (i) => c(i)?.turnover ?? null]);
  rows.push([L.premium, 'amount', (i) => c(i)?.premium ?? null]);
  rows.push([L.requests, 'count', (i) => c(i)?.namedLimitRequests ?? null]);
  rows.push([L.requestFees, 'amount', (i) => c(i)?.limitRequestFees ?? null]);
  rows.push([L.monitored, 'count', (i) => c(i)?.monitoredBuyers ?? null]);
  rows.push([L.monitoringFees, 'amount', (i) => c(i)?.monitoringFees ?? null]);
  rows.push([L.cost, 'amount', (i) => c(i)?.total ?? null]);
  rows.push([L.commission, 'percent', (i) => p(i).recoveryCommissionPercent]);
  const headerRow = 5;
  cw.table(
    headerRow,
    1,
    [L.metric, ...keys],
    ['text', ...keys.map((): Kind => 'amount')],
    rows.map(([label]) => [label]),
  );
  const POLICY_WIDTH = 26;
  rows.forEach(([, kind, pick], k) => {
    const row = headerRow + 1 + k;
    let lines = 1;
    for (let i = 0; i < P; i++) {
      const value = pick(i);
      cw.cell(row, 2 + i, value, kind);
      if (k < textRows) {
        cw.ws.getCell(row, 2 + i).alignment = { wrapText: true, vertical: 'top', horizontal: 'left' };
        lines = Math.max(lines, Math.ceil(String(value ?? '').length / (POLICY_WIDTH + 2)));
      }
    }
    // Excel does not fit a row to wrapped text it did not type: the height is set from the longest text.
    if (lines > 1) cw.ws.getRow(row).height = 15 * lines;
    if (k < textRows) cw.ws.getCell(row, 1).alignment = { vertical: 'top' };
  });
  const differRow = headerRow + rows.length + 2;
  cw.cell(differRow, 1, L.differ, 'text');
  cw.cell(differRow, 2, report.buyers.length, 'count');
  cw.ws.getCell(differRow, 1).font = { bold: true };
  cw.widths([54, ...keys.map(() => POLICY_WIDTH + 2), 4]);

  const chartCol = P + 3;
  // Below the policies' descriptions, whose rows are tall: the chart data keeps plain rows.
  const cov = chartBlock(
    cw,
    headerRow + textRows + 1,
    chartCol,
    L.chartHeading,
    L.chartTitle,
    L.policy,
    report.policies.map((_, i) => category(i)),
    [
      { name: L.covered, values: report.policies.map((_, i) => t(i).covered), colour: '70AD47' },
      { name: L.uninsured, values: report.policies.map((_, i) => t(i).uninsured), colour: 'C0504D' },
      { name: L.indemnity, values: report.policies.map((_, i) => t(i).portfolioIndemnity), colour: '4472C4' },
    ],
    valueFormat,
  );
  charts.push(cov.spec);
  cw.ws.views = [{ state: 'normal', showGridLines: false }];

  // --- Buyers ----------------------------------------------------------------------------------
  const bw = new SheetWriter(wb.addWorksheet(L.sheets.buyers), formats);
  bw.title(L.buyersHeading, subtitle);
  bw.note(3, 1, L.buyersNote(keys[0]));
  const buyerHeaders = [
    L.buyerId,
    L.buyerName,
    L.open,
    ...keys.map(L.coveredBy),
    ...keys.map(L.limitBy),
    ...keys.slice(1).map(L.why),
  ];
  const buyerKinds: Kind[] = [
    'text',
    'text',
    'amount',
    ...keys.map((): Kind => 'amount'),
    ...keys.map((): Kind => 'amount'),
    ...keys.slice(1).map((): Kind => 'text'),
  ];
  const buyerRows: Value[][] = report.buyers.map((b) => [
    b.buyerId,
    b.buyerName,
    b.open,
    ...b.covered,
    ...b.limit,
    ...b.differences.slice(1).map((d, i) => (d === null ? null : differenceText(d, keys[0], keys[i + 1], lang))),
  ]);
  if (buyerRows.length === 0) bw.note(5, 1, L.noneDiffer);
  else {
    bw.table(5, 1, buyerHeaders, buyerKinds, buyerRows);
    bw.ws.autoFilter = { from: { row: 5, column: 1 }, to: { row: 5 + buyerRows.length, column: buyerHeaders.length } };
    bw.ws.views = [{ state: 'frozen', ySplit: 5, xSplit: 2, showGridLines: false }];
  }
  bw.widths([16, 32, 15, ...keys.map(() => 15), ...keys.map(() => 15), ...keys.slice(1).map(() => 48)]);

  // --- Scenarios -------------------------------------------------------------------------------
  const sc = report.scenarios;
  const sw = new SheetWriter(wb.addWorksheet(L.sheets.scenarios), formats);
  sw.title(L.scenariosTitle, subtitle);
  sw.heading(4, 1, L.scenariosHeading);
  const r = sw.table(
    5,
    1,
    [L.scenario, L.description, ...L.buckets, L.recovery],
    ['text', 'text', ...AGE_BUCKETS.map((): Kind => 'percent'), 'percent'],
    sc.scenarios.map((s) => [
      s.name,
      s.description,
      ...AGE_BUCKETS.map((b) => s.defaultRatePercent[b]),
      s.recoveryPercent,
    ]),
  );
  sw.heading(r, 1, L.resultsHeading);
  sw.note(r + 1, 1, L.resultsNote);
  let noteRow = r + 2;
  if (sc.monteCarlo !== null) sw.note(noteRow++, 1, L.mcNote(sc.monteCarlo.runs, sc.monteCarlo.seed));
  const mc = sc.monteCarlo !== null;
  const resultHeaders = [
    L.policy,
    L.scenario,
    L.years,
    L.costH,
    L.expectedLoss,
    L.expectedIndemnity,
    L.expectedUninsured,
    L.commissionH,
    L.net,
    ...(mc ? [L.mcMean, L.mcP95] : []),
  ];
  const resultKinds: Kind[] = ['text', 'text', 'count', ...resultHeaders.slice(3).map((): Kind => 'amount')];
  const resultRows: Value[][] = [];
  sc.policies.forEach((p, i) =>
    p.outcomes.forEach((o) =>
      o.horizons.forEach((h) =>
        resultRows.push([
          category(i),
          o.scenario,
          h.years,
          h.cost,
          h.expectedLoss,
          h.expectedIndemnity,
          h.expectedUninsuredLoss,
          h.expectedRecoveryCommission,
          h.net,
          ...(mc ? [h.monteCarlo?.meanUninsuredLoss ?? null, h.monteCarlo?.p95UninsuredLoss ?? null] : []),
        ]),
      ),
    ),
  );
  sw.wrapHeaders = true;
  sw.table(noteRow + 1, 1, resultHeaders, resultKinds, resultRows);
  sw.wrapHeaders = false;
  sw.widths([30, 24, 8, ...resultHeaders.slice(3).map(() => 17)]);
  sw.ws.getRow(noteRow + 1).height = 45;

  const scenarioCol = resultHeaders.length + 2;
  const net = chartBlock(
    sw,
    4,
    scenarioCol,
    L.chartHeading,
    L.netChartTitle,
    L.policy,
    report.policies.map((_, i) => category(i)),
    [
      ...sc.scenarios.map((s, k) => ({
        name: L.netSeries(s.name),
        values: sc.policies.map((p) => p.outcomes[k].horizons[0].net ?? 0),
        colour: SERIES_COLOURS[k % SERIES_COLOURS.length],
      })),
      { name: L.costSeries, values: report.policies.map((p) => p.cost?.total ?? 0), colour: 'A5A5A5' },
    ],
    valueFormat,
  );
  charts.push(net.spec);
  if (mc) {
    const spread = chartBlock(
      sw,
      net.next,
      scenarioCol,
      L.chartHeading,
      L.mcChartTitle,
      L.policy,
      report.policies.map((_, i) => category(i)),
      sc.scenarios.flatMap((s, k) => [
        {
          name: L.mcSeries(s.name, 'mean'),
          values: sc.policies.map((p) => p.outcomes[k].horizons[0].monteCarlo?.meanUninsuredLoss ?? 0),
          colour: SERIES_COLOURS[(2 * k) % SERIES_COLOURS.length],
        },
        {
          name: L.mcSeries(s.name, 'p95'),
          values: sc.policies.map((p) => p.outcomes[k].horizons[0].monteCarlo?.p95UninsuredLoss ?? 0),
          colour: SERIES_COLOURS[(2 * k + 1) % SERIES_COLOURS.length],
        },
      ]),
      valueFormat,
    );
    charts.push(spread.spec);
  }
  sw.ws.views = [{ state: 'normal', showGridLines: false }];

  for (const ws of [cw.ws, bw.ws, sw.ws])
    ws.pageSetup = { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };

  const written = Buffer.from(await wb.xlsx.writeBuffer());
  await writeFileAtomic(options.outPath, await addColumnCharts(written, charts));
}
