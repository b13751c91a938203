/**
 * What the Compare tab shows of a comparison report (`broker/report`), as plain rows: the figures
 * side by side, the covered/uninsured bars, and the buyers whose cover differs with the reason in the
 * pane's language. The same figures as `credit-cover compare` prints; the components only lay
 * them out.
 */
import { differenceText, type ComparisonReport } from '../broker';
import { reasonText } from '../sheet/output-labels';
import type { Labels } from './labels';

/** The scenario horizon the pane shows; the report has up to 3 years, the comparison workbook all of them. */
export const PANE_YEARS = 1;
/** Buyers listed under the table, largest gap in covered amount first. */
export const BUYERS_SHOWN = 10;

export interface FigureRow {
  /** Stable id: `covered`, `excluded:carence`, `net:base` … (the browser test finds cells by it). */
  id: string;
  label: string;
  /** A row under a group heading is indented. */
  grouped: boolean;
  /** One per policy; null where the figure is unknown (a cost without turnover …). */
  values: (number | null)[];
  /** Why a value is null, one per policy (null where there is a value). */
  notes: (string | null)[];
  /** Tone of the figures: covered is good, uninsured bad. */
  tone: 'good' | 'bad' | null;
}

export interface FigureGroup {
  /** A heading above rows (`Excluded`, `Expected net, 1 year`), or null for the rows at the top. */
  heading: string | null;
  hint: string | null;
  rows: FigureRow[];
}

/** The side-by-side table: totals, exclusions by reason, indemnity, cost, and the expected net per scenario. */
export function figureGroups(report: ComparisonReport, labels: Labels): FigureGroup[] {
  const s = labels.output.summary;
  const none = report.policies.map(() => null);
  const row = (
    id: string,
    label: string,
    values: (number | null)[],
    extra: Partial<Pick<FigureRow, 'grouped' | 'notes' | 'tone'>> = {},
  ): FigureRow => ({ id, label, values, grouped: false, notes: none, tone: null, ...extra });
  const totals = report.policies.map((p) => p.totals);

  const top: FigureGroup = {
    heading: null,
    hint: null,
    rows: [
      row(
        'covered',
        s.covered,
        totals.map((t) => t.covered),
        { tone: 'good' },
      ),
      row(
        'uninsured',
        s.uninsured,
        totals.map((t) => t.uninsured),
        { tone: 'bad' },
      ),
      row(
        'overLimit',
        s.overLimit,
        totals.map((t) => t.overLimit),
      ),
    ],
  };
  const excluded: FigureGroup = {
    heading: labels.excludedHeading,
    hint: null,
    rows: report.excludedReasons.map((reason) =>
      row(
        `excluded:${reason}`,
        reasonText(reason, labels.lang),
        totals.map((t) => t.excludedByReason[reason] ?? 0),
        { grouped: true },
      ),
    ),
  };
  const money: FigureGroup = {
    heading: null,
    hint: null,
    rows: [
      row(
        'potentialIndemnity',
        labels.potentialIndemnity,
        totals.map((t) => t.portfolioIndemnity),
      ),
      row(
        'annualCost',
        labels.annualCost,
        report.policies.map((p) => p.cost?.total ?? null),
        {
          notes: report.policies.map((p) =>
            p.cost === null ? labels.costProblems[p.costProblem ?? 'no-cost-terms'] : null,
          ),
        },
      ),
    ],
  };
  const { scenarios } = report;
  const net: FigureGroup = {
    heading: labels.expectedNetHeading,
    hint: labels.expectedNetHint,
    rows: scenarios.scenarios.map((scenario, k) => {
      const horizons = scenarios.policies.map((p) => p.outcomes[k].horizons[PANE_YEARS - 1]);
      return row(
        `net:${scenario.name}`,
        labels.scenarioNames[scenario.name] ?? scenario.name,
        horizons.map((h) => h.net),
        {
          grouped: true,
          notes: report.policies.map((p, i) =>
            horizons[i].net === null ? labels.costProblems[p.costProblem ?? 'no-cost-terms'] : null,
          ),
        },
      );
    }),
  };
  return [top, ...(excluded.rows.length > 0 ? [excluded] : []), money, net];
}

export interface CoverBar {
  key: string;
  covered: number;
  uninsured: number;
  /** Shares of the widest bar (0–1): the bars are drawn to one scale. */
  coveredShare: number;
  uninsuredShare: number;
}

/** Covered and uninsured per policy, to one scale (the largest open amount is the full width). */
export function coverBars(report: ComparisonReport): CoverBar[] {
  // A ledger of credit notes can give a negative total: it draws as nothing, and its figure says it.
  const positive = (n: number): number => Math.max(0, n);
  const widest = Math.max(0, ...report.policies.map((p) => positive(p.totals.covered) + positive(p.totals.uninsured)));
  return report.policies.map((p) => ({
    key: p.key,
    covered: p.totals.covered,
    uninsured: p.totals.uninsured,
    coveredShare: widest === 0 ? 0 : positive(p.totals.covered) / widest,
    uninsuredShare: widest === 0 ? 0 : positive(p.totals.uninsured) / widest,
  }));
}

export interface DifferingBuyer {
  buyerId: string;
  buyerName: string | null;
  /** Covered per policy, aligned with the report's policies; null where the policy set the buyer aside. */
  covered: { key: string; amount: number | null }[];
  /** Why each other policy covers another amount, against the first: `B: limit 7,500 vs 2,000`. */
  reasons: { key: string; text: string }[];
}

/** The buyers whose cover differs, largest gap first (the report's order), at most `count`. */
export function differingBuyers(
  report: ComparisonReport,
  lang: Labels['lang'],
  count = BUYERS_SHOWN,
): DifferingBuyer[] {
  const keys = report.policies.map((p) => p.key);
  const [reference] = keys;
  return report.buyers.slice(0, count).map((b) => ({
    buyerId: b.buyerId,
    buyerName: b.buyerName,
    covered: keys.map((key, i) => ({ key, amount: b.covered[i] })),
    reasons: b.differences.flatMap((d, i) =>
      d === null ? [] : [{ key: keys[i], text: differenceText(d, reference, keys[i], lang) }],
    ),
  }));
}
