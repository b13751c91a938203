/**
 * The command line's files: it never writes over its input (the ledger or the rule file, for the
 * JSON and the .xlsx outputs alike, however the path is spelled: `./`, `a/../`, a symbolic link to
 * the file or to a folder, a hard link), and it writes every output atomically: a temporary file
 * beside the target, then a rename, so a failure or a crash at any point leaves the previous output.
 */
import { spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import ExcelJS from 'exceljs';
import os from 'node:os';
import path from 'node:path';
import { main } from '../../src/cli';
import { writeFileAtomic } from '../../src/cli/files';
import { writeJsonStreamed } from '../../src/cli/json-out';

const root = path.resolve(__dirname, '../..');
const LEDGER = path.join(root, 'test/fixtures/ledger-fr.csv');

const RULES = JSON.stringify({
  format: 'credit-cover/rules@1',
  policy: {
    id: 'FILES',
    version: '1.0.0',
    currency: 'EUR',
    period: { start: '2027-01-01', end: '2027-12-31' },
    indemnityPercent: { named: 90, discretionary: 70 },
    discretionaryLimit: 10000,
  },
});

async function cli(...args: string[]): Promise<{ code: number; err: string[] }> {
  const err: string[] = [];
  const code = await main(args, { out: () => undefined, err: (l) => err.push(l) });
  return { code, err };
}

let dir: string;
let ledger: string;
let rules: string;
beforeEach(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-files-'));
  ledger = path.join(dir, 'ledger.csv');
  rules = path.join(dir, 'rules.json');
  await fs.copyFile(LEDGER, ledger);
  await fs.writeFile(rules, RULES);
});
afterEach(async () => {
  await fs.chmod(dir, 0o755).catch(() => undefined);
  await fs.rm(dir, { recursive: true, force: true });
});

async function snapshot(): Promise<Buffer[]> {
  return Promise.all([fs.readFile(ledger), fs.readFile(rules)]);
}

/** Files left in a folder, temporary ones included (they start with a dot). */
async function listing(folder: string): Promise<string[]> {
  return (await fs.readdir(folder)).sort();
}

