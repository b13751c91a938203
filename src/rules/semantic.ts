/**
 * What the schema cannot say: real calendar dates, dates in order, limits that do not overlap,
 * unique rule names, exact amounts and percentages, and conditions whose operator and value make
 * sense together. Runs on whatever the file holds, also when the schema found errors, so every
 * problem is reported at once: each check looks only at values of the expected shape.
 */
import type { Day } from '../domain/types';
import { parseIsoDay } from '../domain/days';
import { centsFromUnits, ratioFromNumber } from '../domain/money';
import { ErrorList, childPointer, describeValue, listNames, quote } from './errors';
import { BUYER_FACT_NAMES, factInfo, isBuyerFact, isFactName, type FactType } from './facts';
import { LIST_OPERATORS, NUMERIC_OPERATORS, isOperatorName } from './operators';

type Obj = Record<string, unknown>;

function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

const ISO_SHAPE = /^\d{4}-\d{2}-\d{2}$/;

/** The day of a date field, or undefined when absent/null/ill-shaped (reported elsewhere) or impossible (reported here). */
function checkDate(value: unknown, pointer: string, errors: ErrorList): Day | undefined {
  if (typeof value !== 'string' || !ISO_SHAPE.test(value)) return undefined;
  const day = parseIsoDay(value);
  if (day === null) {
    errors.add(pointer, `${quote(value)} is not a real calendar date`);
    return undefined;
  }
  return day;
}

/** Amounts are held in cents: at most 2 decimals, and small enough to count exactly. */
function checkAmount(value: unknown, pointer: string, errors: ErrorList): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  // Checked first: centsFromUnits cannot tell "too large" from "too many decimals".
  if (!Number.isSafeInteger(Math.trunc(Math.abs(value)) * 100)) {
    errors.add(pointer, `amount too large to count in cents exactly: ${value}`);
    return;
  }
  const cents = centsFromUnits(value);
  if (cents === null) errors.add(pointer, `an amount has at most 2 decimals, got ${describeValue(value)}`);
  else if (!Number.isSafeInteger(cents)) errors.add(pointer, `amount too large to count in cents exactly: ${value}`);
}

/** Percentages and rates are held as exact decimal ratios. */
function checkDecimal(value: unknown, pointer: string, errors: ErrorList): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  try {
    ratioFromNumber(value);
  } catch {
    errors.add(pointer, `too many significant digits to hold exactly: ${value}`);
  }
}

export function checkSemantics(file: unknown, errors: ErrorList): void {
  // The schema reports a file that is not an object.
  if (!isObj(file)) return;
  checkPolicy(file.policy, errors);
  checkCost(file.cost, errors);
  checkLimits(file.limits, errors);
  checkFxRates(file.fxRates, isObj(file.policy) ? file.policy.currency : undefined, errors);
  checkRules(file.rules, errors);
  checkTests(file.tests, errors);
}

function checkPolicy(policy: unknown, errors: ErrorList): void {
  if (!isObj(policy)) return;
  if (isObj(policy.period)) {
    const start = checkDate(policy.period.start, '/policy/period/start', errors);
    const end = checkDate(policy.period.end, '/policy/period/end', errors);
    if (start !== undefined && end !== undefined && end < start)
      errors.add(
        '/policy/period/end',
        `the period ends (${policy.period.end}) before it starts (${policy.period.start})`,
      );
  }
  for (const field of [
    'discretionaryLimit',
    'minimumClaim',
    'excessPerClaim',
    'annualAggregateDeductible',
    'maxLiability',
  ])
    checkAmount(policy[field], `/policy/${field}`, errors);
  if (isObj(policy.indemnityPercent)) {
    checkDecimal(policy.indemnityPercent.named, '/policy/indemnityPercent/named', errors);
    checkDecimal(policy.indemnityPercent.discretionary, '/policy/indemnityPercent/discretionary', errors);
  }
  if (isObj(policy.vat)) checkDecimal(policy.vat.rate, '/policy/vat/rate', errors);
}

/** The `cost` block: exact amounts and rates (its shape, a premium on turnover or fixed, is the schema's). */
function checkCost(cost: unknown, errors: ErrorList): void {
  if (!isObj(cost)) return;
  checkAmount(cost.annualInsuredTurnover, '/cost/annualInsuredTurnover', errors);
  checkDecimal(cost.recoveryCommissionPercent, '/cost/recoveryCommissionPercent', errors);
  if (isObj(cost.premium)) {
    checkDecimal(cost.premium.ratePercent, '/cost/premium/ratePercent', errors);
    checkAmount(cost.premium.minimum, '/cost/premium/minimum', errors);
    checkAmount(cost.premium.amount, '/cost/premium/amount', errors);
  }
  if (isObj(cost.fees))
    for (const field of ['perNamedLimitRequest', 'perMonitoredBuyerPerYear'])
      checkAmount(cost.fees[field], `/cost/fees/${field}`, errors);
}

