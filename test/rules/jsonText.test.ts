/** The strict scan that runs before JSON.parse must accept exactly what JSON.parse accepts. */
import fc from 'fast-check';
import { ErrorList } from '../../src/rules/errors';
import { lineColumn, scanJsonText } from '../../src/rules/jsonText';

function syntaxErrors(text: string): string[] {
  const errors = new ErrorList(undefined);
  scanJsonText(text, 0, errors);
  return errors
    .list()
    .map((e) => e.message)
    .filter((m) => m.startsWith('invalid JSON'));
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

const jsonText = fc
  .tuple(fc.json({ maxDepth: 6 }), fc.constantFrom(undefined, 2, '\t'))
  .map(([json, indent]) => JSON.stringify(JSON.parse(json), null, indent));

describe('scanJsonText', () => {
  it('accepts what JSON.parse accepts', () => {
    fc.assert(fc.property(jsonText, (text) => expect(syntaxErrors(text)).toEqual([])));
  });

  it('rejects what JSON.parse rejects, after any one-character edit', () => {
    const edit = fc.tuple(
      jsonText,
      fc.nat(),
      fc.constantFrom('delete', 'insert', 'replace'),
      fc.constantFrom(
        '{',
        '}',
        '[',
        ']',
        ',',
        ':',
        '"',
        '\\',
        ' ',
        '\n',
        '\t',
        '\u0001',
        '0',
        '-',
        '.',
        'e',
        'x',
        "'",
        '/',
      ),
    );
    fc.assert(
      fc.property(edit, ([text, at, kind, char]) => {
        const i = text.length === 0 ? 0 : at % text.length;
        const edited =
          kind === 'delete'
            ? text.slice(0, i) + text.slice(i + 1)
            : kind === 'insert'
              ? text.slice(0, i) + char + text.slice(i)
              : text.slice(0, i) + char + text.slice(i + 1);
        expect(syntaxErrors(edited).length === 0).toBe(parses(edited));
      }),
      { numRuns: 2000 },
    );
  });

  it('counts lines after LF, CRLF and a lone CR', () => {
    expect(lineColumn('a\nb\r\nc\rd', 7)).toEqual({ line: 4, column: 1 });
    expect(lineColumn('ab', 1)).toEqual({ line: 1, column: 2 });
  });
});
