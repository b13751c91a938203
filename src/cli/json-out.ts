/**
 * Writes an evaluation as JSON without building one string of it: a million invoices pretty-printed
 * is beyond V8's maximum string length. The bytes are those of `JSON.stringify(value, null, 2)`.
 */
import { createWriteStream, promises as fs } from 'node:fs';
import path from 'node:path';
import { CliError } from './errors';
import { refuseToOverwrite, temporaryPathFor } from './files';

/** Top-level arrays written item by item; everything else is small. */
const STREAMED = new Set(['invoices', 'buyers', 'diagnostics']);

export async function writeJsonStreamed(target: string, value: object, inputs: string[] = []): Promise<void> {
  await refuseToOverwrite(target, inputs);
  const resolved = path.resolve(target);
  await fs.mkdir(path.dirname(resolved), { recursive: true });
  const temp = temporaryPathFor(resolved);
  const out = createWriteStream(temp, { flags: 'wx' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  // Observed by the races below; this keeps an early error (the open failing) from being "unhandled".
  failed.catch(() => undefined);
  let buffer = '';
  const write = async (text: string) => {
    buffer += text;
    if (buffer.length < 1 << 20) return;
    const chunk = buffer;
    buffer = '';
    if (!out.write(chunk)) await Promise.race([new Promise<void>((r) => out.once('drain', () => r())), failed]);
  };
  try {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined && typeof v !== 'function');
    await write('{');
    for (let k = 0; k < entries.length; k++) {
      const [key, v] = entries[k];
      await write(`${k === 0 ? '' : ','}\n  ${JSON.stringify(key)}: `);
      if (STREAMED.has(key) && Array.isArray(v) && v.length > 0) {
        await write('[');
        for (let i = 0; i < v.length; i++) {
          await write(`${i === 0 ? '' : ','}\n    ${indent(JSON.stringify(v[i], null, 2), '    ')}`);
        }
        await write('\n  ]');
      } else {
        await write(indent(JSON.stringify(v, null, 2), '  '));
      }
    }
    await write(entries.length > 0 ? '\n}\n' : '}\n');
    out.end(buffer);
    await Promise.race([new Promise<void>((r) => out.once('finish', () => r())), failed]);
    await fs.rename(temp, resolved);
  } catch (error) {
    out.destroy();
    // EEXIST: the name was taken and nothing was written; what is there is not ours to remove.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(temp, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`${target}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

function indent(json: string, prefix: string): string {
  return json.includes('\n') ? json.split('\n').join('\n' + prefix) : json;
}
