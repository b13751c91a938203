/**
 * json-rules-engine bundles for the browser. The add-in's bundles do not carry it (src/rules/index.ts leaves
 * src/rules/reference.ts out, and manifest.test.ts checks dist/), so this builds reference.ts alone with
 * webpack.config.js's loaders, resolution and target, then runs the bundle where Node's globals don't exist.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import webpack, { type Configuration, type StatsCompilation, type StatsModule } from 'webpack';
import addinConfig from '../../webpack.config';
import type { RuleJson } from '../../src/rules/ruleFile';

const ROOT = path.resolve(__dirname, '..', '..');
/** A string json-rules-engine's engine.js throws with: in any bundle that carries the engine (manifest.test.ts looks for it in dist/). */
const RULES_ENGINE_MARKER = 'Engine: addRule() requires options';

describe('json-rules-engine in a browser bundle (src/rules/reference.ts)', () => {
  let out = '';
  let stats: StatsCompilation;
  let code = '';

  beforeAll(async () => {
    out = mkdtempSync(path.join(tmpdir(), 'credit-cover-reference-'));
    const base = await addinConfig({}, { mode: 'production' });
    const config: Configuration = {
      mode: 'production',
      context: ROOT,
      target: base.target,
      resolve: base.resolve,
      module: base.module,
      devtool: false,
      entry: { reference: './src/rules/reference.ts' },
      output: { path: out, filename: '[name].js', library: { type: 'var', name: 'creditCoverReference' } },
    };
    stats = await new Promise<StatsCompilation>((resolve, reject) => {
      webpack(config, (error, result) => {
        if (error || !result) return reject(error ?? new Error('webpack gave no result'));
        resolve(result.toJson({ all: false, errors: true, warnings: true, modules: true, nestedModules: true }));
      });
    });
    code = readFileSync(path.join(out, 'reference.js'), 'utf8');
  }, 120_000);

  afterAll(() => {
    if (out) rmSync(out, { recursive: true, force: true });
  });

  it('builds without errors or warnings', () => {
    expect(stats.errors?.map((e) => e.message)).toEqual([]);
    expect(stats.warnings?.map((w) => w.message)).toEqual([]);
  });

  it("picks jsonpath-plus's browser build", () => {
    // Production mode concatenates modules: the engine's dependencies are nested in the concatenated ones.
    const flatten = (modules: StatsModule[]): StatsModule[] => modules.flatMap((m) => [m, ...flatten(m.modules ?? [])]);
    const names = new Set(flatten(stats.modules ?? []).map((m) => m.name ?? ''));
    const jsonpath = [...names].filter((name) => name.includes('jsonpath-plus'));
    expect(jsonpath).toHaveLength(1);
    expect(jsonpath[0]).toMatch(/jsonpath-plus\/dist\/index-browser-esm\.js$/);
  });

  it('stays under 100 KiB minified (about 80 KiB with json-rules-engine 7.3.1)', () => {
    expect(code.length).toBeLessThan(100 * 1024);
    expect(code).toContain(RULES_ENGINE_MARKER);
  });

  it('runs with no Node globals (no process, require or Buffer) and fires a rule', async () => {
    const sandbox = vm.createContext({ setTimeout, clearTimeout, console });
    vm.runInContext(code, sandbox);
    const { referenceEffects } = (sandbox as { creditCoverReference: typeof import('../../src/rules/reference') })
      .creditCoverReference;
    const rule: RuleJson = {
      name: 'watch Italy',
      conditions: { all: [{ fact: 'country', operator: 'equal', value: 'IT' }] },
      event: { type: 'flag', params: { code: 'IT', message: 'Italian buyer' } },
    };
    const facts = { country: 'IT' } as unknown as Parameters<typeof referenceEffects>[1];
    const effects = await referenceEffects([rule], facts);
    expect(JSON.parse(JSON.stringify(effects))).toEqual([{ type: 'flag', code: 'IT', message: 'Italian buyer' }]);
    expect(await referenceEffects([rule], { country: 'FR' } as unknown as typeof facts)).toHaveLength(0);
  });
});
