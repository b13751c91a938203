/**
 * The rule-file loader on random mutations of the sample rule files (rules/*.json): type changes,
 * deletions, unknown keys, `__proto__` / `constructor` / `prototype`, huge and overflowing numbers,
 * NaN-like strings, deep nesting, long strings, repeated items. It never throws; a rejection names
 * only places that exist in the mutated document ("" for the whole file); a file it accepts
 * evaluates a ledger and the result reconciles; the text and the parsed-JSON doors agree.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { evaluate } from '../../src/domain';
import { loadRuleFile, loadRuleFileJson, type LoadResult } from '../../src/rules';
import { checkInvariants } from './invariants';
import { FUZZ_TIMEOUT, fuzzParams } from './params';
import { ledgerArb } from './policies';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Segment = string | number;

const RULES_DIR = path.resolve(__dirname, '../../rules');
const SAMPLES = readdirSync(RULES_DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => ({ name: f, json: JSON.parse(readFileSync(path.join(RULES_DIR, f), 'utf8')) as Json }));

/** Stands for a number JSON can write but not hold (1e400 parses as Infinity). */
const OVERFLOW = '\u0000overflow\u0000';

/** Sets a field as an own, enumerable property, even one named __proto__ (plain assignment would set the prototype). */
function put(target: { [key: string]: Json }, key: string, value: Json): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function clone(value: Json): Json {
  if (Array.isArray(value)) return value.map(clone);
  if (value !== null && typeof value === 'object') {
    const copy: { [key: string]: Json } = {};
    for (const key of Object.keys(value)) put(copy, key, clone(value[key]));
    return copy;
  }
  return value;
}

function serialise(value: Json): string {
  return JSON.stringify(value, null, 1).split(JSON.stringify(OVERFLOW)).join('1e400');
}

/** Every node of a document with its path, the root first. */
function nodes(value: Json, at: Segment[] = [], out: { path: Segment[]; value: Json }[] = []) {
  out.push({ path: at, value });
  if (Array.isArray(value)) value.forEach((v, i) => nodes(v, [...at, i], out));
  else if (value !== null && typeof value === 'object')
    for (const k of Object.keys(value)) nodes(value[k], [...at, k], out);
  return out;
}

function setAt(root: Json, at: Segment[], value: Json): Json {
  if (at.length === 0) return value;
  const parent = at.slice(0, -1).reduce<Json>((node, s) => (node as Record<string, Json>)[s as string], root);
  const last = at[at.length - 1];
  if (Array.isArray(parent)) parent[last as number] = value;
  else put(parent as { [key: string]: Json }, last as string, value);
  return root;
}

function deleteAt(root: Json, at: Segment[]): Json {
  if (at.length === 0) return {};
  const parent = at.slice(0, -1).reduce<Json>((node, s) => (node as Record<string, Json>)[s as string], root);
  const last = at[at.length - 1];
  if (Array.isArray(parent)) parent.splice(last as number, 1);
  else delete (parent as Record<string, Json>)[last as string];
  return root;
}

/** Does an RFC 6901 pointer name a place that exists in `doc`? Own properties only. */
function exists(doc: unknown, pointer: string): boolean {
  if (pointer === '') return true;
  if (!pointer.startsWith('/')) return false;
  let node = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      if (!/^(0|[1-9]\d*)$/.test(key) || Number(key) >= node.length) return false;
      node = node[Number(key)];
    } else if (node !== null && typeof node === 'object') {
      if (!Object.prototype.hasOwnProperty.call(node, key)) return false;
      node = (node as Record<string, unknown>)[key];
    } else return false;
  }
  return true;
}

const replacementArb: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(
    null,
    true,
    false,
    0,
    -1,
    1.5,
    0.1 + 0.2,
    1e308,
    -1e308,
    OVERFLOW,
    2 ** 53 + 2,
    5e-324,
    123.456789,
    '',
    'NaN',
    'Infinity',
    '-Infinity',
    '1e999',
    '0x10',
    ' 12 ',
    '12abc',
    '2027-02-30',
    '9999-99-99',
    'eur',
    '__proto__',
    'constructor',
    "');process.exit(1);('",
    '${globalThis.process.exit(1)}',
    '$..[?(@.x)]',
    [],
    {},
    [1, 2],
    ['RU', 'BY'],
    { fact: 'country' },
    { fact: 'country', path: '$..*' },
    { all: [] },
    { any: [] },
    { not: { all: [] } },
  ),
  fc.string({ maxLength: 20 }),
  fc.constantFrom('x', 'a-', '9', '(', ' ').map((unit) => unit.repeat(100_000)),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.jsonValue({ maxDepth: 3 }) as fc.Arbitrary<Json>,
);

const keyArb = fc.oneof(
  fc.constantFrom(
    'extra',
    'path',
    'params',
    'condition',
    'priority',
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'valueOf',
    'hasOwnProperty',
    '$ref',
    'value',
    'fact',
    'operator',
    'all',
    'any',
    'not',
    'a/b~c',
    '',
  ),
  fc.string({ maxLength: 10 }),
);

