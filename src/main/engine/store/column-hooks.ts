// What the store tells a copy of its events kept elsewhere (the column engine) about each write, so
// the copy never answers from rows a transaction has not committed or has rewritten.
export interface ColumnHooks {
  /** The open transaction inserted this row (values as event-writer.ts's insert takes them). */
  inserted(id: number, src: number, nums: Float64Array, n: number, strs: readonly (string | null)[], s: number): void;
  /** A write transaction committed: its appended and rewritten rows are in the table now. */
  committed(): void;
  /** The open transaction rewrites rows of this source (null: rows of any source, some other way). */
  rewritten(src: number | null): void;
  rolledBack(): void;
}
