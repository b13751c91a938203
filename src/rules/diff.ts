/**
 * What changed between two versions of a rule file, as plain data: policy and cost terms (old →
 * new), named limits per buyer, rules by name, exchange rates and the embedded tests. Two files are
 * identical when nothing here differs; `$schema` (editor help) is not compared.
 */
import { canonicalJson } from './canonical';
import type { LimitJson, RuleFileJson, RuleJson } from './ruleFile';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A term that differs; `before` or `after` is undefined where the file does not set it. */
export interface TermChange {
  /** Dotted path under `policy` or `cost`, e.g. `indemnityPercent.named`, `premium.ratePercent`. */
  path: string;
  before: Json | undefined;
  after: Json | undefined;
}

export interface LimitChange {
  buyer: string;
  change: 'added' | 'removed' | 'changed';
  /** The buyer's entries, ordered by `validFrom` (null first). */
  before: LimitJson[];
  after: LimitJson[];
}

/** `order`: the rule moved among the rules both files have (it decides the order of equal-priority exclusions). */
export type RuleField = 'conditions' | 'event' | 'priority' | 'description' | 'order';

export interface RuleChange {
  name: string;
  change: 'added' | 'removed' | 'changed';
  /** For `changed`: what differs. */
  fields: RuleField[];
  before: RuleJson | null;
  after: RuleJson | null;
}

export interface FxChange {
  currency: string;
  before: number | null;
  after: number | null;
}

export interface RuleFileDiff {
  identical: boolean;
  policy: TermChange[];
  cost: TermChange[];
  limits: LimitChange[];
  rules: RuleChange[];
  fxRates: FxChange[];
  tests: { before: number; after: number; changed: boolean };
}

/** Leaves of a JSON object as dotted paths (objects are walked; arrays and scalars are leaves). */
function leaves(value: Json | undefined, prefix: string, out: Map<string, Json>): void {
  if (value === undefined) return;
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) leaves(child, prefix === '' ? key : `${prefix}.${key}`, out);
    return;
  }
  out.set(prefix, value);
}

function termChanges(before: Json | undefined, after: Json | undefined): TermChange[] {
  const a = new Map<string, Json>();
  const b = new Map<string, Json>();
  leaves(before, '', a);
  leaves(after, '', b);
  const paths = [...a.keys(), ...[...b.keys()].filter((k) => !a.has(k))];
  const changes: TermChange[] = [];
  for (const path of paths) {
    const x = a.get(path);
    const y = b.get(path);
    if (x === undefined || y === undefined || canonicalJson(x) !== canonicalJson(y))
      changes.push({ path, before: x, after: y });
  }
  return changes;
}

function limitsByBuyer(limits: readonly LimitJson[] | undefined): Map<string, LimitJson[]> {
  const map = new Map<string, LimitJson[]>();
  for (const limit of limits ?? []) {
    const list = map.get(limit.buyer);
    if (list) list.push(limit);
    else map.set(limit.buyer, [limit]);
  }
  for (const list of map.values()) list.sort((x, y) => (x.validFrom ?? '').localeCompare(y.validFrom ?? ''));
  return map;
}

function limitChanges(
  before: readonly LimitJson[] | undefined,
  after: readonly LimitJson[] | undefined,
): LimitChange[] {
  const a = limitsByBuyer(before);
  const b = limitsByBuyer(after);
  const changes: LimitChange[] = [];
  for (const [buyer, entries] of a) {
    const now = b.get(buyer);
    if (now === undefined) changes.push({ buyer, change: 'removed', before: entries, after: [] });
    else if (canonicalJson(entries as unknown as Json) !== canonicalJson(now as unknown as Json))
      changes.push({ buyer, change: 'changed', before: entries, after: now });
  }
  for (const [buyer, entries] of b)
    if (!a.has(buyer)) changes.push({ buyer, change: 'added', before: [], after: entries });
  return changes;
}