type Mutation =
  | { kind: 'replace'; pick: number; value: Json }
  | { kind: 'delete'; pick: number }
  | { kind: 'insert-key'; pick: number; key: string; value: Json }
  | { kind: 'nest'; pick: number; depth: number; asObject: boolean }
  | { kind: 'scale-number'; pick: number; exponent: number }
  | { kind: 'repeat-item'; pick: number; times: number };

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), pick: fc.nat(), value: replacementArb }),
  fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('insert-key' as const), pick: fc.nat(), key: keyArb, value: replacementArb }),
  fc.record({
    kind: fc.constant('nest' as const),
    pick: fc.nat(),
    depth: fc.integer({ min: 1, max: 45 }),
    asObject: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('scale-number' as const),
    pick: fc.nat(),
    exponent: fc.integer({ min: -330, max: 330 }),
  }),
  fc.record({ kind: fc.constant('repeat-item' as const), pick: fc.nat(), times: fc.integer({ min: 1, max: 3 }) }),
);

function mutate(doc: Json, m: Mutation): Json {
  const all = nodes(doc);
  const pickOf = (match: (v: Json) => boolean) => {
    const candidates = all.filter((n) => match(n.value));
    return candidates.length === 0 ? null : candidates[m.pick % candidates.length];
  };
  switch (m.kind) {
    case 'replace':
      return setAt(doc, all[m.pick % all.length].path, m.value);
    case 'delete':
      return deleteAt(doc, all[m.pick % all.length].path);
    case 'insert-key': {
      const target = pickOf((v) => v !== null && typeof v === 'object' && !Array.isArray(v));
      if (target) put(target.value as { [key: string]: Json }, m.key, m.value);
      return doc;
    }
    case 'nest': {
      const target = all[m.pick % all.length];
      let wrapped = target.value;
      for (let i = 0; i < m.depth; i++) wrapped = m.asObject ? { a: wrapped } : [wrapped];
      return setAt(doc, target.path, wrapped);
    }
    case 'scale-number': {
      const target = pickOf((v) => typeof v === 'number');
      if (!target) return doc;
      const scaled = (target.value as number) * 10 ** m.exponent;
      return setAt(doc, target.path, Number.isFinite(scaled) ? scaled : OVERFLOW);
    }
    case 'repeat-item': {
      const target = pickOf((v) => Array.isArray(v) && v.length > 0);
      if (!target) return doc;
      const list = target.value as Json[];
      for (let i = 0; i < m.times; i++) list.push(clone(list[m.pick % list.length]));
      return doc;
    }
  }
}

// The longest of a few generated ledgers: enough rows for credits, limits and rules to meet.
const LEDGER = fc
  .sample(ledgerArb, { numRuns: 30, seed: 7 })
  .reduce((a, b) => (b.invoices.length > a.invoices.length ? b : a));
const AS_OF = 20_999;

function checkResult(result: LoadResult, doc: unknown): void {
  if (!result.ok) {
    expect(result.errors.length).toBeGreaterThan(0);
    for (const error of result.errors) {
      if (!exists(doc, error.pointer))
        throw new Error(`pointer ${JSON.stringify(error.pointer)} is not in the document: ${error.message}`);
      expect(typeof error.message).toBe('string');
    }
    return;
  }
  checkInvariants(LEDGER, result.policy, evaluate(LEDGER, result.policy, { asOf: AS_OF }));
}

describe('the rule-file loader on mutated sample files', () => {
  test('the sample files themselves load', () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(3);
    for (const { name, json } of SAMPLES) {
      const result = loadRuleFile(serialise(json), { fileName: name });
      expect(result.ok ? [] : result.errors).toEqual([]);
    }
  });

  test(
    'never throws; names only places that exist; what it accepts evaluates; text and parsed JSON agree',
    () => {
      const prototypeBefore = Object.getOwnPropertyNames(Object.prototype);
      let accepted = 0;
      let rejected = 0;
      fc.assert(
        fc.property(
          fc.constantFrom(...SAMPLES),
          fc.array(mutationArb, { minLength: 1, maxLength: 3 }),
          (sample, mutations) => {
            let doc = clone(sample.json);
            for (const m of mutations) doc = mutate(doc, m);
            const text = serialise(doc);
            const parsed = JSON.parse(text) as unknown;
            let fromText: LoadResult | undefined;
            let fromJson: LoadResult | undefined;
            expect(() => (fromText = loadRuleFile(text, { fileName: sample.name }))).not.toThrow();
            expect(() => (fromJson = loadRuleFileJson(parsed))).not.toThrow();
            const a = fromText as LoadResult;
            const b = fromJson as LoadResult;
            checkResult(a, parsed);
            checkResult(b, parsed);
            expect(b.ok).toBe(a.ok);
            if (a.ok && b.ok) expect(b.hash).toBe(a.hash);
            if (a.ok) accepted++;
            else rejected++;
          },
        ),
        fuzzParams(300, 20271230, 0.3),
      );
      // Both outcomes must be common, or the mutations are too tame or too wild to test anything.
      expect(accepted).toBeGreaterThan(15);
      expect(rejected).toBeGreaterThan(100);
      expect(Object.getOwnPropertyNames(Object.prototype)).toEqual(prototypeBefore);
      expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    },
    FUZZ_TIMEOUT,
  );
});
