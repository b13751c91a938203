/**
 * The command line runs compiled code (scripts/compiled.js): built once, reused while the sources
 * are unchanged, rebuilt when one changes, and never a stale bundle.
 */
import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { compiled } from '../../scripts/compiled';

const run = promisify(execFile);
let root: string;

beforeEach(async () => {
  root = await fs.mkdtemp(path.join(os.tmpdir(), 'cc-compiled-'));
  await fs.mkdir(path.join(root, 'src'));
  await fs.writeFile(path.join(root, 'src/answer.ts'), 'export const answer: number = 41;\n');
  await fs.writeFile(
    path.join(root, 'src/main.ts'),
    "import { answer } from './answer';\nconst f = (): number => answer + 1;\nprocess.stdout.write(String(f()) + ':' + f.name);\n",
  );
});

afterEach(async () => {
  await fs.rm(root, { recursive: true, force: true });
});

async function runBundle(bundle: string | null): Promise<string> {
  if (bundle === null) throw new Error('no bundle');
  return (await run(process.execPath, [bundle])).stdout;
}

test('builds a bundle of the TypeScript entry that runs without tsx, and reuses it while nothing changed', async () => {
  const first = compiled('src/main.ts', root);
  expect(first).not.toBeNull();
  expect(path.dirname(first as string)).toBe(path.join(root, 'node_modules/.cache/credit-cover'));
  // esbuild's keepNames would have named the arrow "f" through a __name() wrapper: not compiled that way.
  expect(await fs.readFile(first as string, 'utf8')).not.toContain('__name(');
  expect(await runBundle(first)).toBe('42:f');
  const stat = await fs.stat(first as string);
  expect(compiled('src/main.ts', root)).toBe(first);
  expect((await fs.stat(first as string)).mtimeMs).toBe(stat.mtimeMs);
});

test('a changed source file gives a new bundle; the stale one is removed once it is an hour old', async () => {
  const first = compiled('src/main.ts', root) as string;
  await fs.writeFile(path.join(root, 'src/answer.ts'), 'export const answer: number = 99;\n');
  const second = compiled('src/main.ts', root) as string;
  expect(second).not.toBe(first);
  expect(await runBundle(second)).toBe('100:f');
  // Just built: it may still be in use by a command that started with the old sources.
  await fs.access(first);
  const twoHoursAgo = new Date(Date.now() - 2 * 3600_000);
  await fs.utimes(first, twoHoursAgo, twoHoursAgo);
  await fs.writeFile(path.join(root, 'src/answer.ts'), 'export const answer: number = 7;\n');
  const third = compiled('src/main.ts', root) as string;
  expect(await runBundle(third)).toBe('8:f');
  await expect(fs.access(first)).rejects.toThrow();
  await fs.access(second);
});

test('a source that does not compile gives no bundle (the caller falls back to tsx)', async () => {
  await fs.writeFile(path.join(root, 'src/answer.ts'), 'export const answer: number = ;\n');
  expect(compiled('src/main.ts', root)).toBeNull();
  const leftovers = await fs.readdir(path.join(root, 'node_modules/.cache/credit-cover')).catch(() => []);
  expect(leftovers).toEqual([]);
});