/**
 * The names that keep their relative order (a longest common subsequence): the others moved.
 * Quadratic, so beyond a few thousand rules only the names in the same position count as kept.
 */
function longestCommonSubsequence(a: readonly string[], b: readonly string[]): Set<string> {
  if (a.length * b.length > 4_000_000) return new Set(a.filter((name, i) => b[i] === name));
  const n = a.length;
  const m = b.length;
  const table = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
  const kept = new Set<string>();
  for (let i = 0, j = 0; i < n && j < m;) {
    if (a[i] === b[j]) {
      kept.add(a[i]);
      i++;
      j++;
    } else if (table[i + 1][j] >= table[i][j + 1]) i++;
    else j++;
  }
  return kept;
}

const RULE_FIELDS: Exclude<RuleField, 'order'>[] = ['conditions', 'event', 'priority', 'description'];

function ruleChanges(before: readonly RuleJson[] | undefined, after: readonly RuleJson[] | undefined): RuleChange[] {
  const b = new Map((after ?? []).map((r) => [r.name, r]));
  const a = new Map((before ?? []).map((r) => [r.name, r]));
  const changes: RuleChange[] = [];
  for (const rule of before ?? []) {
    const now = b.get(rule.name);
    if (now === undefined) {
      changes.push({ name: rule.name, change: 'removed', fields: [], before: rule, after: null });
      continue;
    }
    const fields = RULE_FIELDS.filter((f) => {
      // An absent priority is 1 (json-rules-engine's default): writing it out changes nothing.
      const x = f === 'priority' ? (rule.priority ?? 1) : rule[f];
      const y = f === 'priority' ? (now.priority ?? 1) : now[f];
      return canonicalJson(x ?? null) !== canonicalJson(y ?? null);
    });
    if (fields.length > 0) changes.push({ name: rule.name, change: 'changed', fields, before: rule, after: now });
  }
  // Rule order decides the order of exclusion reasons of equal priority: a move is a change.
  const commonBefore = (before ?? []).map((r) => r.name).filter((n) => b.has(n));
  const commonAfter = (after ?? []).map((r) => r.name).filter((n) => a.has(n));
  const kept = longestCommonSubsequence(commonBefore, commonAfter);
  commonBefore.forEach((name) => {
    if (kept.has(name)) return;
    const existing = changes.find((c) => c.name === name);
    if (existing) existing.fields.push('order');
    else
      changes.push({
        name,
        change: 'changed',
        fields: ['order'],
        before: a.get(name) ?? null,
        after: b.get(name) ?? null,
      });
  });
  for (const rule of after ?? [])
    if (!a.has(rule.name)) changes.push({ name: rule.name, change: 'added', fields: [], before: null, after: rule });
  return changes;
}

function fxChanges(before: Record<string, number> | undefined, after: Record<string, number> | undefined): FxChange[] {
  const a = before ?? {};
  const b = after ?? {};
  const currencies = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return currencies
    .filter((c) => a[c] !== b[c])
    .map((currency) => ({ currency, before: a[currency] ?? null, after: b[currency] ?? null }));
}

/** Compares two validated rule files. */
export function diffRuleFiles(before: RuleFileJson, after: RuleFileJson): RuleFileDiff {
  const policy = termChanges(before.policy as unknown as Json, after.policy as unknown as Json);
  const cost = termChanges(before.cost as unknown as Json | undefined, after.cost as unknown as Json | undefined);
  const limits = limitChanges(before.limits, after.limits);
  const rules = ruleChanges(before.rules, after.rules);
  const fxRates = fxChanges(before.fxRates, after.fxRates);
  const testsBefore = before.tests ?? [];
  const testsAfter = after.tests ?? [];
  const tests = {
    before: testsBefore.length,
    after: testsAfter.length,
    changed: canonicalJson(testsBefore) !== canonicalJson(testsAfter),
  };
  const identical = policy.length + cost.length + limits.length + rules.length + fxRates.length === 0 && !tests.changed;
  return { identical, policy, cost, limits, rules, fxRates, tests };
}
