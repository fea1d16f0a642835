import type { CaseStore } from '../../src/main/engine/store/case-store';
import { orderClause } from '../../src/main/engine/store/query-sql';
import type { EventQuery } from '../../src/shared/query';

/** What query() must return, straight from SQL: the hits looked up by `id IN (SELECT docid ... MATCH)`. */
export function uncachedQuery(store: CaseStore, q: EventQuery): { total: number; ids: string[] } {
  const { sql, params } = store.where(q);
  return store.withDb((db) => {
    const total = Number(db.exec(`SELECT count(*) FROM events ${sql}`, params)[0].values[0][0]);
    const res = db.exec(`SELECT id FROM events ${sql} ${orderClause(q)} LIMIT ? OFFSET ?`, [...params, q.limit ?? 100, q.offset ?? 0])[0];
    return { total, ids: (res?.values ?? []).map((r) => String(r[0])) };
  });
}
