/**
 * The bucket-level evaluation: one row per buyer with amounts per age bucket, no invoice dates.
 * Only what the buckets can tell is applied; what cannot be checked is said in the diagnostics.
 */
import { allocate } from './allocation';
import { applyCredits } from './credits';
import { addFlag, addFlags, collectFlags, exclusionReasons } from './effects';
import { DECLARE_SOON_DAYS } from './invoice-level';
import { anyInForce, buyerCover, LimitIndex } from './limits';
import { convert, excludeVat, unitsFromCents } from './money';
import { buildEvaluation, newLine, settleLines, type BuyerLines, type Line } from './result';
import type {
  BucketDef,
  BucketLedger,
  BucketRow,
  BuyerFacts,
  Cents,
  Day,
  Diagnostic,
  Evaluation,
  Policy,
} from './types';

interface MergedBuyer {
  first: BucketRow;
  amounts: Cents[];
}

export function evaluateBuckets(ledger: BucketLedger, policy: Policy, asOf: Day): Evaluation {
  const { terms } = policy;
  const { buckets } = ledger;
  const diagnostics: Diagnostic[] = [...ledger.diagnostics, ...notEvaluated(policy)];
  const flagMessages = new Map<string, string>();
  const limits = new LimitIndex(policy.limits);

  // Steps 1 and merge: rows in the policy currency, several rows of one buyer summed (attributes from the first).
  const merged = new Map<string, MergedBuyer>();
  let rowsEvaluated = 0;
  for (const row of [...ledger.rows].sort((a, b) => a.row - b.row)) {
    checkTotal(row, buckets, diagnostics);
    const currency = row.currency ?? terms.currency;
    let amounts = row.amounts;
    if (currency !== terms.currency) {
      const rate = policy.fxRates[currency];
      if (rate === undefined) {
        const total = unitsFromCents(row.amounts.reduce((a, b) => a + b, 0));
        diagnostics.push({
          row: row.row,
          column: 'currency',
          code: 'no-fx-rate',
          severity: 'error',
          message: `no exchange rate from ${currency} to ${terms.currency} in the rule file: ${total.toFixed(2)} ${currency} set aside, out of the totals`,
          amount: total,
          currency,
        });
        continue;
      }
      amounts = amounts.map((a) => convert(a, rate));
    }
    rowsEvaluated++;
    const buyer = merged.get(row.buyerId);
    if (buyer) buyer.amounts = buyer.amounts.map((a, i) => a + amounts[i]);
    else merged.set(row.buyerId, { first: row, amounts: [...amounts] });
  }

  // Oldest bucket first: the order in which credits are applied and the limit is used up.
  const oldestFirst = buckets.map((_, i) => i).sort((a, b) => bucketAge(buckets[b]) - bucketAge(buckets[a]) || a - b);
  // Buyers come in the order of their first row and share it with all their lines: slots in emission order are row order.
  const buyers: BuyerLines[] = [];
  const slots = { next: 0 };
  for (const buyer of merged.values()) {
    buyers.push(evaluateBuyer(buyer, buckets, oldestFirst, policy, limits, asOf, flagMessages, slots));
  }
  return buildEvaluation({
    policy,
    asOf,
    level: 'bucket',
    buyers,
    diagnostics,
    flagMessages,
    rowsRead: ledger.rowsRead,
    rowsEvaluated,
    rowsSkipped: ledger.rowsSkipped,
  });
}

/** Not due sorts youngest; then by lower edge. */
function bucketAge(bucket: BucketDef): number {
  return bucket.notDue ? -1 : bucket.from;
}

