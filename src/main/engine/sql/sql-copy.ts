// The SQL console's connection, inside the SQL worker: a private copy of the case database with
// query_only set, made from the live database's bytes. A statement that got past the text check
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

export class SqlCopy {
  private db: Database | null = null;
  private kept: Kept | null = null;

  async load(bytes: Uint8Array): Promise<void> {
    this.close();
    const SQL = await loadSqlJs();
    this.db = new SQL.Database(bytes);
    this.db.run('PRAGMA query_only = 1');
  }

  /** A page of the statement's rows; the rows (up to SQL_ROW_CAP) are kept while its pages are read. */
  run(p: { sql: string; offset?: number; limit?: number }): SqlResult {
    if (!this.db) throw new Error('the SQL console has no copy of the case loaded');
    const sql = String(p.sql ?? '');
    assertReadOnly(sql);
    if (this.kept?.sql !== sql) this.kept = { sql, ...execute(this.db, sql) };
    const offset = Math.max(0, Math.floor(p.offset ?? 0));
    const limit = Math.min(Math.max(1, Math.floor(p.limit ?? SQL_PAGE)), SQL_ROW_CAP);
    const k = this.kept;
    return { columns: k.columns, rows: k.rows.slice(offset, offset + limit), offset, total: k.rows.length, truncated: k.truncated };
  }

  close(): void {
    this.db?.close();
    this.db = null;
    this.kept = null;
  }
}

function execute(db: Database, sql: string): Omit<Kept, 'sql'> {
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
