/**
 * localize.ts: the French metadata is the English one with every name and description translated,
 * or the build fails saying what is missing; and its webpack plugin emits it next to the English
 * file in a real compilation with custom-functions-metadata-plugin.
 */
import fs from 'fs';
import os from 'os';
import path from 'path';
import webpack from 'webpack';
import CustomFunctionsMetadataPlugin from 'custom-functions-metadata-plugin';
import {
  FRENCH_NAMES,
  LocalizeMetadataPlugin,
  localizeMetadata,
  type FunctionsJson,
  type NamesTable,
} from '../../src/functions/localize';

const FUNCTIONS_TS = path.join(__dirname, '../../src/functions/functions.ts');

function metadata(): FunctionsJson {
  return {
    allowCustomDataForDataTypeAny: true,
    functions: [
      {
        id: 'ADD',
        name: 'ADD',
        description: 'Adds',
        parameters: [
          { name: 'first', description: 'a', type: 'number' },
          { name: 'second', description: 'b', type: 'number', optional: true },
        ],
        result: { type: 'number' },
        options: { stream: true },
      },
    ],
  };
}

function table(): NamesTable {
  return {
    locale: 'fr-FR',
    functions: {
      ADD: {
        name: 'AJOUTER',
        description: 'Ajoute',
        parameters: {
          first: { name: 'premier', description: 'a fr' },
          second: { name: 'second', description: 'b fr' },
        },
      },
    },
  };
}

describe('localizeMetadata', () => {
  test('names and descriptions change; everything else is kept', () => {
    expect(localizeMetadata(metadata(), table())).toEqual({
      allowCustomDataForDataTypeAny: true,
      functions: [
        {
          id: 'ADD',
          name: 'AJOUTER',
          description: 'Ajoute',
          parameters: [
            { name: 'premier', description: 'a fr', type: 'number' },
            { name: 'second', description: 'b fr', type: 'number', optional: true },
          ],
          result: { type: 'number' },
          options: { stream: true },
        },
      ],
    });
  });

  test('the input is not modified', () => {
    const en = metadata();
    localizeMetadata(en, table());
    expect(en).toEqual(metadata());
  });

  test.each<[string, (t: NamesTable, m: FunctionsJson) => void, string]>([
    ['a function without a name', (t) => delete t.functions.ADD, 'function ADD has no fr-FR name'],
    [
      'a parameter without a name',
      (t) => delete t.functions.ADD.parameters.second,
      'parameter ADD(second) has no fr-FR name',
    ],
    [
      'a parameter the function does not have',
      (t) => (t.functions.ADD.parameters.third = { name: 'troisième', description: 'c' }),
      'the table names a parameter ADD(third) the function does not have',
    ],
    [
      'a function the metadata does not have',
      (t) => (t.functions.SUB = { name: 'SOUSTRAIRE', description: 'd', parameters: {} }),
      'the table names a function SUB the metadata does not have',
    ],
    ['an invalid name', (t) => (t.functions.ADD.name = 'AJOUTER DEUX'), '"AJOUTER DEUX" is not a valid name'],
    ['a name too short', (t) => (t.functions.ADD.name = 'AJ'), '"AJ" is not a valid name'],
    [
      'two functions of one name',
      (t, m) => {
        m.functions.push({ ...m.functions[0], id: 'PLUS' });
        t.functions.PLUS = { ...t.functions.ADD };
      },
      'functions ADD and PLUS have the same name AJOUTER',
    ],
    [
      'two parameters of one name',
      (t) => (t.functions.ADD.parameters.second.name = 'Premier'),
      'function ADD has two parameters of one name',
    ],
    ['an empty description', (t) => (t.functions.ADD.description = ' '), 'function ADD has an empty fr-FR description'],
  ])('fails on %s', (_what, breakIt, message) => {
    const t = table();
    const m = metadata();
    breakIt(t, m);
    expect(() => localizeMetadata(m, t)).toThrow(message);
  });

  test('French names may have accents', () => {
    const t = table();
    t.functions.ADD.parameters.first.name = 'date_échéance';
    expect(localizeMetadata(metadata(), t).functions[0].parameters[0].name).toBe('date_échéance');
  });
});

describe('LocalizeMetadataPlugin in a webpack build', () => {
  let out: string;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'credit-cover-localize-'));
    fs.writeFileSync(path.join(out, 'entry.js'), 'module.exports = 1;\n');
  });

  afterAll(() => {
    fs.rmSync(out, { recursive: true, force: true });
  });

  function build(plugins: webpack.WebpackPluginInstance[]): Promise<webpack.Stats> {
    const compiler = webpack({
      mode: 'none',
      context: out,
      entry: './entry.js',
      output: { path: path.join(out, 'dist'), filename: 'bundle.js' },
      plugins,
      infrastructureLogging: { level: 'none' },
    });
    return new Promise((resolve, reject) =>
      compiler.run((err, stats) => {
        compiler.close(() => undefined);
        if (err || stats === undefined) reject(err ?? new Error('no stats'));
        else resolve(stats);
      }),
    );
  }

  test('emits functions.fr.json beside functions.json', async () => {
    const stats = await build([
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_TS, output: 'functions.json' }),
      new LocalizeMetadataPlugin(),
    ]);
    expect(stats.compilation.errors.map((e) => e.message)).toEqual([]);
    const en = JSON.parse(fs.readFileSync(path.join(out, 'dist', 'functions.json'), 'utf8')) as FunctionsJson;
    const fr = JSON.parse(fs.readFileSync(path.join(out, 'dist', 'functions.fr.json'), 'utf8')) as FunctionsJson;
    expect(fr).toEqual(localizeMetadata(en, FRENCH_NAMES));
    expect(fr.functions.map((f) => f.name)).toContain('LIMITE_ASSUREE');
  }, 30000);

  test('a missing English file or translation is a build error', async () => {
    const missing = await build([new LocalizeMetadataPlugin()]);
    expect(missing.compilation.errors.map((e) => e.message).join('\n')).toContain('no functions.json to localise');
    const untranslated = await build([
      new CustomFunctionsMetadataPlugin({ input: FUNCTIONS_TS, output: 'functions.json' }),
      new LocalizeMetadataPlugin({ table: { locale: 'fr-FR', functions: {} } }),
    ]);
    expect(untranslated.compilation.errors.map((e) => e.message).join('\n')).toContain(
      'function INSURED_LIMIT has no fr-FR name',
    );
  }, 30000);
});