function evaluateBuyer(
  buyer: MergedBuyer,
  buckets: readonly BucketDef[],
  oldestFirst: readonly number[],
  policy: Policy,
  limits: LimitIndex,
  asOf: Day,
  flagMessages: Map<string, string>,
  slots: { next: number },
): BuyerLines {
  const { terms, rules } = policy;
  const { first } = buyer;
  const nonEmpty = buyer.amounts.map((a) => a !== 0);
  const open = [...buyer.amounts];
  const credits = buckets.map((_, i) => i).filter((i) => open[i] < 0);
  if (credits.length > 0) {
    applyCredits(
      open,
      credits,
      oldestFirst.filter((i) => open[i] > 0),
    );
  }

  let exposure = 0;
  let maxDaysOverdue = 0;
  for (let i = 0; i < open.length; i++) {
    exposure += open[i];
    if (open[i] > 0 && !buckets[i].notDue) maxDaysOverdue = Math.max(maxDaysOverdue, buckets[i].from);
  }
  const entries = limits.entries(first.buyerId);
  const probe = buyerCover(terms, entries, asOf, []);
  const facts: BuyerFacts = {
    buyerId: first.buyerId,
    buyerName: first.buyerName,
    country: first.country,
    sector: first.sector,
    buyerType: first.buyerType,
    namedLimit: probe.namedAmount === null ? null : unitsFromCents(probe.namedAmount),
    buyerExposure: unitsFromCents(exposure),
    buyerMaxDaysOverdue: maxDaysOverdue,
  };
  const effects = rules.buyerEffects(facts);
  const cover = buyerCover(terms, entries, asOf, effects);
  const ruleReasons = exclusionReasons(effects);
  const ruleFlags: string[] = [];
  collectFlags(effects, ruleFlags, flagMessages);
  const buyerFlags = [...ruleFlags];
  const noLimit = cover.kind === 'none' || (cover.kind === 'named' && !anyInForce(entries, asOf));
  const deadline = terms.declarationDeadlineDays;

  const lines: Line[] = [];
  const lineOf = new Map<number, Line>();
  const eligible: number[] = [];
  for (let i = 0; i < buckets.length; i++) {
    if (!nonEmpty[i]) continue;
    const bucket = buckets[i];
    const line = newLine(slots.next++, first.row, open[i]);
    line.bucket = bucket.label;
    line.daysOverdue = bucket.from;
    line.overdue = !bucket.notDue;
    lines.push(line);
    lineOf.set(i, line);
    if (open[i] <= 0) continue;

    line.insurable = terms.vat?.ledgerIncludesVat ? excludeVat(open[i], terms.vat.rate) : open[i];
    line.flags = [];
    line.reasons = [];
    addFlags(line.flags, ruleFlags);
    line.reasons.push(...ruleReasons);
    if (deadline !== null && !bucket.notDue && bucket.from > deadline) line.reasons.push('declaration-late');
    if (noLimit) line.reasons.push('no-limit');
    if (line.reasons.length > 0) {
      line.status = 'excluded';
      continue;
    }
    line.status = 'covered';
    eligible.push(i);
    if (
      deadline !== null &&
      !bucket.notDue &&
      bucket.from <= deadline &&
      (bucket.to === null || bucket.to >= deadline - DECLARE_SOON_DAYS)
    ) {
      addFlag(line.flags, 'check-declaration');
      addFlag(buyerFlags, 'check-declaration');
    }
  }

  const order = oldestFirst.filter((i) => eligible.includes(i));
  const insurable = buckets.map((_, i) => lineOf.get(i)?.insurable ?? 0);
  const insured = allocate(insurable, order, cover.limit);
  for (const i of order) (lineOf.get(i) as Line).insured = insured[i];
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

function checkTotal(row: BucketRow, buckets: readonly BucketDef[], diagnostics: Diagnostic[]): void {
  if (row.total === null) return;
  const sum = row.amounts.reduce((a, b) => a + b, 0);
  if (sum === row.total) return;
  diagnostics.push({
    row: row.row,
    column: 'Total',
    code: 'total-mismatch',
    severity: 'warning',
    message: `the Total column says ${unitsFromCents(row.total).toFixed(2)} but the ${buckets.length} buckets add up to ${unitsFromCents(sum).toFixed(2)}; the buckets are used`,
  });
}

/** One diagnostic per check the policy sets that needs invoice dates, and per rule on invoice facts. */
function notEvaluated(policy: Policy): Diagnostic[] {
  const { terms } = policy;
  const checks: [string, boolean][] = [
    ['outside-period', true],
    ['carence', terms.carenceDays > 0],
    ['credit-period', terms.maxCreditPeriodDays !== null],
    ['disputed', true],
    ['stop-shipment', terms.maxExtensionDays !== null],
  ];
  const out: Diagnostic[] = checks
    .filter(([, set]) => set)
    .map(([check]) => ({
      row: null,
      code: 'not-evaluated',
      severity: 'info' as const,
      message: `${check}: not evaluated (no invoice dates in a bucket-level balance)`,
    }));
  for (const name of policy.rules.invoiceRuleNames) {
    out.push({
      row: null,
      code: 'rule-skipped',
      severity: 'info',
      message: `rule "${name}" uses invoice facts and is skipped at bucket level (its exclusions and flags too)`,
    });
  }
  if (terms.declarationDeadlineDays !== null) {
    out.push({
      row: null,
      code: 'declarations-assumed',
      severity: 'info',
      message: `a bucket-level balance cannot show declarations: overdue buckets past the ${terms.declarationDeadlineDays}-day deadline are assumed undeclared`,
    });
  }
  return out;
}
