/**
 * Loading a rule file: text → checked JSON → Policy, or every error found, each with its JSON
 * pointer. Never throws. Cheap hostile-input checks run first and stop early; the schema and the
 * semantic checks then both run so that one pass reports everything; the file's own tests run last.
 */
import type { Policy } from '../domain/types';
import { canonicalJson, contentHash } from './canonical';
import { compileRules } from './compile';
import { ErrorList, type RuleFileError } from './errors';
import { checkEnvelope, scanJsonText } from './jsonText';
import { checkJsonValue } from './jsonValue';
import { MAX_FILE_BYTES, MAX_RULES, type RuleFileJson } from './ruleFile';
import { checkSchema } from './schema';
import { runRuleFileTests } from './selftest';
import { checkSemantics } from './semantic';
import { costFromJson, fxRatesFromJson, limitsFromJson, termsFromJson } from './terms';
import { utf8Length } from './utf8';

export type LoadResult =
  { ok: true; policy: Policy; json: RuleFileJson; hash: string } | { ok: false; errors: RuleFileError[] };

export interface LoadOptions {
  /** Named in every error, for messages such as "policy.json: rules/3/name: …". */
  fileName?: string;
  /** Run the file's embedded tests (default true); a failing test is an error at /tests/N. */
  runTests?: boolean;
}

export function loadRuleFile(text: string, options: LoadOptions = {}): LoadResult {
  const errors = new ErrorList(options.fileName);
  try {
    if (typeof text !== 'string') {
      errors.add('', 'expected the text of a rule file');
      return failed(errors);
    }
    const start = checkEnvelope(text, errors);
    if (start === null || !scanJsonText(text, start, errors)) return failed(errors);
    let value: unknown;
    try {
      value = JSON.parse(start === 0 ? text : text.slice(start));
    } catch (e) {
      // The scan above accepts only what JSON.parse accepts; this is a last line of defence (a
      // RangeError from an engine whose parser recurses, or a disagreement between the two).
      errors.add('', `invalid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return failed(errors);
    }
    if (!checkJsonValue(value, errors)) return failed(errors);
    return loadValue(value, errors, options);
  } catch (e) {
    return internalError(errors, e);
  }
}

/** For JSON already parsed (the task pane's editor): the same checks, minus those on the text. */
export function loadRuleFileJson(value: unknown, options: LoadOptions = {}): LoadResult {
  const errors = new ErrorList(options.fileName);
  try {
    if (!checkJsonValue(value, errors)) return failed(errors);
    const text = canonicalJson(value);
    if (utf8Length(text, MAX_FILE_BYTES) > MAX_FILE_BYTES) {
      errors.add(
        '',
        `the rule file is larger than 5 MB (${MAX_FILE_BYTES} bytes of UTF-8); a rule file is far smaller`,
      );
      return failed(errors);
    }
    // A private copy: the caller may go on editing its object, and the Policy must not change under it.
    return loadValue(JSON.parse(text), errors, options);
  } catch (e) {
    return internalError(errors, e);
  }
}

/** `value` has passed checkJsonValue: a JSON tree, not too deep, without forbidden keys. */
function loadValue(value: unknown, errors: ErrorList, options: LoadOptions): LoadResult {
  const rules = typeof value === 'object' && value !== null ? (value as { rules?: unknown }).rules : undefined;
  if (Array.isArray(rules) && rules.length > MAX_RULES) {
    errors.add('/rules', `${rules.length} rules; a rule file may have at most ${MAX_RULES}`);
    return failed(errors);
  }
  const before = errors.size;
  checkSchema(value, errors);
  checkSemantics(value, errors);
  if (errors.size > before) return failed(errors);

  const json = value as RuleFileJson;
  const hash = contentHash(json);
  const policy: Policy = {
    terms: termsFromJson(json.policy),
    cost: costFromJson(json.cost),
    limits: limitsFromJson(json.limits),
    fxRates: fxRatesFromJson(json.fxRates),
    rules: compileRules(json.rules ?? []),
    hash,
  };
  if (options.runTests ?? true)
    runRuleFileTests(policy, json).forEach((result, i) => {
      if (!result.passed) errors.add(`/tests/${i}`, `test ${JSON.stringify(result.name)} failed: ${result.message}`);
    });
  if (errors.size > 0) return failed(errors);
  return { ok: true, policy, json, hash };
}

function failed(errors: ErrorList): LoadResult {
  return { ok: false, errors: errors.list() };
}

function internalError(errors: ErrorList, e: unknown): LoadResult {
  const detail = e instanceof Error ? e.message : String(e);
  errors.add('', `internal error while loading the rule file (please report it): ${detail}`);
  return failed(errors);
}
