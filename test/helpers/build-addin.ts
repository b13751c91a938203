/**
 * One production build of the add-in per test run, shared by every test file that needs it
 * (test/addin/manifest.test.ts, test/browser/taskpane.test.ts): `npm run build`'s command, webpack
 * in production mode with CREDIT_COVER_URL set, about 30 s on two cores.
 *
 * Jest runs test files in separate workers, so the build is shared through the file system: the
 * jest globalSetup (./build-addin-setup.ts) makes a fresh folder for the run and names it in
 * CREDIT_COVER_TEST_BUILD; the first file to ask takes a lock (an atomic mkdir) and builds into it,
 * the others wait for its `done` or `failed` marker. Without the globalSetup (a file run on its
 * own with another config), each file builds into a folder of its own.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export const ROOT = path.resolve(__dirname, '..', '..');
/** Where the production manifest points; with a path, to show the rewrite keeps it. */
export const PRODUCTION_URL = 'https://cdn.test.example/credit-cover/';
export const BUILD_DIR_VARIABLE = 'CREDIT_COVER_TEST_BUILD';
/** Longer than any build seen (about 30 s), short enough to fail a stuck run. */
const WAIT_MS = 5 * 60 * 1000;

let own: Promise<string> | null = null;

/** The folder holding the production build (dist/ as `npm run build` makes it). */
export function buildAddin(): Promise<string> {
  const shared = process.env[BUILD_DIR_VARIABLE];
  if (shared === undefined || shared === '') {
    if (own === null) {
      const folder = mkdtempSync(path.join(tmpdir(), 'credit-cover-build-'));
      // No globalTeardown to remove it: the worker does, when it ends.
      process.once('exit', () => rmSync(folder, { recursive: true, force: true }));
      own = build(path.join(folder, 'dist'));
    }
    return own;
  }
  return sharedBuild(shared);
}

async function sharedBuild(folder: string): Promise<string> {
  const dist = path.join(folder, 'dist');
  const done = path.join(folder, 'done');
  const failed = path.join(folder, 'failed');
  let mine = false;
  try {
    mkdirSync(path.join(folder, 'lock'));
    mine = true;
  } catch {
    // Another test file is building (or has built): wait for it below.
  }
  if (mine) {
    try {
      await build(dist);
      writeFileSync(done, '');
    } catch (error) {
      writeFileSync(failed, (error as Error).message);
      throw error;
    }
    return dist;
  }
  const deadline = Date.now() + WAIT_MS;
  while (Date.now() < deadline) {
    if (existsSync(done)) return dist;
    if (existsSync(failed)) throw new Error(`the shared add-in build failed:\n${readFileSync(failed, 'utf8')}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the shared add-in build in ${folder} did not finish within ${WAIT_MS / 1000} s`);
}

async function build(dist: string): Promise<string> {
  const cli = path.join(ROOT, 'node_modules', 'webpack-cli', 'bin', 'cli.js');
  try {
    await promisify(execFile)(process.execPath, [cli, '--mode', 'production', '--output-path', dist], {
      cwd: ROOT,
      env: { ...process.env, CREDIT_COVER_URL: PRODUCTION_URL },
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string };
    throw new Error(`webpack --mode production failed:\n${stdout.slice(-4000)}\n${stderr.slice(-4000)}`);
  }
  return dist;
}
