/**
 * The invoice-level evaluation (DOMAIN.md steps 1 to 9) of an aged balance against a policy.
 */
import { allocate } from './allocation';
import { applyCredits } from './credits';
import { formatIsoDay } from './days';
import { addFlag, addFlags, collectFlags, exclusionReasons } from './effects';
import { anyInForce, buyerCover, coverStart, LimitIndex, type BuyerCover } from './limits';
import { convert, excludeVat, unitsFromCents } from './money';
import { EvaluationBuilder, newLine, settleLines, type BuyerLines, type Line } from './result';
import type {
  BuyerFacts,
  Cents,
  Day,
  Diagnostic,
  Evaluation,
  InvoiceFacts,
  InvoiceLedger,
  InvoiceLine,
  NamedLimit,
  Policy,
  RuleEffect,
} from './types';

/** Days before the declaration deadline from which an undeclared overdue invoice is flagged `declare-soon`. */
export const DECLARE_SOON_DAYS = 15;

/** One buyer's invoices in row order, and where each one's converted figures and result slot are kept. */
interface BuyerRun {
  lines: InvoiceLine[];
  /** Line i's index into the arrays below (its position in the ledger's row order) is `keys[first + i]`. */
  keys: Int32Array;
  first: number;
  /** Converted to the policy currency (step 1), before credits. */
  open: Float64Array;
  /** Converted invoice amount (the `invoiceAmount` fact). */
  amount: Float64Array;
  /** Position among the evaluated rows in row order: where its result goes. */
  slot: Int32Array;
}

export function evaluateInvoices(ledger: InvoiceLedger, policy: Policy, asOf: Day): Evaluation {
  const { terms } = policy;
  const diagnostics: Diagnostic[] = [...ledger.diagnostics];
  const limits = new LimitIndex(policy.limits);
  const flagMessages = new Map<string, string>();

  // Row order is the tie-break everywhere, whatever order the ledger arrived in (a reader gives it sorted).
  const lines = inRowOrder(ledger.invoices);
  const n = lines.length;
  // Steps 1 and grouping, without an object per invoice: a million of them, all alive until the end,
  // is what made the garbage collector the largest cost. Plain numbers in typed arrays instead.
  const open = new Float64Array(n);
  const amount = new Float64Array(n);
  const slot = new Int32Array(n);
  const buyerOf = new Int32Array(n);
  const buyerIndex = new Map<string, number>();
  const sizes: number[] = [];
  let rowsEvaluated = 0;
  for (let k = 0; k < n; k++) {
    const line = lines[k];
    const currency = line.currency ?? terms.currency;
    let lineOpen = line.open;
    let lineAmount = line.amount ?? line.open;
    if (currency !== terms.currency) {
      const rate = policy.fxRates[currency];
      if (rate === undefined) {
        diagnostics.push(noFxRate(line, currency, terms.currency));
        buyerOf[k] = -1;
        continue;
      }
      lineOpen = convert(lineOpen, rate);
      lineAmount = convert(lineAmount, rate);
    }
    open[k] = lineOpen;
    amount[k] = lineAmount;
    slot[k] = rowsEvaluated++;
    let b = buyerIndex.get(line.buyerId);
    if (b === undefined) {
      b = sizes.length;
      buyerIndex.set(line.buyerId, b);
      sizes.push(0);
    }
    buyerOf[k] = b;
    sizes[b] += 1;
  }
  // Each buyer's lines, in row order, as one run of `grouped`; buyers in the order of their first row.
  const starts = new Int32Array(sizes.length + 1);
  for (let b = 0; b < sizes.length; b++) starts[b + 1] = starts[b] + sizes[b];
  const next = starts.slice(0, sizes.length);
  const grouped = new Int32Array(rowsEvaluated);
  for (let k = 0; k < n; k++) if (buyerOf[k] >= 0) grouped[next[buyerOf[k]]++] = k;

  const builder = new EvaluationBuilder(policy, rowsEvaluated);
  for (let b = 0; b < sizes.length; b++) {
    const first = starts[b];
    const buyerLines = new Array<InvoiceLine>(starts[b + 1] - first);
    for (let i = 0; i < buyerLines.length; i++) buyerLines[i] = lines[grouped[first + i]];
    const run: BuyerRun = { lines: buyerLines, keys: grouped, first, open, amount, slot };
    builder.addBuyer(evaluateBuyer(run, policy, limits.entries(run.lines[0].buyerId), asOf, ledger, flagMessages));
  }
  return builder.finish({
    asOf,
    level: 'invoice',
    diagnostics,
    flagMessages,
    rowsRead: ledger.rowsRead,
    rowsEvaluated,
    rowsSkipped: ledger.rowsSkipped,
  });
}

