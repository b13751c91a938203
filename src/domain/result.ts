/**
 * Steps 7 and 9 on one buyer's evaluated lines, and the public result built from cents.
 * Every figure of the result is derived from integer cents exactly once.
 */
import { buyerClaim, portfolioIndemnity } from './claims';
import { formatIsoDay } from './days';
import { addFlag } from './effects';
import { applyPercent, ratioToNumber, unitsFromCents } from './money';
import type {
  BuyerAttributes,
  BuyerResult,
  Cents,
  Day,
  Diagnostic,
  Evaluation,
  InvoiceResult,
  InvoiceStatus,
  LimitKind,
  Policy,
  Ratio,
} from './types';

/** One evaluated line: an invoice, or a non-empty bucket of a buyer. */
export interface Line {
  /** Index of this line in the result's `invoices`, which are in row order. */
  slot: number;
  row: number;
  invoiceNo: string | null;
  bucket: string | null;
  invoiceDate: Day | null;
  dueDate: Day | null;
  open: Cents;
  insurable: Cents;
  status: InvoiceStatus;
  reasons: string[];
  insured: Cents;
  overLimit: Cents;
  covered: Cents;
  daysOverdue: number;
  /** Counts towards the claim base when eligible (overdue invoice; any bucket but not due). */
  overdue: boolean;
  declareBy: Day | null;
  claimableOn: Day | null;
  flags: string[];
}

export interface BuyerLines {
  attributes: BuyerAttributes;
  kind: LimitKind;
  limit: Cents;
  percent: Ratio;
  maxDaysOverdue: number | null;
  flags: string[];
  lines: Line[];
}

interface BuyerSums {
  open: Cents;
  eligible: Cents;
  insured: Cents;
  overLimit: Cents;
  covered: Cents;
  claimBase: Cents;
  claim: Cents;
}

/**
 * The reasons and flags of a line that has none: one shared, frozen list (a million empty arrays
 * would be a million objects to keep). Frozen, so that a push meant for one line throws instead of
 * reaching every line: code that adds to a line's list gives it a list of its own first.
 */
const NONE: string[] = Object.freeze([]) as unknown as string[];

export function newLine(slot: number, row: number, open: Cents): Line {
  return {
    slot,
    row,
    invoiceNo: null,
    bucket: null,
    invoiceDate: null,
    dueDate: null,
    open,
    insurable: 0,
    status: 'credit',
    reasons: NONE,
    insured: 0,
    overLimit: 0,
    covered: 0,
    daysOverdue: 0,
    overdue: false,
    declareBy: null,
    claimableOn: null,
    flags: NONE,
  };
}

/** Statuses of eligible lines once `insured` is set (step 6), and covered amounts (step 7). */
export function settleLines(lines: readonly Line[], percent: Ratio): void {
  for (const line of lines) {
    if (line.status === 'credit' || line.status === 'excluded') continue;
    line.overLimit = line.insurable - line.insured;
    line.status = line.insured === line.insurable ? 'covered' : line.insured === 0 ? 'over-limit' : 'partial';
    line.covered = applyPercent(line.insured, percent);
  }
}

const day = (d: Day | null): string | null => (d === null ? null : formatIsoDay(d));

export interface ResultInput {
  policy: Policy;
  asOf: Day;
  level: 'invoice' | 'bucket';
  buyers: BuyerLines[];
  diagnostics: Diagnostic[];
  flagMessages: Map<string, string>;
  rowsRead: number;
  rowsEvaluated: number;
  rowsSkipped: number;
}

/** Sums, claims (step 9) and the public JSON. Lines are listed by row, buyers by their first row. */
export function buildEvaluation(input: ResultInput): Evaluation {
  let lineCount = 0;
  for (const buyer of input.buyers) lineCount += buyer.lines.length;
  const builder = new EvaluationBuilder(input.policy, lineCount);
  for (const buyer of input.buyers) builder.addBuyer(buyer);
  return builder.finish(input);
}

/**
 * The result built one buyer at a time: a buyer's lines become results as soon as its limit is
 * allocated, so the working objects of a million-row evaluation die young instead of all living
 * until the end (which is what the garbage collector charges for).
 */
export class EvaluationBuilder {
  private readonly invoices: InvoiceResult[];
  private readonly buyerResults: BuyerResult[] = [];
  private readonly total = { open: 0, eligible: 0, insured: 0, overLimit: 0, covered: 0, claims: 0 };
  private readonly excludedByReason = new Map<string, Cents>();

  /** `lineCount`: how many lines all buyers will add; each line's slot is below it. */
  constructor(
    private readonly policy: Policy,
    lineCount: number,
  ) {
    this.invoices = new Array<InvoiceResult>(lineCount);
  }

