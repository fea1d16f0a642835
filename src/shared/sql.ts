// The SQL console's result: one page of a read-only query's rows.

/** Rows kept of one result; a query returning more says so (truncated). */
export const SQL_ROW_CAP = 10_000;
export const SQL_PAGE = 500;

export type SqlValue = string | number | null;

export interface SqlResult {
  columns: string[];
  /** Rows from offset, at most limit of them. */
  rows: SqlValue[][];
  offset: number;
  /** Rows kept (at most SQL_ROW_CAP). */
  total: number;
  /** The statement returned more rows than SQL_ROW_CAP. */
  truncated: boolean;
}
