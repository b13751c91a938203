/**
 * The public door of `sheet/`: host-agnostic tables in, a `Ledger` out.
 */
export { readLedger, type ColumnMapping, type DateRole, type ReadOptions, type ReadResult } from './read';
export type { Cell, CellError, Table } from './table';
export { columnLetter, isCellError } from './table';
export { ROLES, ROLE_LABELS, roleNames, type BucketColumn, type MappedColumn, type Role } from './mapping';
export type { DateOrder, DateOrderChoice } from './dates';
export { bucketFromHeader } from './buckets';
