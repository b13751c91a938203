/**
 * What the ledger-file readers share: the error they throw, the table they return, byte sniffing.
 */
import type { Table } from '../sheet';

export type InputErrorCode = 'not-found' | 'empty' | 'not-spreadsheet' | 'corrupt' | 'encrypted' | 'unknown-sheet';

/** A ledger file that cannot be read as a table; the message is one line and names the file. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly code: InputErrorCode,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export interface TableFile {
  table: Table;
  /** The sheet read (for a CSV file: its name without extension). */
  sheetName: string;
  sheetNames: string[];
  kind: 'xlsx' | 'csv';
}

export interface ReadTableOptions {
  /** Worksheet name; default: the first visible worksheet. */
  sheet?: string;
}

export function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/** The first line of an error message: messages here are one line. */
export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split(/\r?\n/)[0] ?? '').trim() || 'unknown error';
}
