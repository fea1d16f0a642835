// What the store tells a copy of its events kept elsewhere (the column engine) about each write, so
// the copy never answers from rows a transaction has not committed or has rewritten.
export interface ColumnHooks {
  /** A write transaction committed: its appended and rewritten rows are in the table now. */
  committed(): void;
  /** The open transaction rewrites rows of this source (null: rows of any source, some other way). */
  rewritten(src: number | null): void;
  rolledBack(): void;
}
