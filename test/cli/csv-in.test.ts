/**
 * The fast CSV reader against the character-by-character reference it replaced, on hand-worked
 * cases and on random text (fast-check, fixed seed), and the Windows-1252 decoder against iconv.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { decodeText, parseCsv, parseCsvReference, readCsv } from '../../src/cli/csv-in';
import { fuzzParams, FUZZ_TIMEOUT } from '../fuzz/params';

describe('parseCsv: hand-worked cases', () => {
  test.each<[string, string, string, string[][]]>([
    [
      'CR alone ends rows (old Mac files)',
      'a;b\rc;d\r',
      ';',
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
    ],
    ['CR CR LF: a row, then an empty row', 'a\r\r\nb', ';', [['a'], [''], ['b']]],
    ['an empty line between rows is a row of one empty field', 'a\n\nb\n', ';', [['a'], [''], ['b']]],
    ['a final line break adds no row; a final empty line does', 'a\n\n', ';', [['a'], ['']]],
    [
      'a quoted field over two lines, then plain lines again',
      'x;"1\r\n2"\r\ny;3\r\nz;4',
      ';',
      [
        ['x', '1\r\n2'],
        ['y', '3'],
        ['z', '4'],
      ],
    ],
    [
      'spaces before an opening quote are dropped, those after the closing one kept',
      '  "a;b"  ;c',
      ';',
      [['a;b  ', 'c']],
    ],
    ['a quote after text is text', 'ab"c;d\n"e', ';', [['ab"c', 'd'], ['e']]],
    ['text after a closing quote joins the field', '"ab"cd;e', ';', [['abcd', 'e']]],
    ['a quote never closed runs to the end of the text', 'a;"b\nc;d', ';', [['a', 'b\nc;d']]],
    ['text that is only an empty quoted field has no row', '""', ';', []],
    ['an empty quoted field before a separator is a field', '"";x\n', ';', [['', 'x']]],
    ['a second quoted part after a blank quoted one starts the field again', '" " "x";y', ';', [['x', 'y']]],
    ['tab-separated, with a quoted tab', 'a\t"b\tc"\n', '\t', [['a', 'b\tc']]],
    ['the `|` of a `sep=|` hint', 'a|b|"c|d"\n', '|', [['a', 'b', 'c|d']]],
    ['accented and astral characters pass through', 'é;€😀;"ü""😀"\n', ';', [['é', '€😀', 'ü"😀']]],
  ])('%s', (_name, text, separator, rows) => {
    expect(parseCsv(text, separator)).toEqual(rows);
    expect(parseCsvReference(text, separator)).toEqual(rows);
  });

  test('maxRows stops after that many rows, also inside a line of CR-ended rows', () => {
    expect(parseCsv('a\nb\nc\n', ';', 2)).toEqual([['a'], ['b']]);
    expect(parseCsv('a\rb\rc\n', ';', 2)).toEqual([['a'], ['b']]);
    expect(parseCsv('"a\nb"\n"c"\n', ';', 1)).toEqual([['a\nb']]);
  });

  test('a separator no CSV file has (two characters, a quote, a line break) reads as the reference does', () => {
    for (const separator of [';;', '"', '\n', '\r', '']) {
      const text = 'a;;b"c"\r\nd\n"e;;f"';
      expect(parseCsv(text, separator)).toEqual(parseCsvReference(text, separator));
    }
    expect(parseCsv('a;;b;c', ';;')).toEqual([['a;;b;c']]);
  });
});

/** Pieces of CSV text: every special character, the CRLF and doubled quote pairs, and plain text. */
const PIECES = [
  ';',
  ',',
  '\t',
  '"',
  '""',
  '\r',
  '\n',
  '\r\n',
  ' ',
  '  ',
  'a',
  'bc',
  'é',
  'Ø',
  '€',
  '😀',
  '\ud83d',
  '\u00a0',
];
const csvText = fc.array(fc.constantFrom(...PIECES), { maxLength: 80 }).map((pieces) => pieces.join(''));

describe('parseCsv equals the character-by-character reference (fast-check)', () => {
  test(
    'on random text, for each separator and row limit',
    () => {
      fc.assert(
        fc.property(
          csvText,
          fc.constantFrom(';', ',', '\t'),
          fc.option(fc.nat(6), { nil: undefined }),
          (text, separator, maxRows) => {
            expect(parseCsv(text, separator, maxRows)).toEqual(parseCsvReference(text, separator, maxRows));
          },
        ),
        fuzzParams(2000, 0x6373_7631),
      );
    },
    FUZZ_TIMEOUT,
  );

  // Beyond the first few hundred rows, equal fields of a column share a string; the values must not change.
  test(
    'on long random ledgers whose columns repeat, with now and then a quote or a lone CR',
    () => {
      const field = fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom('', 'EUR', 'Société Générale', 'DE', '01/06/2027', 'Oui') },
        // Values that hash alike (see the hash collision test below): only their characters tell them apart.
        {
          weight: 3,
          arbitrary: fc.constantFrom('Aa', 'BB', 'AaBB', 'BBAa', `${'x'.repeat(32)}A`, `${'x'.repeat(32)}B`),
        },
        { weight: 2, arbitrary: fc.nat(99_999).map(String) },
        { weight: 1, arbitrary: fc.constantFrom('"a;b"', '"x""y"', 'r"s', '"multi\r\nline"', '"', 'x\ry') },
      );
      const ledger = fc.array(fc.array(field, { minLength: 1, maxLength: 8 }), { minLength: 250, maxLength: 700 });
      fc.assert(
        fc.property(ledger, fc.constantFrom('\n', '\r\n'), (rows, lineEnd) => {
          const text = rows.map((row) => row.join(';')).join(lineEnd);
          expect(parseCsv(text, ';')).toEqual(parseCsvReference(text, ';'));
        }),
        // The first failing ledger as it is: shrinking hundreds of rows takes minutes.
        { ...fuzzParams(60, 0x6373_7632, 0.05), endOnFailure: true },
      );
    },
    FUZZ_TIMEOUT,
  );
});

