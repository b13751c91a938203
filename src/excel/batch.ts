/// <reference types="office-js" />
/**
 * Packing queued commands into as few `context.sync()` calls as Excel allows. Excel on the web
 * refuses a request over 5 MB (`RichApi.Error`, see "Resource limits and performance optimization
 * for Office Add-ins" on learn.microsoft.com), so every command is counted by the size of what it
 * sends, the UTF-8 length of its JSON, and the batch is synced before it would pass the budget
 * (4 MB: a margin for Office.js's own envelope around each command).
 */
import { utf8Length } from '../rules/utf8';

export const REQUEST_BUDGET_BYTES = 4_000_000;

/** What Office.js adds around each command (object path, action ids), generously. */
export const COMMAND_OVERHEAD_BYTES = 200;

export function payloadBytes(value: unknown): number {
  return utf8Length(JSON.stringify(value) ?? '') + COMMAND_OVERHEAD_BYTES;
}

export class Batch {
  private pendingBytes = 0;
  /** The estimated request size of each sync made so far. */
  readonly sent: number[] = [];

  constructor(
    private readonly context: Excel.RequestContext,
    readonly budget: number = REQUEST_BUDGET_BYTES,
  ) {}

  /** Room left in the current request. */
  free(): number {
    return this.budget - this.pendingBytes;
  }

  /** Accounts for a command about to be queued, syncing first if it would not fit. */
  async add(bytes: number): Promise<void> {
    if (this.pendingBytes > 0 && this.pendingBytes + bytes > this.budget) await this.flush();
    this.pendingBytes += bytes;
  }

  /** Sends what is queued. */
  async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const bytes = this.pendingBytes;
    this.pendingBytes = 0;
    await this.context.sync();
    this.sent.push(bytes);
  }

  get syncs(): number {
    return this.sent.length;
  }
}

/**
 * Cuts `rows` into slices whose JSON fits the room left in each request, the first slice in what
 * is left of the current one. Yields `[start, end)` and the slice's size; the caller queues it.
 */
export async function* slices(
  batch: Batch,
  rowBytes: readonly number[],
  fixedBytes: number,
): AsyncGenerator<{ start: number; end: number; bytes: number }> {
  let start = 0;
  while (start < rowBytes.length) {
    if (batch.free() < fixedBytes + rowBytes[start]) await batch.flush();
    let end = start;
    let bytes = fixedBytes;
    // At least one row per slice: a single row over the budget is sent alone and left to Excel.
    while (end < rowBytes.length && (end === start || bytes + rowBytes[end] <= batch.free())) {
      bytes += rowBytes[end];
      end++;
    }
    yield { start, end, bytes };
    start = end;
  }
}
