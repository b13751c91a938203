/**
 * Child processes of the bench: a case of bench/case.ts (one JSON line back), and a command timed
 * by GNU time (`/usr/bin/time -f "%e %M %U %S"`: wall seconds, peak resident memory in KB, and the
 * user and system CPU seconds, which say how much of the wall time a busy machine added).
 */
import { spawn } from 'node:child_process';
import { compiled } from '../scripts/compiled';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runProcess(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv } = {},
): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.once('error', reject);
    child.once('close', (code) =>
      resolve({
        code,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        ms: performance.now() - t0,
      }),
    );
  });
}

export class CaseError extends Error {}

/**
 * Runs `bench/case.ts <args>` in a fresh Node and returns its JSON line. Compiled as the command
 * line is (scripts/compiled.js), so that the figures are those of the code users run; under tsx
 * only where it cannot be compiled.
 */
export async function runCase<T>(args: string[]): Promise<T> {
  const bundle = compiled('bench/case.ts');
  const entry = bundle === null ? ['--import', 'tsx', 'bench/case.ts'] : [bundle];
  const done = await runProcess(process.execPath, ['--expose-gc', ...entry, ...args]);
  const line = done.stdout.trim().split('\n').pop() ?? '';
  if (done.code !== 0 || !line.startsWith('{')) {
    const why = done.stderr.trim().split('\n').slice(0, 6).join('\n') || `exit code ${done.code}`;
    throw new CaseError(`case ${args.join(' ')} failed: ${why}`);
  }
  return JSON.parse(line) as T;
}

export const GNU_TIME = '/usr/bin/time';

export interface Timed {
  code: number | null;
  seconds: number;
  peakRssMb: number;
  cpuSeconds: number;
  stdout: string;
  stderr: string;
}

/** `command args` under GNU time, its figures written to a file of their own (stderr stays the command's). */
export async function timeCommand(command: string, args: string[]): Promise<Timed> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'credit-cover-time-'));
  const report = path.join(dir, 'time.txt');
  try {
    const done = await runProcess(GNU_TIME, ['-f', '%e %M %U %S', '-o', report, command, ...args]);
    const text = (await fs.readFile(report, 'utf8')).trim().split('\n').pop() ?? '';
    const [seconds, kb, user, system] = text.split(/\s+/).map(Number);
    if (![seconds, kb, user, system].every(Number.isFinite)) throw new CaseError(`GNU time wrote "${text}"`);
    return {
      code: done.code,
      seconds,
      peakRssMb: kb / 1024,
      cpuSeconds: user + system,
      stdout: done.stdout,
      stderr: done.stderr,
    };
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
