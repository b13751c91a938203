/**
 * The json-rules-engine 7.3.1 built-in operators, re-implemented synchronously with the exact same
 * JavaScript expressions (see node_modules/json-rules-engine/dist/engine-default-operators.js and
 * operator.js: `evaluate(a, b) = validator(a) && cb(a, b)`, `a` the fact value, `b` the condition
 * value). Loose comparisons and coercions are deliberate: they are the reference's semantics, and the
 * differential tests hold us to them.
 */

export const OPERATOR_NAMES = [
  'equal',
  'notEqual',
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
  'in',
  'notIn',
  'contains',
  'doesNotContain',
] as const;

export type OperatorName = (typeof OPERATOR_NAMES)[number];

export const NUMERIC_OPERATORS: readonly OperatorName[] = [
  'lessThan',
  'lessThanInclusive',
  'greaterThan',
  'greaterThanInclusive',
];

export const LIST_OPERATORS: readonly OperatorName[] = ['in', 'notIn'];

export function isOperatorName(name: unknown): name is OperatorName {
  return typeof name === 'string' && (OPERATOR_NAMES as readonly string[]).includes(name);
}

type Evaluate = (factValue: unknown, value: unknown) => boolean;

/**
 * The engine's `numberValidator`: parseFloat first converts its argument to a string, so "12",
 * "12abc" and " 12" pass while null, true, "" and "abc" do not.
 */
function numberValidator(factValue: unknown): boolean {
  // parseFloat is typed for strings but coerces anything with ToString, which is what the engine relies on.
  return Number.parseFloat(factValue as string).toString() !== 'NaN';
}

/** `b.indexOf(a)`: the engine calls it on whatever the value is; validation guarantees an array (or a string). */
function indexIn(haystack: unknown, needle: unknown): number {
  if (Array.isArray(haystack)) return haystack.indexOf(needle);
  if (typeof haystack === 'string') return haystack.indexOf(needle as string);
  // The engine would throw a TypeError here and reject the whole run; a validated file never gets here.
  return Number.NaN;
}

// The casts to number keep JavaScript's relational semantics (numeric or string comparison after
// coercion), exactly as the engine's untyped `a < b`.
const lt = (a: unknown, b: unknown): boolean => (a as number) < (b as number);
const le = (a: unknown, b: unknown): boolean => (a as number) <= (b as number);
const gt = (a: unknown, b: unknown): boolean => (a as number) > (b as number);
const ge = (a: unknown, b: unknown): boolean => (a as number) >= (b as number);

export const OPERATORS: { readonly [K in OperatorName]: Evaluate } = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => indexIn(b, a) > -1,
  notIn: (a, b) => indexIn(b, a) === -1,
  contains: (a, b) => Array.isArray(a) && a.indexOf(b) > -1,
  doesNotContain: (a, b) => Array.isArray(a) && a.indexOf(b) === -1,
  lessThan: (a, b) => numberValidator(a) && lt(a, b),
  lessThanInclusive: (a, b) => numberValidator(a) && le(a, b),
  greaterThan: (a, b) => numberValidator(a) && gt(a, b),
  greaterThanInclusive: (a, b) => numberValidator(a) && ge(a, b),
};
