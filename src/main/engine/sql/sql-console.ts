// The SQL console's connection: a private copy of the case database with query_only set, made from
// the live database's bytes and kept until the case changes. A statement that got past the text check
// (read-only-check.ts) still cannot change the case: it only ever sees the copy, which refuses writes.
import type { Database } from 'sql.js';
import { SQL_PAGE, SQL_ROW_CAP, type SqlResult, type SqlValue } from '../../../shared/sql';
import { loadSqlJs } from '../store/sqljs';
import { assertReadOnly } from './read-only-check';

interface Kept {
  sql: string;
  columns: string[];
  rows: SqlValue[][];
  truncated: boolean;
}

function cell(v: unknown): SqlValue {
  if (v == null) return null;
  if (v instanceof Uint8Array) return `<blob ${v.length} bytes>`;
  return typeof v === 'number' ? v : String(v);
}

export class SqlConsole {
  private copy: Database | null = null;
  private copyKey: unknown = null;
  private kept: Kept | null = null;

  /** key says which state of the case the copy shows; bytes() is called only when it changed. */
  async run(p: { sql: string; offset?: number; limit?: number }, key: unknown, bytes: () => Promise<Uint8Array>): Promise<SqlResult> {
    const sql = String(p.sql ?? '');
    assertReadOnly(sql);
    if (this.copyKey !== key || !this.copy) {
      this.close();
      const SQL = await loadSqlJs();
      this.copy = new SQL.Database(await bytes());
      this.copy.run('PRAGMA query_only = 1');
      this.copyKey = key;
    }
    if (this.kept?.sql !== sql) this.kept = { sql, ...this.execute(this.copy, sql) };
    const offset = Math.max(0, Math.floor(p.offset ?? 0));
    const limit = Math.min(Math.max(1, Math.floor(p.limit ?? SQL_PAGE)), SQL_ROW_CAP);
    const k = this.kept;
    return { columns: k.columns, rows: k.rows.slice(offset, offset + limit), offset, total: k.rows.length, truncated: k.truncated };
  }

  private execute(db: Database, sql: string): Omit<Kept, 'sql'> {
    let stmt;
    try {
      stmt = db.prepare(sql);
    } catch (e) {
      throw new Error(`SQL error: ${(e as Error).message}`);
    }
    try {
      const columns = stmt.getColumnNames();
      const rows: SqlValue[][] = [];
      let truncated = false;
      while (stmt.step()) {
        if (rows.length === SQL_ROW_CAP) {
          truncated = true;
          break;
        }
        rows.push(stmt.get().map(cell));
      }
      return { columns, rows, truncated };
    } catch (e) {
      throw new Error(`SQL error: ${(e as Error).message}`);
    } finally {
      stmt.free();
    }
  }

  close(): void {
    this.copy?.close();
    this.copy = null;
    this.kept = null;
    this.copyKey = null;
  }
}
