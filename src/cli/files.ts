/**
 * File-system helpers of the command line: reading a rule file and writing outputs atomically.
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CliError } from './errors';

/** Rule files above this size are refused before they are read (the loader refuses them too). */
const MAX_RULE_FILE_BYTES = 5 * 1024 * 1024;

export async function readRuleFileText(file: string): Promise<string> {
  let stat;
  try {
    stat = await fs.stat(file);
  } catch {
    throw new CliError(`${file}: no such file`);
  }
  if (!stat.isFile()) throw new CliError(`${file}: not a file`);
  if (stat.size > MAX_RULE_FILE_BYTES) {
    throw new CliError(`${file}: ${stat.size} bytes; a rule file may not exceed ${MAX_RULE_FILE_BYTES} bytes (5 MB)`);
  }
  const bytes = await fs.readFile(file);
  try {
    // ignoreBOM keeps a byte-order mark in the text, so the loader can name it instead of hiding it.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CliError(`${file}: not UTF-8 text; save the rule file as UTF-8`);
  }
}

/** The canonical path of a file, also of one that does not exist yet (through its folder). */
export async function canonicalPath(file: string): Promise<string> {
  const absolute = path.resolve(file);
  try {
    return await fs.realpath(absolute);
  } catch {
    try {
      return path.join(await fs.realpath(path.dirname(absolute)), path.basename(absolute));
    } catch {
      return absolute;
    }
  }
}

/**
 * Refuses to write `target` when it is one of the `inputs`, however it is reached: another spelling
 * (`./`, `a/../`), a symbolic link to the file or to a folder on its path, or a hard link to it.
 */
export async function refuseToOverwrite(target: string, inputs: readonly string[]): Promise<void> {
  if (inputs.length === 0) return;
  const resolved = await canonicalPath(target);
  const targetStat = await fs.stat(target).catch(() => null);
  for (const input of inputs) {
    let same = (await canonicalPath(input)) === resolved;
    if (!same && targetStat !== null) {
      const inputStat = await fs.stat(input).catch(() => null);
      same = inputStat !== null && inputStat.dev === targetStat.dev && inputStat.ino === targetStat.ino;
    }
    if (same) throw new CliError(`${target}: refusing to write over the input file`);
  }
}

/**
 * A fresh name beside the target for its temporary file. Random, and created with O_EXCL (flag `wx`),
 * so that a file or link already there (a crashed run's, or one planted in a shared folder) is never
 * written through.
 */
export function temporaryPathFor(resolvedTarget: string): string {
  const name = `.${path.basename(resolvedTarget)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  return path.join(path.dirname(resolvedTarget), name);
}

/** Writes to a temporary file beside the target, then renames: a reader never sees half a file. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, inputs: string[] = []): Promise<void> {
  await refuseToOverwrite(target, inputs);
  const resolved = path.resolve(target);
  await fs.mkdir(path.dirname(resolved), { recursive: true });
  const temp = temporaryPathFor(resolved);
  try {
    await fs.writeFile(temp, data, { flag: 'wx' });
    await fs.rename(temp, resolved);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    // EEXIST: the name was taken and nothing was written; what is there is not ours to remove.
    if (code !== 'EEXIST') await fs.rm(temp, { force: true });
    throw new CliError(`${target}: cannot write (${code ?? String(error)})`);
  }
}
