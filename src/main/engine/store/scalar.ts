import type { Database } from 'sql.js';

/** The first value of the first row a statement returns, or null. */
export function scalar(db: Database, sql: string, params: (string | number | null)[] = []): unknown {
  return db.exec(sql, params)[0]?.values[0]?.[0] ?? null;
}