/** The invoices by row: as given when they already are (a reader's are), else a sorted copy. */
function inRowOrder(invoices: readonly InvoiceLine[]): readonly InvoiceLine[] {
  for (let k = 1; k < invoices.length; k++) {
    if (invoices[k].row < invoices[k - 1].row) return [...invoices].sort((a, b) => a.row - b.row);
  }
  return invoices;
}

function noFxRate(line: InvoiceLine, currency: string, policyCurrency: string): Diagnostic {
  const amount = unitsFromCents(line.open);
  return {
    row: line.row,
    column: 'currency',
    code: 'no-fx-rate',
    severity: 'error',
    message: `no exchange rate from ${currency} to ${policyCurrency} in the rule file: ${amount.toFixed(2)} ${currency} set aside, out of the totals`,
    amount,
    currency,
  };
}

function evaluateBuyer(
  run: BuyerRun,
  policy: Policy,
  limitEntries: readonly NamedLimit[],
  asOf: Day,
  ledger: InvoiceLedger,
  flagMessages: Map<string, string>,
): BuyerLines {
  const { terms, rules } = policy;
  const items = run.lines;
  const first = items[0];
  const n = items.length;

  // Step 2: credits, in row order, on the oldest due dates first.
  const open = new Array<Cents>(n);
  for (let i = 0; i < n; i++) open[i] = run.open[run.keys[run.first + i]];
  const credits: number[] = [];
  const debits: number[] = [];
  for (let i = 0; i < n; i++) {
    if (open[i] < 0) credits.push(i);
    else if (open[i] > 0) debits.push(i);
  }
  if (credits.length > 0) {
    sortByDay(debits, (i) => items[i].dueDate);
    applyCredits(open, credits, debits);
  }

  // Buyer facts and buyer-level rules, once per buyer.
  let exposure = 0;
  let maxDaysOverdue = 0;
  for (let i = 0; i < n; i++) {
    exposure += open[i];
    if (open[i] > 0) maxDaysOverdue = Math.max(maxDaysOverdue, Math.max(0, asOf - items[i].dueDate));
  }
  const probe = buyerCover(terms, limitEntries, asOf, []);
  const buyerFacts: BuyerFacts = {
    buyerId: first.buyerId,
    buyerName: first.buyerName,
    country: first.country,
    sector: first.sector,
    buyerType: first.buyerType,
    namedLimit: probe.namedAmount === null ? null : unitsFromCents(probe.namedAmount),
    buyerExposure: unitsFromCents(exposure),
    buyerMaxDaysOverdue: maxDaysOverdue,
  };
  const buyerEffects = rules.buyerEffects(buyerFacts);
  const cover: BuyerCover = buyerCover(terms, limitEntries, asOf, buyerEffects);
  const buyerReasons = exclusionReasons(buyerEffects);
  // Buyer-rule flags go on each invoice; the buyer's own list also gathers what its invoices raise.
  const ruleFlags: string[] = [];
  collectFlags(buyerEffects, ruleFlags, flagMessages);
  const buyerFlags = [...ruleFlags];

  const start = coverStart(terms, limitEntries);
  const stopShipment =
    terms.maxExtensionDays === null ? null : stopShipmentThresholds(items, open, terms.maxExtensionDays);
  // One facts object per buyer, refilled for each invoice: the rules run synchronously and keep nothing.
  const facts = rules.invoiceRuleNames.length > 0 ? newInvoiceFacts(buyerFacts) : null;

  const lines: Line[] = [];
  const eligible: number[] = [];
  for (let i = 0; i < n; i++) {
    const src = items[i];
    const key = run.keys[run.first + i];
    const line = newLine(run.slot[key], src.row, open[i]);
    line.invoiceNo = src.invoiceNo;
    line.invoiceDate = src.invoiceDate;
    line.dueDate = src.dueDate;
    line.daysOverdue = Math.max(0, asOf - src.dueDate);
    line.overdue = line.daysOverdue > 0;
    line.declareBy = terms.declarationDeadlineDays === null ? null : src.dueDate + terms.declarationDeadlineDays;
    line.claimableOn = terms.indemnityWaitingDays === null ? null : src.dueDate + terms.indemnityWaitingDays;
    lines.push(line);
    if (open[i] <= 0) continue; // a credit, or an invoice used up by credits: no eligibility

    line.insurable = terms.vat?.ledgerIncludesVat ? excludeVat(open[i], terms.vat.rate) : open[i];
    let invoiceEffects: RuleEffect[] = NO_EFFECTS;
    if (facts !== null) {
      const invoiceAmount = ledger.hasAmountColumn ? run.amount[key] : run.open[key];
      setInvoiceFacts(facts, src, invoiceAmount, open[i], line, terms.currency);
      invoiceEffects = rules.invoiceEffects(facts);
    }
    // Most invoices get no flag and no reason: they share the empty list instead of two new arrays each.
    const flags: string[] = [];
    addFlags(flags, ruleFlags);
    collectFlags(invoiceEffects, flags, flagMessages);
    if (flags.length > 0) line.flags = flags;

    const reasons: string[] = [];
    if (src.invoiceDate < terms.period.start || src.invoiceDate > terms.period.end) reasons.push('outside-period');
    if (src.invoiceDate < start + terms.carenceDays) reasons.push('carence');
    if (terms.maxCreditPeriodDays !== null && src.dueDate - src.invoiceDate > terms.maxCreditPeriodDays) {
      reasons.push('credit-period');
    }
    if (src.disputed === true) reasons.push('disputed');
    if (invoiceEffects.length > 0) {
      for (const reason of exclusionReasons([...buyerEffects, ...invoiceEffects])) reasons.push(reason);
    } else {
      for (const reason of buyerReasons) reasons.push(reason);
    }
    if (
      line.declareBy !== null &&
      terms.declarationDeadlineDays !== null &&
      line.daysOverdue > terms.declarationDeadlineDays &&
      !(src.declaredOn !== null && src.declaredOn <= line.declareBy)
    ) {
      reasons.push('declaration-late');
    }
    if (stopShipment !== null && src.invoiceDate > stopShipment.thresholdExcluding(i)) reasons.push('stop-shipment');
    if (cover.kind === 'none' || (cover.kind === 'named' && !anyInForce(limitEntries, src.invoiceDate))) {
      reasons.push('no-limit');
    }

    if (reasons.length > 0) {
      line.reasons = reasons;
      line.status = 'excluded';
      continue;
    }
    line.status = 'covered'; // refined by settleLines once the limit is allocated
    eligible.push(i);
    if (
      line.overdue &&
      line.declareBy !== null &&
      !(src.declaredOn !== null && src.declaredOn <= asOf) &&
      line.declareBy - asOf >= 0 &&
      line.declareBy - asOf <= DECLARE_SOON_DAYS
    ) {
      if (line.flags.length === 0) line.flags = [];
      addFlag(line.flags, 'declare-soon');
      addFlag(buyerFlags, 'declare-soon');
    }
  }

  // Step 6: eligible invoices use up the limit in invoice-date order, then row order.
  sortByDay(eligible, (i) => items[i].invoiceDate);
  const insured = allocate(
    lines.map((l) => l.insurable),
    eligible,
    cover.limit,
  );
  for (const i of eligible) lines[i].insured = insured[i];
  settleLines(lines, cover.percent);

  return {
    attributes: {
      buyerId: first.buyerId,
      buyerName: first.buyerName,
      country: first.country,
      sector: first.sector,
      buyerType: first.buyerType,
    },
    kind: cover.kind,
    limit: cover.limit,
    percent: cover.percent,
    maxDaysOverdue,
    flags: buyerFlags,
    lines,
  };
}

