/**
 * Loading a default-scenario file (`credit-cover/scenarios@1`): text → checked JSON → ScenarioSet,
 * or every error found, each with its JSON pointer, exactly as rule files are loaded (same text
 * checks, same strict schema validator, same messages). Never throws.
 */
import { AGE_BUCKETS, MAX_YEARS, ratioFromNumber, type DefaultScenario, type ScenarioSet } from '../domain';
import schemaJson from '../../rules/schema/credit-cover-scenarios-1.schema.json';
import { ErrorList, quote, type RuleFileError } from './errors';
import { checkEnvelope, scanJsonText } from './jsonText';
import { checkJsonValue } from './jsonValue';
import { checkWith, compileSchema } from './schema';
import type { ValidateFunction } from 'ajv';

export const SCENARIO_FILE_FORMAT = 'credit-cover/scenarios@1';
export const SCENARIO_FILE_SCHEMA: unknown = schemaJson;

export interface ScenarioJson {
  name: string;
  description?: string;
  defaultRatePercent: Record<(typeof AGE_BUCKETS)[number], number>;
  recoveryPercent?: number;
}

export interface ScenarioFileJson {
  $schema?: string;
  format: typeof SCENARIO_FILE_FORMAT;
  years?: number;
  scenarios: ScenarioJson[];
  monteCarlo?: { runs: number; seed: number };
}

export type ScenarioLoadResult =
  { ok: true; scenarios: ScenarioSet; json: ScenarioFileJson } | { ok: false; errors: RuleFileError[] };

let validator: ValidateFunction | null = null;

export function loadScenarioFile(text: string, options: { fileName?: string } = {}): ScenarioLoadResult {
  const errors = new ErrorList(options.fileName);
  try {
    const start = checkEnvelope(text, errors);
    if (start === null || !scanJsonText(text, start, errors)) return failed(errors);
    const value: unknown = JSON.parse(start === 0 ? text : text.slice(start));
    if (!checkJsonValue(value, errors)) return failed(errors);
    validator ??= compileSchema(schemaJson);
    checkWith(validator, value, errors);
    checkScenarioSemantics(value, errors);
    if (errors.size > 0) return failed(errors);
    const json = value as ScenarioFileJson;
    return { ok: true, scenarios: scenarioSetFromJson(json), json };
  } catch (e) {
    errors.add('', `internal error while loading the scenario file (please report it): ${(e as Error).message}`);
    return failed(errors);
  }
}

function failed(errors: ErrorList): ScenarioLoadResult {
  return { ok: false, errors: errors.list() };
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Unique names, and percentages held exactly (as rule files do). */
function checkScenarioSemantics(file: unknown, errors: ErrorList): void {
  if (!isObj(file) || !Array.isArray(file.scenarios)) return;
  const names = new Map<string, number>();
  file.scenarios.forEach((s: unknown, i) => {
    if (!isObj(s)) return;
    if (typeof s.name === 'string') {
      const first = names.get(s.name);
      if (first !== undefined)
        errors.add(
          `/scenarios/${i}/name`,
          `duplicate scenario name ${quote(s.name)}; scenarios/${first} has the same name`,
        );
      else names.set(s.name, i);
    }
    const exact = (value: unknown, pointer: string): void => {
      if (typeof value !== 'number' || !Number.isFinite(value)) return;
      try {
        ratioFromNumber(value);
      } catch {
        errors.add(pointer, `too many significant digits to hold exactly: ${value}`);
      }
    };
    exact(s.recoveryPercent, `/scenarios/${i}/recoveryPercent`);
    if (isObj(s.defaultRatePercent))
      for (const bucket of AGE_BUCKETS)
        exact(s.defaultRatePercent[bucket], `/scenarios/${i}/defaultRatePercent/${bucket}`);
  });
}

export function scenarioSetFromJson(json: ScenarioFileJson): ScenarioSet {
  const scenarios: DefaultScenario[] = json.scenarios.map((s) => ({
    name: s.name,
    description: s.description ?? '',
    defaultRates: AGE_BUCKETS.map((b) => ratioFromNumber(s.defaultRatePercent[b])),
    recovery: ratioFromNumber(s.recoveryPercent ?? 0),
  }));
  return {
    scenarios,
    years: json.years ?? MAX_YEARS,
    monteCarlo: json.monteCarlo === undefined ? null : { runs: json.monteCarlo.runs, seed: json.monteCarlo.seed },
  };
}
