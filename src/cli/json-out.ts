/**
 * Writes an evaluation as JSON without building one string of it: a million invoices pretty-printed
 * is beyond V8's maximum string length. The bytes are those of `JSON.stringify(value, null, 2)`.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CliError } from './errors';
import { refuseToOverwrite, temporaryPathFor } from './files';

export async function writeJsonStreamed(target: string, value: object, inputs: string[] = []): Promise<void> {
  await refuseToOverwrite(target, inputs);
  const resolved = path.resolve(target);
  await fs.mkdir(path.dirname(resolved), { recursive: true });
  const temp = temporaryPathFor(resolved);
  let sink: ByteSink | null = null;
  try {
    sink = new ByteSink(await fs.open(temp, 'wx'));
    for (const text of prettyJson(value)) await sink.put(text);
    await sink.put('\n');
    await sink.close();
    await fs.rename(temp, resolved);
  } catch (error) {
    await sink?.abandon();
    // EEXIST: the name was taken and nothing was written; what is there is not ours to remove.
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') await fs.rm(temp, { force: true });
    if (error instanceof CliError) throw error;
    throw new CliError(`${target}: cannot write (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** Bytes per buffer: one write call each, of the two the sink fills in turn. */
const BUFFER_BYTES = 4 << 20;
/** UTF-8 bytes per UTF-16 code unit, at most: what a string may need before it is encoded. */
const MAX_UTF8_PER_UNIT = 3;

/**
 * Text encoded into one of two reused buffers while the other is being written: few system calls,
 * the disk busy while the next buffer fills, and no buffer made per piece (`Buffer.from` of each
 * piece took ~6 times as long as encoding it into a buffer already there).
 */
class ByteSink {
  private buffers: [Buffer, Buffer] = [Buffer.allocUnsafeSlow(BUFFER_BYTES), Buffer.allocUnsafeSlow(BUFFER_BYTES)];
  private used = 0;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly file: fs.FileHandle) {}

  async put(text: string): Promise<void> {
    const room = BUFFER_BYTES - this.used;
    if (text.length * MAX_UTF8_PER_UNIT > room) {
      await this.flush();
      if (text.length * MAX_UTF8_PER_UNIT > BUFFER_BYTES) {
        await this.writing;
        await this.writeAll(Buffer.from(text, 'utf8'));
        return;
      }
    }
    this.used += this.buffers[0].write(text, this.used, 'utf8');
  }

  /** Hands the filled buffer to the disk once the other one is written, and fills the other next. */
  private async flush(): Promise<void> {
    if (this.used === 0) return;
    await this.writing;
    const [full, next] = this.buffers;
    this.writing = this.writeAll(full.subarray(0, this.used));
    // Seen by `await this.writing` later; this keeps a failure from being "unhandled" meanwhile.
    this.writing.catch(() => undefined);
    this.buffers = [next, full];
    this.used = 0;
  }

  private async writeAll(bytes: Buffer): Promise<void> {
    for (let done = 0; done < bytes.length;) {
      const { bytesWritten } = await this.file.write(bytes, done, bytes.length - done);
      // A write may take fewer bytes than it was given; one that takes none would loop forever.
      if (bytesWritten <= 0) throw Object.assign(new Error('nothing written'), { code: 'EIO' });
      done += bytesWritten;
    }
  }

  async close(): Promise<void> {
    await this.flush();
    await this.writing;
    await this.file.close();
  }

  /** After a failure: the file closed, whatever was being written finished or failed. */
  async abandon(): Promise<void> {
    await this.writing.catch(() => undefined);
    await this.file.close().catch(() => undefined);
  }
}

/**
 * Characters per `JSON.stringify` call of array items, about: calls enough fewer than items that
 * they cost nothing, strings short enough to be encoded in a buffer's room (16 K to 1 M measured
 * alike).
 */
