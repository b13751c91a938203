/**
 * The JSON Schema of a rule file, compiled once, and its errors translated into sentences a broker
 * can act on: each names the field that is wrong and what was expected there.
 */
import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import schemaJson from '../../rules/schema/credit-cover-rules-1.schema.json';
import { ErrorList, childPointer, describeValue, listNames, quote } from './errors';
import { FACT_NAMES } from './facts';
import { OPERATOR_NAMES } from './operators';
import { EVENT_TYPES } from './ruleFile';

export const RULE_FILE_SCHEMA: unknown = schemaJson;

let ajv: Ajv | null = null;
let validator: ValidateFunction | null = null;

/** Compiles a JSON Schema of this project (rule files, scenario files) with the same strict options. */
export function compileSchema(schema: object): ValidateFunction {
  if (ajv === null) {
    ajv = new Ajv({ strict: true, allErrors: true, verbose: true, allowUnionTypes: true });
    // Editors (VS Code) show these next to each enum value; to ajv they are annotations.
    ajv.addVocabulary(['enumDescriptions']);
  }
  return ajv.compile(schema);
}

function validate(): ValidateFunction {
  if (validator === null) validator = compileSchema(schemaJson);
  return validator;
}

const defs = schemaJson.definitions;

/** Field names that come from json-rules-engine features this format leaves out on purpose. */
const UNSUPPORTED_FIELDS: Record<string, string> = {
  path: 'json-rules-engine paths are not supported: every fact is a plain value',
  params: 'fact params are not supported: every fact is a plain value',
  condition: 'shared condition references are not supported: write the condition out in full',
  priority: 'conditions have no priority here (rules do)',
};

const CONDITION_SHAPES =
  'a condition must be {"all": […]}, {"any": […]}, {"not": {…}} or {"fact": …, "operator": …, "value": …}';

export function checkSchema(value: unknown, errors: ErrorList): boolean {
  return checkWith(validate(), value, errors);
}

/** Runs a compiled schema; its errors become sentences with their JSON pointer, as for rule files. */
export function checkWith(v: ValidateFunction, value: unknown, errors: ErrorList): boolean {
  if (v(value)) return true;
  for (const e of v.errors ?? []) translate(e, errors);
  return false;
}

function translate(e: ErrorObject, errors: ErrorList): void {
  const at = e.instancePath;
  const parent = e.parentSchema as Record<string, unknown> | undefined;
  switch (e.keyword) {
    case 'if':
      // The failing branch reports its own errors; "must match then schema" adds nothing.
      return;
    case 'additionalProperties': {
      const field = String((e.params as { additionalProperty: string }).additionalProperty);
      const pointer = childPointer(at, field);
      if (parent === defs.testFacts) {
        errors.add(pointer, unknownFact(field));
      } else if (parent !== undefined && 'patternProperties' in parent) {
        errors.add(
          pointer,
          `${quote(field)} is not a currency code; expected 3 capital letters (ISO 4217), e.g. "USD"`,
        );
      } else {
        const allowed = Object.keys((parent?.properties as object | undefined) ?? {});
        const why = isCondition(parent) ? UNSUPPORTED_FIELDS[field] : undefined;
        errors.add(
          pointer,
          `unknown field ${quote(field)}${why ? ` (${why})` : ''}; allowed fields are ${listNames(allowed)}`,
        );
      }
      return;
    }
    case 'required': {
      const field = (e.params as { missingProperty: string }).missingProperty;
      const data = e.data as Record<string, unknown>;
      // An object with none of a comparison's fields was not meant as one: say what a condition is.
      if (parent === defs.leafCondition && !('fact' in data || 'operator' in data || 'value' in data))
        errors.add(at, CONDITION_SHAPES);
      else errors.add(at, `missing required field ${quote(field)}`);
      return;
    }
    case 'false schema':
      errors.add(at, 'the conditions of a rule must be {"all": […]}, {"any": […]} or {"not": {…}}');
      return;
    case 'enum': {
      const got = e.data;
      if (e.schema === defs.fact.enum) errors.add(at, unknownFact(got));
      else if (e.schema === defs.operator.enum)
        errors.add(at, `unknown operator ${quote(got)}; operators are ${listNames(OPERATOR_NAMES)}`);
      else if (e.schema === defs.eventType.enum)
        errors.add(at, `unknown event type ${quote(got)}; event types are ${listNames(EVENT_TYPES)}`);
      else
        errors.add(
          at,
          `expected one of ${listNames((e.schema as unknown[]).map((x) => quote(x)))}, got ${describeValue(got)}`,
        );
      return;
    }
    case 'const':
      errors.add(at, `expected ${quote(e.schema)}, got ${describeValue(e.data)}`);
      return;
    case 'type':
      errors.add(at, `expected ${typeNames(e.schema)}, got ${describeValue(e.data)}`);
      return;
    case 'pattern':
      errors.add(at, `expected ${patternMeaning(parent)}, got ${describeValue(e.data)}`);
      return;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
      errors.add(at, `${rangeMeaning(parent)}, got ${describeValue(e.data)}`);
      return;
    case 'minLength':
      errors.add(at, 'must not be empty');
      return;
    case 'maxLength':
      errors.add(at, `must be at most ${String(e.schema)} characters long`);
      return;
    case 'minProperties':
      errors.add(at, 'must name at least one expected outcome: excluded, limit, limitKind, indemnityPercent or flags');
      return;
    case 'minItems':
      errors.add(at, `must list at least ${String(e.schema)} item(s)`);
      return;
    case 'maxItems':
      errors.add(at, `must list at most ${String(e.schema)} item(s)`);
      return;
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      errors.add(childPointer(at, i), `repeats item ${j}; each item may appear once`);
      return;
    }
    default:
      errors.add(at, e.message ?? `invalid (${e.keyword})`);
  }
}

function isCondition(schema: Record<string, unknown> | undefined): boolean {
  return (
    schema === defs.leafCondition ||
    schema === defs.allCondition ||
    schema === defs.anyCondition ||
    schema === defs.notCondition ||
    schema === defs.factReference
  );
}

export function unknownFact(name: unknown): string {
  return `unknown fact ${quote(name)}; known facts are ${listNames(FACT_NAMES)}`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'a text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  null: 'null',
  object: 'an object',
  array: 'an array',
};

function typeNames(schema: unknown): string {
  const types = Array.isArray(schema) ? schema : [schema];
  const names = types.map((t) => TYPE_NAMES[String(t)] ?? String(t));
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

function patternMeaning(schema: Record<string, unknown> | undefined): string {
  const pattern = schema?.pattern;
  if (pattern === defs.date.pattern) return 'a date as YYYY-MM-DD';
  if (pattern === defs.currency.pattern) return 'a currency code of 3 capital letters (ISO 4217), e.g. "EUR"';
  if (pattern === defs.slug.pattern)
    return 'a code of lowercase letters, digits and single dashes, e.g. "sanctioned-country"';
  return `text matching ${String(pattern)}`;
}

function rangeMeaning(schema: Record<string, unknown> | undefined): string {
  if (schema === defs.percent) return 'must be a percentage from 0 to 100';
  if (schema === defs.days) return `must be a number of days from 0 to ${defs.days.maximum}`;
  if (schema !== undefined && schema.exclusiveMinimum === 0) return 'must be greater than 0';
  if (schema !== undefined && typeof schema.minimum === 'number' && schema.maximum === undefined)
    return `must be at least ${schema.minimum}`;
  return `must be from ${String(schema?.minimum)} to ${String(schema?.maximum)}`;
}