describe('the command line never writes over its input', () => {
  // Each makes a path that reaches the ledger or the rule file by another route.
  const routes: [string, () => Promise<string>][] = [
    ['the same path', async () => ledger],
    ['with ./ and ../', async () => path.join(dir, '.', 'sub', '..', 'ledger.csv')],
    ['relative to the working folder', async () => path.relative(process.cwd(), ledger)],
    [
      'a symbolic link to the ledger',
      async () => {
        const link = path.join(dir, 'link.csv');
        await fs.symlink(ledger, link);
        return link;
      },
    ],
    [
      'through a symbolic link to its folder',
      async () => {
        const link = path.join(dir, 'folder-link');
        await fs.symlink(dir, link);
        return path.join(link, 'ledger.csv');
      },
    ],
    [
      'a hard link to the ledger',
      async () => {
        const link = path.join(dir, 'hard.csv');
        await fs.link(ledger, link);
        return link;
      },
    ],
    [
      'the rule file through a symbolic link to its folder',
      async () => {
        const link = path.join(dir, 'rules-link');
        await fs.symlink(dir, link);
        return path.join(link, 'rules.json');
      },
    ],
  ];

  test.each(routes)('--json: %s', async (_name, route) => {
    const before = await snapshot();
    const target = await route();
    const run = await cli('evaluate', ledger, '--rules', rules, '--as-of', '2027-06-30', '--json', target);
    expect(run.code).not.toBe(0);
    expect(run.err.join('\n')).toMatch(/refusing to write over the input file/);
    expect(await snapshot()).toEqual(before);
    expect((await listing(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test.each(routes)('--out: %s', async (_name, route) => {
    const before = await snapshot();
    const target = await route();
    const run = await cli('evaluate', ledger, '--rules', rules, '--as-of', '2027-06-30', '--out', target);
    expect(run.code).not.toBe(0);
    expect(run.err.join('\n')).toMatch(/refusing to write over the input file|is the input file/);
    expect(await snapshot()).toEqual(before);
    expect((await listing(dir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('an .xlsx ledger is protected the same way, through a folder link', async () => {
    const xlsx = path.join(dir, 'ledger.xlsx');
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Balance');
    ws.addRow(['Code client', 'Date facture', 'Échéance', 'Solde']);
    ws.addRow(['B1', new Date(Date.UTC(2027, 3, 1)), new Date(Date.UTC(2027, 4, 1)), 1000]);
    await wb.xlsx.writeFile(xlsx);
    const bytes = await fs.readFile(xlsx);
    await fs.symlink(dir, path.join(dir, 'again'));
    for (const flag of ['--json', '--out']) {
      const run = await cli(
        'evaluate',
        xlsx,
        '--rules',
        rules,
        '--as-of',
        '2027-06-30',
        flag,
        path.join(dir, 'again', 'ledger.xlsx'),
      );
      expect(run.code).not.toBe(0);
      expect(await fs.readFile(xlsx)).toEqual(bytes);
    }
  });

  test('outputs elsewhere are written, and the inputs are untouched', async () => {
    const before = await snapshot();
    const run = await cli(
      'evaluate',
      ledger,
      '--rules',
      rules,
      '--as-of',
      '2027-06-30',
      '--json',
      path.join(dir, 'out', 'r.json'),
      '--out',
      path.join(dir, 'out', 'a.xlsx'),
    );
    expect(run).toEqual({ code: 0, err: [] });
    expect(await listing(path.join(dir, 'out'))).toEqual(['a.xlsx', 'r.json']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('outputs are written atomically', () => {
  const asRoot = process.getuid?.() === 0;

  (asRoot ? test.skip : test)('an output folder that is read-only: an error, and no file at all in it', async () => {
    const locked = path.join(dir, 'locked');
    await fs.mkdir(locked);
    await fs.writeFile(path.join(locked, 'result.json'), 'previous');
    await fs.chmod(locked, 0o555);
    await expect(writeFileAtomic(path.join(locked, 'result.json'), 'new')).rejects.toThrow(/cannot write \(EACCES\)/);
    await expect(writeJsonStreamed(path.join(locked, 'result.json'), { a: 1 })).rejects.toThrow(
      /cannot write \(EACCES\)/,
    );
    expect(await listing(locked)).toEqual(['result.json']);
    expect(await fs.readFile(path.join(locked, 'result.json'), 'utf8')).toBe('previous');
  });

  test('a target that cannot be replaced (a folder): an error, no partial or temporary file, whatever writes it', async () => {
    const target = path.join(dir, 'out', 'result.json');
    await fs.mkdir(target, { recursive: true });
    await expect(writeFileAtomic(target, 'x'.repeat(1 << 20))).rejects.toThrow(/cannot write/);
    await expect(
      writeJsonStreamed(target, { invoices: Array.from({ length: 50_000 }, (_, i) => ({ i })) }),
    ).rejects.toThrow(/cannot write/);
    expect(await listing(path.join(dir, 'out'))).toEqual(['result.json']);
    expect((await fs.stat(target)).isDirectory()).toBe(true);
  });

  test('a folder that cannot be created (a file is in the way): an error, nothing written', async () => {
    await fs.writeFile(path.join(dir, 'blocker'), 'a file');
    const run = await cli(
      'evaluate',
      ledger,
      '--rules',
      rules,
      '--as-of',
      '2027-06-30',
      '--json',
      path.join(dir, 'blocker', 'r.json'),
    );
    expect(run.code).not.toBe(0);
    expect(await fs.readFile(path.join(dir, 'blocker'), 'utf8')).toBe('a file');
  });

  test('a failure while writing (a disk that fills, permissions refused) leaves the previous output and no temporary file', async () => {
    const target = path.join(dir, 'result.json');
    await fs.writeFile(target, 'previous');
    const fsModule = (await import('node:fs')).promises;
    for (const method of ['writeFile', 'rename'] as const) {
      const spy = jest
        .spyOn(fsModule, method)
        .mockRejectedValueOnce(Object.assign(new Error('no space'), { code: 'ENOSPC' }));
      await expect(writeFileAtomic(target, 'new')).rejects.toThrow('cannot write (ENOSPC)');
      spy.mockRestore();
      expect(await listing(dir)).toEqual(['ledger.csv', 'result.json', 'rules.json']);
      expect(await fs.readFile(target, 'utf8')).toBe('previous');
    }
  });

  test('a value that fails half-way through the streamed JSON leaves the previous output and no temporary file', async () => {
    const target = path.join(dir, 'result.json');
    await fs.writeFile(target, 'previous');
    const invoices = Array.from({ length: 200_000 }, (_, i) =>
      i === 150_000
        ? {
            toJSON() {
              throw new Error('cannot serialise');
            },
          }
        : { row: i, text: 'x'.repeat(20) },
    );
    await expect(writeJsonStreamed(target, { invoices })).rejects.toThrow('cannot serialise');
    expect(await listing(dir)).toEqual(['ledger.csv', 'result.json', 'rules.json']);
    expect(await fs.readFile(target, 'utf8')).toBe('previous');
  });

  test('a temporary file name already taken (a planted link) is never written through', async () => {
    const victim = path.join(dir, 'victim.txt');
    await fs.writeFile(victim, 'victim');
    const target = path.join(dir, 'result.json');
    // Whatever name it picks is new: plant links on the names a predictable writer would use.
    for (const name of [`.result.json.${process.pid}.tmp`, '.result.json.tmp'])
      await fs.symlink(victim, path.join(dir, name));
    await writeFileAtomic(target, 'new');
    await writeJsonStreamed(target, { a: 1 });
    expect(await fs.readFile(victim, 'utf8')).toBe('victim');
    expect((await fs.lstat(target)).isFile()).toBe(true);
    expect(JSON.parse(await fs.readFile(target, 'utf8'))).toEqual({ a: 1 });
  });

  test('a process killed (SIGKILL) while it writes leaves the previous output whole', async () => {
    const target = path.join(dir, 'result.json');
    const previous = JSON.stringify({ previous: true });
    await fs.writeFile(target, previous);
    const probe = path.join(__dirname, 'write-probe.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', probe, target], {
      cwd: root,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // The probe says when it is half-way through the temporary file; then it is killed.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (chunk.toString().includes('writing')) resolve();
      });
      child.on('exit', () => reject(new Error('the probe ended before it was killed')));
    });
    const temporary = (await listing(dir)).filter((f) => f.endsWith('.tmp'));
    expect(temporary).toHaveLength(1);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(await fs.readFile(target, 'utf8')).toBe(previous);
    // What a crash leaves is a hidden temporary file beside the target, never a half-written target.
    expect((await listing(dir)).filter((f) => !f.endsWith('.tmp'))).toEqual([
      'ledger.csv',
      'result.json',
      'rules.json',
    ]);
  }, 60_000);
});