describe('readCsv', () => {
  const read = (text: string) => readCsv('ledger.csv', Buffer.from(text, 'utf8'), {}).table.values;

  test('a large ledger: repeated and unique columns alike are the reference fields, empty ones null', () => {
    // 40,000 rows: enough for a column of unique values to stop being shared (after 16,384 fields)
    // and for a repeated one to keep being shared.
    const lines = ['Code;Nom;Facture;Solde;Devise;Litige'];
    for (let i = 0; i < 40_000; i++) {
      const code = `C${i % 997}`;
      lines.push(
        `${code};Nom ${code};FA-${i};${i},${i % 100};${i % 5 === 0 ? 'USD' : 'EUR'};${i % 3 === 0 ? '' : 'Non'}`,
      );
    }
    const text = '\ufeff' + lines.join('\r\n') + '\r\n';
    const values = read(text);
    expect(values).toHaveLength(40_001);
    expect(values[1]).toEqual(['C0', 'Nom C0', 'FA-0', '0,0', 'USD', null]);
    expect(values[39_999]).toEqual(['C118', 'Nom C118', 'FA-39998', '39998,98', 'EUR', 'Non']);
    const reference = parseCsvReference(lines.join('\r\n'), ';').map((row) => row.map((f) => (f === '' ? null : f)));
    // The first row that differs, not a diff of 40,000 rows.
    const differs = values.findIndex((row, i) => JSON.stringify(row) !== JSON.stringify(reference[i]));
    expect({ differs, row: values[differs] }).toEqual({ differs: -1, row: undefined });
    expect(values).toHaveLength(reference.length);
  });

  test('fields whose hashes collide keep their own values', () => {
    // With h = 31·h + c, "Aa" and "BB" hash alike (65·31 + 97 = 66·31 + 66), and so do their pairs;
    // so do fields alike in their first 32 characters, the ones hashed.
    const long = 'x'.repeat(32);
    const words = ['Aa', 'BB', 'AaAa', 'AaBB', 'BBAa', 'BBBB', `${long}A`, `${long}B`, `${long}BA`, `${long}AB`];
    const rows = Array.from({ length: 3000 }, (_, i) => [words[i % 10] as string, words[(i * 7) % 10] as string]);
    const values = read(rows.map((row) => row.join(';')).join('\n'));
    expect(values).toEqual(rows);
  });

  test('each separator is searched for once, however many rows follow without one', () => {
    // Searching again from each row would read the rest of the text each time: quadratic time.
    const rows = Array.from({ length: 20_000 }, (_, i) => `row ${i % 1000}`);
    const text = `Header;Other\n${rows.join('\n')}\n`;
    const indexOf = jest.spyOn(String.prototype, 'indexOf');
    let parsed: string[][];
    let searches: number;
    try {
      parsed = parseCsv(text, ';');
      searches = indexOf.mock.calls.filter(([searched]) => searched === ';').length;
    } finally {
      indexOf.mockRestore();
    }
    expect(parsed[0]).toEqual(['Header', 'Other']);
    expect(parsed.slice(1)).toEqual(rows.map((row) => [row]));
    // One search finds the header's `;`, one finds there is no other.
    expect(searches).toBe(2);
  });

  test('trailing rows of empty fields are dropped; empty rows inside stay', () => {
    expect(read('a;b\r\n;\r\nc;d\r\n;\r\n\r\n;;\r\n')).toEqual([
      ['a', 'b'],
      [null, null],
      ['c', 'd'],
    ]);
  });
});

describe('decodeText: Windows-1252', () => {
  test.each([
    ['é and ç without 0x80–0x9F', [0x53, 0x6f, 0x63, 0x69, 0xe9, 0x74, 0xe9, 0x20, 0xe7, 0xe0], 'Société çà'],
    ['€, ’ and œ (0x80, 0x92, 0x9c)', [0x31, 0x30, 0x20, 0x80, 0x20, 0x92, 0x9c], '10 € ’œ'],
    ['Ø and ü', [0xd8, 0x73, 0x74, 0xfc], 'Østü'],
  ])('%s', (_name, bytes, text) => {
    expect(decodeText(Buffer.from(bytes))).toBe(text);
  });

  test('every byte decodes as iconv decodes it, with and without the bytes 0x80–0x9F', () => {
    // Each lone byte ≥ 0x80 after an ASCII letter is no UTF-8, so the Windows-1252 path decodes it.
    for (let b = 0x80; b <= 0xff; b++) {
      const bytes = Buffer.from([0x41, b, 0x42]);
      expect(decodeText(bytes)).toBe(iconv.decode(bytes, 'win1252'));
    }
    const all = Buffer.from(Array.from({ length: 255 }, (_, i) => i + 1));
    expect(decodeText(all)).toBe(iconv.decode(all, 'win1252'));
  });
});