const BATCH_CHARS = 64 << 10;
/** Items in the first batch; the next batches are sized on what the last one gave. */
const FIRST_BATCH = 16;
const MAX_BATCH = 1 << 16;

/**
 * The text of `JSON.stringify(value, null, 2)` in pieces. The arrays of a top-level object (and a
 * top-level array) go out a batch of items at a time, each batch one native `JSON.stringify` call:
 * it indents, escapes and skips exactly as the whole would, and leaves no string too long.
 *
 * One difference: an item's `toJSON(key)` gets its index in the batch, not in the whole array.
 * Nothing written here has a `toJSON` that looks at its key (`Date`'s does not).
 */
function* prettyJson(value: object): Generator<string> {
  if (hasToJson(value)) {
    yield String(JSON.stringify(value, null, 2));
  } else if (Array.isArray(value)) {
    if (value.length === 0) yield '[]';
    else yield* streamedArray(value, 0);
  } else {
    let first = true;
    for (const key of Object.keys(value)) {
      const v: unknown = (value as Record<string, unknown>)[key];
      if (Array.isArray(v) && v.length > 0 && !hasToJson(v)) {
        yield `${first ? '{\n' : ',\n'}  ${JSON.stringify(key)}: `;
        yield* streamedArray(v, 1);
        first = false;
        continue;
      }
      // The property with its key as the whole object prints it, or `{}` when it is skipped (undefined,
      // a function, a symbol, or a `toJSON(key)` that says so).
      const entry = JSON.stringify({ [key]: v }, null, 2);
      if (entry === '{}') continue;
      // `{\n  "key": value\n}`: the property is between the braces' lines.
      yield `${first ? '{\n' : ',\n'}${entry.slice(2, -2)}`;
      first = false;
    }
    yield first ? '{}' : '\n}';
  }
}

/**
 * A plain object copied, its properties side by side in fresh memory, anything else as it is. The
 * evaluation's objects lie scattered over a heap of a gigabyte, their numbers boxed apart; copying
 * a batch first reads them all at once, and `JSON.stringify` then works from the cache. Measured on
 * the 1,048,575-invoice evaluation: 3.3–3.8 s to write instead of 4.2–5.1 s. A copy prints the same:
 * only objects whose prototype is `Object.prototype` and with no `toJSON` are copied, and a spread
 * reads the same own enumerable properties, in the same order, as `JSON.stringify` does.
 */
function compactCopy(item: unknown): unknown {
  if (typeof item !== 'object' || item === null || Object.getPrototypeOf(item) !== Object.prototype) return item;
  return hasToJson(item) ? item : { ...item };
}

function hasToJson(value: object): boolean {
  return typeof (value as { toJSON?: unknown }).toJSON === 'function';
}

/**
 * A non-empty array at `depth` 0 (the top level) or 1 (a property of the top-level object), from
 * its `[` to its `]`. Each batch is stringified wrapped in `depth` arrays, so that its items come
 * out at their final indentation; the wrapping is then cut off.
 */
function* streamedArray(items: readonly unknown[], depth: 0 | 1): Generator<string> {
  const indent = '  '.repeat(depth);
  yield '[\n';
  let batch = FIRST_BATCH;
  for (let from = 0; from < items.length;) {
    const to = Math.min(items.length, from + batch);
    const slice = items.slice(from, to).map(compactCopy);
    // `[\n  [\n    item,\n    item\n  ]\n]` at depth 1: cut `[\n  [\n` and `\n  ]\n]`.
    const cut = depth === 0 ? 2 : 6;
    const text = JSON.stringify(depth === 0 ? slice : [slice], null, 2);
    if (from > 0) yield ',\n';
    yield text.slice(cut, -cut);
    batch = Math.max(1, Math.min(MAX_BATCH, Math.round(((to - from) * BATCH_CHARS) / Math.max(1, text.length))));
    from = to;
  }
  yield `\n${indent}]`;
}
