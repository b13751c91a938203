import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { writeJsonStreamed } from '../../src/cli/json-out';
import { fuzzParams, FUZZ_TIMEOUT } from '../fuzz/params';

const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-json-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let files = 0;
async function written(value: object): Promise<Buffer> {
  const file = path.join(dir, `out-${files++}.json`);
  await writeJsonStreamed(file, value);
  const bytes = readFileSync(file);
  rmSync(file);
  return bytes;
}

/** What the writer must produce, byte for byte. */
function expected(value: unknown): Buffer {
  return Buffer.from(JSON.stringify(value, null, 2) + '\n', 'utf8');
}

describe('writeJsonStreamed writes the bytes of JSON.stringify(value, null, 2)', () => {
  const fn = () => 1;
  test.each<[string, object]>([
    ['empty arrays and nulls', { format: 'x', invoices: [], buyers: [], diagnostics: [], asOf: null }],
    [
      'nested items',
      {
        a: 1,
        invoices: [
          { row: 2, reasons: ['carence', 'disputed'], flags: [] },
          { row: 3, reasons: [], nested: { x: [1, { y: 'é"' }] } },
        ],
        totals: { open: 1.5, excludedByReason: {} },
        diagnostics: [{ row: null, message: 'line\nbreak' }],
      },
    ],
    ['an empty object', {}],
    ['an empty array', []],
    ['a top-level array of arrays and objects', [[1, [2, []]], {}, { a: [{}] }, 'x', null]],
    ['arrays in arrays in a streamed array', { rows: [[[]], [[1, 2], [{ a: [] }]], []] }],
    [
      'undefined, function and symbol properties skipped, first, between and last',
      { u: undefined, a: 1, f: fn, b: [1], s: Symbol('s'), c: { u: undefined, d: 2, f: fn }, z: undefined },
    ],
    ['only skipped properties', { u: undefined, f: fn }],
    ['undefined, function and symbol items of an array are null', { items: [undefined, fn, Symbol('s'), 1] }],
    [
      'strings that need escapes',
      {
        items: ['"\\/', '\u0000\u0007\b\f\n\r\t\u001f\u007f', '\u2028\u2029', '\ud800', 'a\udc00b', '😀', 'é€'],
        key: { 'k"\n\u2028\udfff': 'v' },
      },
    ],
    [
      'numbers: -0, large, tiny, not finite',
      { items: [-0, 1e21, 1e-7, 2 ** 53 + 2, Number.MAX_VALUE, Number.MIN_VALUE, NaN, -Infinity, 0.1 + 0.2] },
    ],
    [
      'toJSON: Dates, and a property’s toJSON given its key',
      {
        at: new Date(Date.UTC(2027, 11, 31)),
        items: [new Date(0), { toJSON: () => undefined }],
        keyed: { toJSON: (key: string) => `key:${key}` },
        gone: { toJSON: () => undefined },
      },
    ],
    ['a top-level toJSON', { toJSON: () => ({ replaced: [1, 2] }) }],
    [
      'items that are not plain objects, or hide a toJSON, a getter or a symbol key',
      {
        items: [
          new (class Point {
            constructor(readonly x: number) {}
            get double(): number {
              return this.x * 2;
            }
          })(1),
          new (class Stamp {
            toJSON(): string {
              return 'stamp';
            }
          })(),
          Object.assign(Object.create(null) as object, { a: 1 }),
          Object.defineProperty({ a: 1 }, 'toJSON', { value: () => 'hidden', enumerable: false }),
          {
            get g() {
              return 'got';
            },
            v: 1,
          },
          { [Symbol('s')]: 1, b: 2 },
          [{ nested: true }],
        ],
      },
    ],
  ])('%s', async (_name, value) => {
    expect((await written(value)).equals(expected(value))).toBe(true);
  });

  test('hand-worked: escapes, skipped properties, -0 and a streamed array', async () => {
    const value = { u: undefined, s: '\u2028\ud800"', n: -0, items: [{ a: [] }, [1]], e: {} };
    const text = [
      '{',
      '  "s": "\u2028\\ud800\\"",',
      '  "n": 0,',
      '  "items": [',
      '    {',
      '      "a": []',
      '    },',
      '    [',
      '      1',
      '    ]',
      '  ],',
      '  "e": {}',
      '}',
      '',
    ].join('\n');
    expect((await written(value)).toString('utf8')).toBe(text);
  });

  test('each getter of an item is read once, as JSON.stringify reads it', async () => {
    let reads = 0;
    const items = Array.from({ length: 500 }, (_, i) => ({
      i,
      get counted() {
        reads += 1;
        return i * 2;
      },
    }));
    const bytes = await written({ items });
    expect(reads).toBe(500);
    expect(bytes.equals(expected({ items }))).toBe(true);
  });

  test('many items of many sizes and multi-byte characters, over several buffers and batches', async () => {
    // ~12 MB: items from 10 to ~20,000 characters, é (2 bytes) and 😀 (4 bytes) wherever a buffer ends.
    const invoices = Array.from({ length: 6000 }, (_, i) => ({
      row: i,
      name: 'é😀x'.repeat(i % 97 === 0 ? 5000 : i % 13),
      list: i % 5 === 0 ? [] : [i, { nested: 'Ø' }],
    }));
    const value = { head: 'h', invoices, buyers: [{ big: 'é'.repeat(3_000_000) }], tail: 't' };
    expect((await written(value)).equals(expected(value))).toBe(true);
  });

  test('a property larger than a buffer (a 2-million-character string) is written whole', async () => {
    const value = { a: 1, text: 'é😀'.repeat(1_000_000), b: [2] };
    expect((await written(value)).equals(expected(value))).toBe(true);
  });

  test('a slow disk: bytes handed to it are not changed before they are written', async () => {
    const fsPromises = (await import('node:fs')).promises;
    const open = fsPromises.open.bind(fsPromises);
    const spy = jest.spyOn(fsPromises, 'open').mockImplementation(async (...args: Parameters<typeof open>) => {
      const handle = await open(...args);
      const write = handle.write.bind(handle) as (b: Buffer, o: number, l: number) => Promise<{ bytesWritten: number }>;
      // Each write reads its bytes only after a while, as a busy disk would.
      handle.write = (async (bytes: Buffer, offset: number, length: number) => {
        await new Promise((resolve) => setTimeout(resolve, 5));
        return write(bytes, offset, length);
      }) as typeof handle.write;
      return handle;
    });
    try {
      const value = { invoices: Array.from({ length: 40_000 }, (_, i) => ({ row: i, text: `é${i}`.repeat(20) })) };
      expect((await written(value)).equals(expected(value))).toBe(true);
    } finally {
      spy.mockRestore();
    }
  });

  test(
    'random values (fast-check)',
    async () => {
      const item = fc.anything({
        withBoxedValues: true,
        withDate: true,
        withNullPrototype: true,
        withObjectString: true,
        withSparseArray: true,
        withTypedArray: true,
        withMap: true,
        withSet: true,
        maxDepth: 3,
      });
      const top = fc.dictionary(fc.string(), fc.oneof(item, fc.array(item, { maxLength: 200 })), { maxKeys: 6 });
      await fc.assert(
        fc.asyncProperty(fc.oneof(top, fc.array(item, { maxLength: 50 })), async (value) => {
          expect((await written(value)).equals(expected(value))).toBe(true);
        }),
        fuzzParams(150, 0x6a73_6f6e, 0.05),
      );
    },
    FUZZ_TIMEOUT,
  );

  test('a result too large for one string is still written', async () => {
    // 300,000 items of ~2 KB pretty-printed: ~600 MB as one string, beyond V8's limit (~512 MB).
    const item = { row: 0, text: 'x'.repeat(1800) };
    const invoices = Array.from({ length: 300_000 }, (_, i) => ({ ...item, row: i }));
    const file = path.join(dir, 'big.json');
    await writeJsonStreamed(file, { invoices });
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(0x1fffffe8);
    // Each item is `    {\n      "row": N,\n      "text": "x…x"\n    }` (43 + 1800 bytes + the row's
    // digits), items joined by `,\n`; around them `{\n  "invoices": [\n` and `\n  ]\n}\n`.
    let digits = 0;
    for (let i = 0; i < 300_000; i++) digits += String(i).length;
    expect(size).toBe(18 + 300_000 * (43 + 1800) + digits + 299_999 * 2 + 7);
    const fd = openSync(file, 'r');
    const head = Buffer.alloc(40);
    const tail = Buffer.alloc(40);
    readSync(fd, head, 0, 40, 0);
    readSync(fd, tail, 0, 40, size - 40);
    closeSync(fd);
    expect(head.toString().startsWith('{\n  "invoices": [\n    {\n      "row": 0,\n')).toBe(true);
    expect(tail.toString().endsWith('xxx"\n    }\n  ]\n}\n')).toBe(true);
    rmSync(file);
  }, 120_000);
});