const NO_EFFECTS: RuleEffect[] = [];

/** 2^21: more invoices than one buyer can have on a sheet of 1,048,576 rows. */
const INDEX_SPAN = 2_097_152;

/**
 * Sorts a buyer's line indexes by a day, then by index (its row order), in place. Each pair is one
 * number, day × 2^21 + index (exact: |day| < 3 million), so the native sort of a Float64Array does
 * the work without calling a comparator n log n times; lines already in order are only checked.
 */
function sortByDay(indexes: number[], dayOf: (index: number) => Day): void {
  const n = indexes.length;
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  const keys = scratch;
  let sorted = true;
  for (let k = 0; k < n; k++) {
    keys[k] = dayOf(indexes[k]) * INDEX_SPAN + indexes[k];
    if (k > 0 && keys[k] < keys[k - 1]) sorted = false;
  }
  if (sorted) return;
  if (n <= 64) {
    // Insertion sort: a buyer has a few dozen invoices, below what a call to the native sort costs.
    for (let k = 1; k < n; k++) {
      const key = keys[k];
      let j = k - 1;
      while (j >= 0 && keys[j] > key) {
        keys[j + 1] = keys[j];
        j--;
      }
      keys[j + 1] = key;
    }
  } else {
    keys.subarray(0, n).sort();
  }
  for (let k = 0; k < n; k++) {
    const key = keys[k];
    indexes[k] = key - Math.floor(key / INDEX_SPAN) * INDEX_SPAN;
  }
}

