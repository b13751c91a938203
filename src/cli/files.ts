/**
 * File-system helpers of the command line: reading a rule file and writing outputs atomically.
 */
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

/** Writes to a temporary file beside the target, then renames: a reader never sees half a file. */
export async function writeFileAtomic(target: string, data: string | Uint8Array, inputs: string[] = []): Promise<void> {
  const resolved = path.resolve(target);
  for (const input of inputs) {
    if (path.resolve(input) === resolved) throw new CliError(`${target}: refusing to write over the input file`);
  }
  await fs.mkdir(path.dirname(resolved), { recursive: true });
  const temp = path.join(path.dirname(resolved), `.${path.basename(resolved)}.${process.pid}.tmp`);
  try {
    await fs.writeFile(temp, data);
    await fs.rename(temp, resolved);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw new CliError(`${target}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}
