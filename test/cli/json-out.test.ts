import { closeSync, mkdtempSync, openSync, readFileSync, readSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeJsonStreamed } from '../../src/cli/json-out';

describe('writeJsonStreamed', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'cc-json-'));
  test.each([
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
  ])('writes the bytes of JSON.stringify(value, null, 2) for %s', async (_name, value) => {
    const file = path.join(dir, `${_name}.json`);
    await writeJsonStreamed(file, value);
    expect(readFileSync(file, 'utf8')).toBe(JSON.stringify(value, null, 2) + '\n');
  });

  test('a result too large for one string is still written', async () => {
    // 300,000 items of ~2 KB pretty-printed: ~600 MB as one string, beyond V8's limit (~512 MB).
    const item = { row: 0, text: 'x'.repeat(1800) };
    const invoices = Array.from({ length: 300_000 }, (_, i) => ({ ...item, row: i }));
    const file = path.join(dir, 'big.json');
    await writeJsonStreamed(file, { invoices });
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(0x1fffffe8);
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