interface Validity {
  index: number;
  from: Day;
  to: Day;
}

function checkLimits(limits: unknown, errors: ErrorList): void {
  const byBuyer = new Map<string, Validity[]>();
  arrayOf(limits).forEach((limit, index) => {
    if (!isObj(limit)) return;
    const at = `/limits/${index}`;
    checkAmount(limit.amount, `${at}/amount`, errors);
    const from = checkDate(limit.validFrom, `${at}/validFrom`, errors);
    const to = checkDate(limit.validTo, `${at}/validTo`, errors);
    if (from !== undefined && to !== undefined && to < from) {
      errors.add(`${at}/validTo`, `the limit ends (${limit.validTo}) before it starts (${limit.validFrom})`);
      return;
    }
    const fromKnown = limit.validFrom === null || from !== undefined;
    const toKnown = limit.validTo === null || to !== undefined;
    if (typeof limit.buyer !== 'string' || !fromKnown || !toKnown) return;
    const validity = { index, from: from ?? -Infinity, to: to ?? Infinity };
    const earlier = byBuyer.get(limit.buyer) ?? [];
    const clash = earlier.find((v) => v.from <= validity.to && validity.from <= v.to);
    if (clash !== undefined)
      errors.add(
        at,
        `a second limit for buyer ${quote(limit.buyer)} in force at the same time as limits/${clash.index}; ` +
          'limits of one buyer must not overlap (end one the day before the next starts)',
      );
    earlier.push(validity);
    byBuyer.set(limit.buyer, earlier);
  });
}

function checkFxRates(rates: unknown, currency: unknown, errors: ErrorList): void {
  if (!isObj(rates)) return;
  for (const [code, rate] of Object.entries(rates)) {
    const at = childPointer('/fxRates', code);
    checkDecimal(rate, at, errors);
    if (code === currency && rate !== 1)
      errors.add(at, `${code} is the policy currency: its rate is 1 (or leave it out), got ${describeValue(rate)}`);
  }
}

function checkRules(rules: unknown, errors: ErrorList): void {
  const names = new Map<string, number>();
  arrayOf(rules).forEach((rule, index) => {
    if (!isObj(rule)) return;
    const at = `/rules/${index}`;
    if (typeof rule.name === 'string') {
      const first = names.get(rule.name);
      if (first !== undefined)
        errors.add(`${at}/name`, `duplicate rule name ${quote(rule.name)}; rules/${first} has the same name`);
      else names.set(rule.name, index);
    }
    const event = isObj(rule.event) ? rule.event : {};
    const params = isObj(event.params) ? event.params : {};
    if (event.type === 'limit') checkAmount(params.max, `${at}/event/params/max`, errors);
    if (event.type === 'indemnity') checkDecimal(params.percent, `${at}/event/params/percent`, errors);
    const buyerOnly = event.type === 'limit' || event.type === 'indemnity' ? event.type : null;
    forEachLeaf(rule.conditions, `${at}/conditions`, (leaf, pointer) => checkLeaf(leaf, pointer, buyerOnly, errors));
  });
}

/** Visits every {fact, operator, value} node; depth is bounded by the earlier depth check. */
function forEachLeaf(node: unknown, pointer: string, visit: (leaf: Obj, pointer: string) => void): void {
  if (!isObj(node)) return;
  if ('all' in node || 'any' in node || 'not' in node) {
    for (const key of ['all', 'any'] as const)
      arrayOf(node[key]).forEach((child, i) => forEachLeaf(child, `${pointer}/${key}/${i}`, visit));
    if ('not' in node) forEachLeaf(node.not, `${pointer}/not`, visit);
    return;
  }
  visit(node, pointer);
}

const TYPE_WORDS: Record<FactType, string> = {
  text: 'a text',
  number: 'a number',
  date: 'a date (text YYYY-MM-DD)',
  boolean: 'true, false or null',
};

/** Whether a condition value can ever equal a fact of this type (null always can: facts may be null). */
function comparable(type: FactType, value: unknown): boolean {
  if (value === null) return true;
  if (typeof value === 'string') return type === 'text' || type === 'date';
  if (typeof value === 'number') return type === 'number';
  if (typeof value === 'boolean') return type === 'boolean';
  return false;
}

