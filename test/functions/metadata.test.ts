/**
 * The metadata Excel reads, generated from functions.ts's JSDoc by custom-functions-metadata (the
 * generator custom-functions-metadata-plugin runs inside webpack), and its French localisation.
 */
import path from 'path';
import { generateCustomFunctionsMetadata } from 'custom-functions-metadata';
import { FRENCH_NAMES, localizeMetadata, type FunctionsJson } from '../../src/functions/localize';

const FUNCTIONS_TS = path.join(__dirname, '../../src/functions/functions.ts');

interface Expected {
  id: string;
  en: string;
  fr: string;
  /** [English name, French name, type, optional] */
  params: [string, string, string, boolean][];
  /** undefined: any (Excel's default, the generator leaves `type` out). */
  result: 'number' | 'string' | undefined;
}

const BUYER: [string, string, string, boolean] = ['buyer', 'acheteur', 'any', false];
const DUE: [string, string, string, boolean] = ['due_date', 'date_échéance', 'any', false];

const EXPECTED: Expected[] = [
  { id: 'INSURED_LIMIT', en: 'INSURED_LIMIT', fr: 'LIMITE_ASSUREE', params: [BUYER], result: 'number' },
  { id: 'LIMIT_KIND', en: 'LIMIT_KIND', fr: 'TYPE_LIMITE', params: [BUYER], result: 'string' },
  { id: 'INDEMNITY_PERCENT', en: 'INDEMNITY_PERCENT', fr: 'QUOTITE', params: [BUYER], result: 'number' },
  {
    id: 'COVERED',
    en: 'COVERED',
    fr: 'COUVERT',
    params: [BUYER, ['exposure', 'encours', 'number', false]],
    result: 'number',
  },
  {
    id: 'UNINSURED',
    en: 'UNINSURED',
    fr: 'NON_COUVERT',
    params: [BUYER, ['exposure', 'encours', 'number', false]],
    result: 'number',
  },
  {
    id: 'COVER_STATUS',
    en: 'COVER_STATUS',
    fr: 'STATUT_COUVERTURE',
    params: [
      BUYER,
      ['amount', 'montant', 'number', false],
      ['invoice_date', 'date_facture', 'any', false],
      DUE,
      ['disputed', 'litige', 'any', true],
      ['declared_on', 'déclarée_le', 'any', true],
    ],
    result: 'string',
  },
  { id: 'DECLARE_BY', en: 'DECLARE_BY', fr: 'DECLARER_AVANT', params: [DUE], result: 'number' },
  { id: 'CLAIMABLE_ON', en: 'CLAIMABLE_ON', fr: 'INDEMNISABLE_LE', params: [DUE], result: 'number' },
  { id: 'POLICY', en: 'POLICY', fr: 'POLICE', params: [['field', 'champ', 'string', false]], result: undefined },
];

let en: FunctionsJson;
let fr: FunctionsJson;
let associations: { functionName: string; id: string }[];

beforeAll(async () => {
  const generated = await generateCustomFunctionsMetadata(FUNCTIONS_TS);
  expect(generated.errors).toEqual([]);
  en = JSON.parse(generated.metadataJson) as FunctionsJson;
  fr = localizeMetadata(en, FRENCH_NAMES);
  associations = generated.associate;
});

describe('functions.json (English), generated from the JSDoc', () => {
  test('exactly the nine functions, in order', () => {
    expect(en.functions.map((f) => f.id)).toEqual(EXPECTED.map((e) => e.id));
  });

  test.each(EXPECTED)('$id', (expected) => {
    const fn = en.functions.find((f) => f.id === expected.id);
    expect(fn).toBeDefined();
    if (fn === undefined) return;
    expect(fn.name).toBe(expected.en);
    expect(fn.description).toMatch(/\S/);
    expect(fn.parameters.map((p) => [p.name, p.type, p.optional === true])).toEqual(
      expected.params.map(([name, , type, optional]) => [name, type, optional]),
    );
    for (const p of fn.parameters) {
      expect(p.description).toMatch(/\S/);
      expect(p.dimensionality).toBeUndefined(); // scalar
    }
    expect(fn.result?.type).toBe(expected.result);
    expect(fn.result?.dimensionality).toBeUndefined(); // scalar
    // Streaming (see docs/decisions/custom-functions-recalc.md); neither volatile nor asking for addresses.
    expect(fn.options).toEqual({ stream: true });
  });

  test('every function is associated with its implementation', () => {
    expect(associations.map((a) => [a.id, a.functionName])).toEqual([
      ['INSURED_LIMIT', 'insuredLimit'],
      ['LIMIT_KIND', 'limitKind'],
      ['INDEMNITY_PERCENT', 'indemnityPercent'],
      ['COVERED', 'covered'],
      ['UNINSURED', 'uninsured'],
      ['COVER_STATUS', 'coverStatus'],
      ['DECLARE_BY', 'declareBy'],
      ['CLAIMABLE_ON', 'claimableOn'],
      ['POLICY', 'policy'],
    ]);
  });
});

describe('functions.fr.json (French), localised from it', () => {
  test.each(EXPECTED)('$id is $fr', (expected) => {
    const fn = fr.functions.find((f) => f.id === expected.id);
    const source = en.functions.find((f) => f.id === expected.id);
    expect(fn).toBeDefined();
    if (fn === undefined || source === undefined) return;
    expect(fn.name).toBe(expected.fr);
    expect(fn.description).toBe(FRENCH_NAMES.functions[expected.id].description);
    expect(fn.description).not.toBe(source.description);
    expect(fn.parameters.map((p) => [p.name, p.type, p.optional === true])).toEqual(
      expected.params.map(([, name, type, optional]) => [name, type, optional]),
    );
    for (const [i, p] of fn.parameters.entries()) {
      expect(p.description).toMatch(/\S/);
      expect(p.description).not.toBe(source.parameters[i].description);
    }
    // Ids, types and options are the generated ones: only the words change.
    expect(fn.result).toEqual(source.result);
    expect(fn.options).toEqual(source.options);
  });

  test('the rest of the file is the English one', () => {
    expect(fr.allowCustomDataForDataTypeAny).toBe(en.allowCustomDataForDataTypeAny);
    expect(fr.functions.map((f) => f.id)).toEqual(en.functions.map((f) => f.id));
  });
});