/** The keys `sortByDay` sorts, reused: evaluation is synchronous and never re-entered. */
let scratch = new Float64Array(256);

/**
 * Stop-shipment: an invoice issued strictly after another still-open invoice of the buyer passed
 * its due date + the maximum extension. Keeps the two earliest thresholds so "another" is O(1).
 */
function stopShipmentThresholds(items: readonly InvoiceLine[], open: readonly Cents[], extension: number) {
  let first = Infinity;
  let firstIndex = -1;
  let second = Infinity;
  for (let i = 0; i < items.length; i++) {
    if (open[i] <= 0) continue;
    const threshold = items[i].dueDate + extension;
    if (threshold < first) {
      second = first;
      first = threshold;
      firstIndex = i;
    } else if (threshold < second) {
      second = threshold;
    }
  }
  return { thresholdExcluding: (i: number): number => (i === firstIndex ? second : first) };
}

function newInvoiceFacts(buyer: BuyerFacts): InvoiceFacts {
  // Written out, not spread: spreading into a literal with more keys is ~100× slower in V8.
  return {
    buyerId: buyer.buyerId,
    buyerName: buyer.buyerName,
    country: buyer.country,
    sector: buyer.sector,
    buyerType: buyer.buyerType,
    namedLimit: buyer.namedLimit,
    buyerExposure: buyer.buyerExposure,
    buyerMaxDaysOverdue: buyer.buyerMaxDaysOverdue,
    invoiceAmount: null,
    openAmount: 0,
    currency: '',
    invoiceDate: '',
    dueDate: '',
    daysOverdue: 0,
    creditPeriodDays: 0,
    disputed: null,
  };
}

function setInvoiceFacts(
  facts: InvoiceFacts,
  src: InvoiceLine,
  invoiceAmount: Cents,
  open: Cents,
  line: Line,
  policyCurrency: string,
): void {
  facts.invoiceAmount = unitsFromCents(invoiceAmount);
  facts.openAmount = unitsFromCents(open);
  facts.currency = src.currency ?? policyCurrency;
  facts.invoiceDate = formatIsoDay(src.invoiceDate);
  facts.dueDate = formatIsoDay(src.dueDate);
  facts.daysOverdue = line.daysOverdue;
  facts.creditPeriodDays = src.dueDate - src.invoiceDate;
  facts.disputed = src.disputed;
}