function checkLeaf(leaf: Obj, at: string, buyerOnly: 'limit' | 'indemnity' | null, errors: ErrorList): void {
  const { fact, operator, value } = leaf;
  const ref = isObj(value) ? value.fact : undefined;
  if (buyerOnly !== null) {
    const onlyBuyer = `a ${quote(buyerOnly)} rule may only use buyer facts (${listNames(BUYER_FACT_NAMES)})`;
    if (isFactName(fact) && !isBuyerFact(fact))
      errors.add(`${at}/fact`, `${onlyBuyer}; ${quote(fact)} is an invoice fact`);
    if (isFactName(ref) && !isBuyerFact(ref))
      errors.add(`${at}/value/fact`, `${onlyBuyer}; ${quote(ref)} is an invoice fact`);
  }
  if (!isOperatorName(operator) || !('value' in leaf)) return;
  const factType = isFactName(fact) ? factInfo(fact).type : undefined;
  const refType = isFactName(ref) ? factInfo(ref).type : undefined;
  const op = quote(operator);

  if (NUMERIC_OPERATORS.includes(operator)) {
    // json-rules-engine would coerce: "2027-03-01" passes its number check (parseFloat gives 2027) and
    // then compares as NaN; a text fact compared with a number is never what a broker meant.
    if (factType !== undefined && factType !== 'number')
      errors.add(`${at}/fact`, `operator ${op} compares numbers; fact ${quote(fact)} is ${TYPE_WORDS[factType]}`);
    if (refType !== undefined) {
      if (refType !== 'number')
        errors.add(`${at}/value/fact`, `operator ${op} compares numbers; fact ${quote(ref)} is ${TYPE_WORDS[refType]}`);
    } else if (ref === undefined && typeof value !== 'number') {
      errors.add(`${at}/value`, `operator ${op} compares numbers; expected a number, got ${describeValue(value)}`);
    }
    return;
  }
  if (LIST_OPERATORS.includes(operator)) {
    if (!Array.isArray(value)) {
      errors.add(
        `${at}/value`,
        `operator ${op} needs an array of values, e.g. ["RU", "BY"], got ${describeValue(value)}`,
      );
      return;
    }
    if (factType !== undefined)
      value.forEach((item, i) => {
        if (!comparable(factType, item))
          errors.add(
            `${at}/value/${i}`,
            `${describeValue(item)} never equals fact ${quote(fact)}, which is ${TYPE_WORDS[factType]}`,
          );
      });
    return;
  }
  if (operator === 'contains' || operator === 'doesNotContain') {
    // json-rules-engine only applies these to array facts (else the condition is false); none of ours is one.
    const instead = operator === 'contains' ? '"in" or "equal"' : '"notIn" or "notEqual"';
    errors.add(
      `${at}/operator`,
      `operator ${op} only works on list facts and every fact here is a single value, so it is always false; use ${instead}`,
    );
    return;
  }
  // equal, notEqual: strict equality.
  if (Array.isArray(value)) {
    errors.add(
      `${at}/value`,
      `operator ${op} compares with a single value and an array never equals a fact; use ${quote(operator === 'equal' ? 'in' : 'notIn')}`,
    );
  } else if (factType !== undefined && refType !== undefined) {
    if ((factType === 'number') !== (refType === 'number') || (factType === 'boolean') !== (refType === 'boolean'))
      errors.add(
        `${at}/value/fact`,
        `fact ${quote(ref)} (${TYPE_WORDS[refType]}) never equals fact ${quote(fact)} (${TYPE_WORDS[factType]})`,
      );
  } else if (factType !== undefined && ref === undefined && !comparable(factType, value)) {
    errors.add(
      `${at}/value`,
      `${describeValue(value)} never equals fact ${quote(fact)}, which is ${TYPE_WORDS[factType]}`,
    );
  }
}

function checkTests(tests: unknown, errors: ErrorList): void {
  arrayOf(tests).forEach((test, index) => {
    if (!isObj(test)) return;
    const at = `/tests/${index}`;
    checkDate(test.asOf, `${at}/asOf`, errors);
    if (isObj(test.facts)) {
      checkDate(test.facts.invoiceDate, `${at}/facts/invoiceDate`, errors);
      checkDate(test.facts.dueDate, `${at}/facts/dueDate`, errors);
      checkAmount(test.facts.namedLimit, `${at}/facts/namedLimit`, errors);
    }
    if (isObj(test.expect)) {
      checkAmount(test.expect.limit, `${at}/expect/limit`, errors);
      checkDecimal(test.expect.indemnityPercent, `${at}/expect/indemnityPercent`, errors);
    }
  });
}