  addBuyer(buyer: BuyerLines): void {
    const { invoices, excludedByReason, total } = this;
    const sums: BuyerSums = { open: 0, eligible: 0, insured: 0, overLimit: 0, covered: 0, claimBase: 0, claim: 0 };
    for (const line of buyer.lines) {
      sums.open += line.open;
      sums.covered += line.covered;
      if (line.status === 'excluded') {
        const reason = line.reasons[0];
        excludedByReason.set(reason, (excludedByReason.get(reason) ?? 0) + line.open);
      } else if (line.status !== 'credit') {
        sums.eligible += line.insurable;
        sums.insured += line.insured;
        sums.overLimit += line.overLimit;
        if (line.overdue) sums.claimBase += line.insured;
      }
      invoices[line.slot] = lineResult(buyer, line);
    }
    const { claim, belowMinimum } = buyerClaim(this.policy.terms, sums.claimBase, buyer.percent);
    sums.claim = claim;
    if (belowMinimum) addFlag(buyer.flags, 'below-minimum');
    total.open += sums.open;
    total.eligible += sums.eligible;
    total.insured += sums.insured;
    total.overLimit += sums.overLimit;
    total.covered += sums.covered;
    total.claims += sums.claim;
    this.buyerResults.push(buyerResult(buyer, sums));
  }

  finish(input: Omit<ResultInput, 'buyers' | 'policy'>): Evaluation {
    const { policy, total, excludedByReason } = this;
    const terms = policy.terms;
    const reasonsSorted = [...excludedByReason.keys()].sort();
    const rowsReported = new Set(
      input.diagnostics.filter((d) => d.severity === 'error' && d.row !== null).map((d) => d.row),
    ).size;
    return {
      format: 'credit-cover/evaluation@1',
      asOf: formatIsoDay(input.asOf),
      level: input.level,
      policy: {
        id: terms.id,
        name: terms.name,
        insurer: terms.insurer,
        version: terms.version,
        currency: terms.currency,
        hash: policy.hash,
      },
      counts: {
        rowsRead: input.rowsRead,
        rowsEvaluated: input.rowsEvaluated,
        rowsSkipped: input.rowsSkipped,
        rowsReported,
      },
      totals: {
        open: unitsFromCents(total.open),
        eligible: unitsFromCents(total.eligible),
        insured: unitsFromCents(total.insured),
        overLimit: unitsFromCents(total.overLimit),
        covered: unitsFromCents(total.covered),
        uninsured: unitsFromCents(total.open - total.covered),
        excludedByReason: Object.fromEntries(
          reasonsSorted.map((r) => [r, unitsFromCents(excludedByReason.get(r) ?? 0)]),
        ),
        claims: unitsFromCents(total.claims),
        portfolioIndemnity: unitsFromCents(portfolioIndemnity(terms, total.claims)),
      },
      buyers: this.buyerResults,
      invoices: this.invoices,
      flagMessages: Object.fromEntries(
        [...input.flagMessages.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      ),
      diagnostics: input.diagnostics,
    };
  }
}

function lineResult(buyer: BuyerLines, line: Line): InvoiceResult {
  return {
    row: line.row,
    invoiceNo: line.invoiceNo,
    buyerId: buyer.attributes.buyerId,
    bucket: line.bucket,
    invoiceDate: day(line.invoiceDate),
    dueDate: day(line.dueDate),
    open: unitsFromCents(line.open),
    insurable: unitsFromCents(line.insurable),
    status: line.status,
    reason: line.reasons.length > 0 ? line.reasons[0] : null,
    reasons: line.reasons,
    insured: unitsFromCents(line.insured),
    overLimit: unitsFromCents(line.overLimit),
    covered: unitsFromCents(line.covered),
    uninsured: unitsFromCents(line.open - line.covered),
    daysOverdue: line.daysOverdue,
    declareBy: day(line.declareBy),
    claimableOn: day(line.claimableOn),
    flags: line.flags,
  };
}

function buyerResult(buyer: BuyerLines, sums: BuyerSums): BuyerResult {
  return {
    buyerId: buyer.attributes.buyerId,
    buyerName: buyer.attributes.buyerName,
    country: buyer.attributes.country,
    open: unitsFromCents(sums.open),
    eligible: unitsFromCents(sums.eligible),
    limit: unitsFromCents(buyer.limit),
    limitKind: buyer.kind,
    indemnityPercent: ratioToNumber(buyer.percent),
    insured: unitsFromCents(sums.insured),
    overLimit: unitsFromCents(sums.overLimit),
    covered: unitsFromCents(sums.covered),
    uninsured: unitsFromCents(sums.open - sums.covered),
    claimBase: unitsFromCents(sums.claimBase),
    claim: unitsFromCents(sums.claim),
    maxDaysOverdue: buyer.maxDaysOverdue,
    flags: buyer.flags,
  };
}
