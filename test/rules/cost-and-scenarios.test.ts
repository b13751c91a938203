/**
 * The rule file's optional `cost` block and the default-scenario file: what loads, and every
 * mistake named by its JSON pointer.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_SCENARIOS, ratioFromNumber } from '../../src/domain';
import {
  loadRuleFileJson,
  loadScenarioFile,
  SCENARIO_FILE_SCHEMA,
  type LoadResult,
  type RuleFileError,
  type ScenarioLoadResult,
} from '../../src/rules';
import Ajv from 'ajv';
import { goodFile, type Json } from './fixtures';

const root = path.resolve(__dirname, '../..');

function errorsOf(result: LoadResult | ScenarioLoadResult): { pointer: string; message: string }[] {
  if (result.ok) throw new Error('expected errors');
  return result.errors.map((e: RuleFileError) => ({ pointer: e.pointer, message: e.message }));
}

function withCost(cost: Json): Json {
  const file = goodFile();
  file.cost = cost;
  return file;
}

describe('the cost block', () => {
  test('a premium on the turnover, with its minimum, fees and commission, in cents and exact ratios', () => {
    const result = loadRuleFileJson(
      withCost({
        premium: { basis: 'insuredTurnover', ratePercent: 0.275, minimum: 6000 },
        annualInsuredTurnover: 4500000.5,
        fees: { perNamedLimitRequest: 95, perMonitoredBuyerPerYear: 60.25 },
        recoveryCommissionPercent: 12.5,
      }),
    );
    expect(result.ok && result.policy.cost).toEqual({
      premium: { basis: 'insuredTurnover', rate: { num: 275, den: 1000 }, minimum: 600000 },
      annualInsuredTurnover: 450000050,
      namedLimitRequestFee: 9500,
      monitoringFeePerBuyer: 6025,
      recoveryCommission: ratioFromNumber(12.5),
    });
  });

  test('a fixed premium; absent fees and commission are 0', () => {
    const result = loadRuleFileJson(withCost({ premium: { basis: 'fixed', amount: 1750 } }));
    expect(result.ok && result.policy.cost).toEqual({
      premium: { basis: 'fixed', amount: 175000 },
      annualInsuredTurnover: null,
      namedLimitRequestFee: 0,
      monitoringFeePerBuyer: 0,
      recoveryCommission: { num: 0, den: 1 },
    });
  });

  test('no cost block: cost null, and the file loads as before', () => {
    const result = loadRuleFileJson(goodFile());
    expect(result.ok && result.policy.cost).toBeNull();
  });

  test.each<[string, Json, { pointer: string; message: string }[]]>([
    [
      'a fixed premium with a rate',
      { premium: { basis: 'fixed', amount: 1000, ratePercent: 0.3 } },
      [
        {
          pointer: '/cost/premium/ratePercent',
          message: 'unknown field "ratePercent"; allowed fields are basis, amount',
        },
      ],
    ],
    [
      'a rate premium without its rate',
      { premium: { basis: 'insuredTurnover', minimum: 5000 } },
      [{ pointer: '/cost/premium', message: 'missing required field "ratePercent"' }],
    ],
    [
      'an unknown basis',
      { premium: { basis: 'turnover', ratePercent: 0.3 } },
      [
        {
          pointer: '/cost/premium/basis',
          message: 'expected one of "insuredTurnover", "fixed", got a string "turnover"',
        },
      ],
    ],
    [
      'a rate above 100 %',
      { premium: { basis: 'insuredTurnover', ratePercent: 130 } },
      [{ pointer: '/cost/premium/ratePercent', message: 'must be a percentage from 0 to 100, got a number 130' }],
    ],
    [
      'an amount with 3 decimals and a negative fee',
      { premium: { basis: 'fixed', amount: 1000.125 }, fees: { perMonitoredBuyerPerYear: -5 } },
      [
        { pointer: '/cost/fees/perMonitoredBuyerPerYear', message: 'must be at least 0, got a number -5' },
        { pointer: '/cost/premium/amount', message: 'an amount has at most 2 decimals, got a number 1000.125' },
      ],
    ],
    [
      'a misspelt fee',
      { premium: { basis: 'fixed', amount: 1000 }, fees: { perRequest: 5 } },
      [
        {
          pointer: '/cost/fees/perRequest',
          message: 'unknown field "perRequest"; allowed fields are perNamedLimitRequest, perMonitoredBuyerPerYear',
        },
      ],
    ],
    [
      'a currency in the cost block (the policy currency applies)',
      { premium: { basis: 'fixed', amount: 1000 }, currency: 'USD' },
      [
        {
          pointer: '/cost/currency',
          message:
            'unknown field "currency"; allowed fields are premium, annualInsuredTurnover, fees, recoveryCommissionPercent',
        },
      ],
    ],
    ['no premium', { fees: {} }, [{ pointer: '/cost', message: 'missing required field "premium"' }]],
  ])('%s', (_, cost, expected) => {
    expect(errorsOf(loadRuleFileJson(withCost(cost)))).toEqual(expected);
  });

  test.each(['fr-pme-globale.json', 'export-monde.json', 'strict.json', 'ibm-sample-us.json'])(
    'the sample %s carries a cost block, version 1.1.0, and its tests pass',
    (name) => {
      const result = loadRuleFileJson(JSON.parse(readFileSync(path.join(root, 'rules', name), 'utf8')));
      expect(result.ok).toBe(true);
      expect(result.ok && result.policy.cost).not.toBeNull();
      expect(result.ok && result.policy.terms.version).toBe('1.1.0');
    },
  );
});

describe('the scenario file', () => {
  const sample = readFileSync(path.join(root, 'rules/scenarios/pme-france.json'), 'utf8');
  const edited = (edit: (j: Json) => void): string => {
    const json = JSON.parse(sample);
    edit(json);
    return JSON.stringify(json);
  };

  test('the schema is a valid draft-07 schema, every property described with its French term', () => {
    const ajv = new Ajv({ strict: true, allowUnionTypes: true });
    expect(ajv.validateSchema(SCENARIO_FILE_SCHEMA as object)).toBe(true);
    const missing: string[] = [];
    const visit = (node: Json, at: string): void => {
      if (node === null || typeof node !== 'object') return;
      for (const [name, child] of Object.entries<Json>(node.properties ?? {}))
        if (typeof child.description !== 'string' || !/\(.+\)/.test(child.description)) missing.push(`${at}/${name}`);
      for (const [key, child] of Object.entries(node)) visit(child, `${at}/${key}`);
    };
    visit(SCENARIO_FILE_SCHEMA, '#');
    expect(missing).toEqual([]);
  });

  test('the sample file loads: the defaults of the guide, and a seeded Monte Carlo', () => {
    const result = loadScenarioFile(sample, { fileName: 'pme-france.json' });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.scenarios.scenarios).toEqual(
      DEFAULT_SCENARIOS.scenarios.map((s) => ({ ...s, description: expect.any(String) })),
    );
    expect(result.scenarios.years).toBe(3);
    expect(result.scenarios.monteCarlo).toEqual({ runs: 10000, seed: 20270630 });
  });

  test('absent years: 3; absent recovery: 0; absent monteCarlo: none', () => {
    const result = loadScenarioFile(
      edited((j) => {
        delete j.years;
        delete j.monteCarlo;
        delete j.scenarios[0].recoveryPercent;
      }),
    );
    expect(
      result.ok && [result.scenarios.years, result.scenarios.monteCarlo, result.scenarios.scenarios[0].recovery],
    ).toEqual([3, null, { num: 0, den: 1 }]);
  });

  test.each<[string, (j: Json) => void, { pointer: string; message: string }[]]>([
    [
      'a missing bucket',
      (j) => delete j.scenarios[0].defaultRatePercent['91-120'],
      [{ pointer: '/scenarios/0/defaultRatePercent', message: 'missing required field "91-120"' }],
    ],
    [
      'a misspelt bucket',
      (j) => {
        j.scenarios[1].defaultRatePercent['>120'] = 45;
      },
      [
        {
          pointer: '/scenarios/1/defaultRatePercent/>120',
          message: 'unknown field ">120"; allowed fields are notDue, 1-30, 31-60, 61-90, 91-120, over120',
        },
      ],
    ],
    [
      'a rate above 100',
      (j) => (j.scenarios[0].defaultRatePercent.over120 = 130),
      [{ pointer: '/scenarios/0/defaultRatePercent/over120', message: 'must be from 0 to 100, got a number 130' }],
    ],
    [
      'two scenarios of one name',
      (j) => (j.scenarios[1].name = 'base'),
      [{ pointer: '/scenarios/1/name', message: 'duplicate scenario name "base"; scenarios/0 has the same name' }],
    ],
    ['4 years', (j) => (j.years = 4), [{ pointer: '/years', message: 'must be from 1 to 3, got a number 4' }]],
    [
      'a negative seed and too many runs',
      (j) => (j.monteCarlo = { runs: 1000000, seed: -1 }),
      [
        { pointer: '/monteCarlo/runs', message: 'must be from 1 to 100000, got a number 1000000' },
        { pointer: '/monteCarlo/seed', message: 'must be from 0 to 4294967295, got a number -1' },
      ],
    ],
    ['no scenario', (j) => (j.scenarios = []), [{ pointer: '/scenarios', message: 'must list at least 1 item(s)' }]],
    [
      'a rule file given as a scenario file',
      (j) => (j.format = 'credit-cover/rules@1'),
      [{ pointer: '/format', message: 'expected "credit-cover/scenarios@1", got a string "credit-cover/rules@1"' }],
    ],
  ])('%s', (_, edit, expected) => {
    expect(errorsOf(loadScenarioFile(edited(edit)))).toEqual(expected);
  });

  test('broken JSON is one error with its line and column', () => {
    expect(errorsOf(loadScenarioFile('{"format": "credit-cover/scenarios@1",\n  "scenarios": [}'))).toEqual([
      { pointer: '', message: expect.stringMatching(/^invalid JSON at line 2, column 17/) },
    ]);
  });
});
