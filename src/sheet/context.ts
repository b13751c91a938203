/**
 * What the column-level decisions and the row reader share while one table is read.
 */
import type { Diagnostic } from '../domain/types';
import type { ReadOptions } from './read';
import type { Table } from './table';

/** The state of one read: the table, its data rows, and the diagnostics being collected. */
export interface ReadContext {
  table: Table;
  /** 0-based indexes of the data rows. */
  dataRows: readonly number[];
  diagnostics: Diagnostic[];
  locale: 'fr' | 'en';
  localeReason: string;
  options: ReadOptions;
}
