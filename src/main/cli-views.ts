// `auditdesk sql` and `auditdesk views`: the SQL console and the saved views list from the shell.
import type { EngineClient } from './engine/worker/engine-client';
import type { Values } from './cli';
import { SQL_ROW_CAP, type SqlValue } from '../shared/sql';
import { conditionLabel } from '../shared/query';

type UsageErrorClass = new (message: string) => Error;

/** Tab-separated cells: tabs and line breaks inside a value are escaped so each row stays one line. */
const tsvCell = (v: SqlValue): string => (v === null ? '' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n'));

/** A statement running longer than this (seconds) is stopped unless --timeout says otherwise. */
export const SQL_TIMEOUT_DEFAULT = 60;

export async function cmdSql(engine: EngineClient, casePath: string, rest: string[], v: Values, UsageError: UsageErrorClass): Promise<number> {
  if (rest.length !== 1 || !rest[0].trim()) throw new UsageError('sql needs exactly one statement, in quotes');
  const seconds = v.timeout === undefined ? SQL_TIMEOUT_DEFAULT : Number(v.timeout);
  if (!/^\d+(\.\d+)?$/.test(v.timeout ?? '0') || !(seconds > 0)) throw new UsageError(`--timeout takes a number of seconds above 0, got "${v.timeout}"`);
  await engine.api.openCase({ path: casePath });
  // sql.js cannot be interrupted inside a statement: cancelSql ends the SQL thread it runs in.
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void engine.api.cancelSql().catch(() => undefined);
  }, seconds * 1000);
  let r;
  try {
    r = await engine.api.runSql({ sql: rest[0], limit: SQL_ROW_CAP });
  } catch (e) {
    if (!timedOut) throw e;
    throw new Error(`the statement ran longer than ${seconds} s and was stopped (--timeout ${seconds}); narrow it, add a LIMIT, or allow more time with --timeout SECONDS`);
  } finally {
    clearTimeout(timer);
  }
  if (v.json) process.stdout.write(`${JSON.stringify({ columns: r.columns, rows: r.rows, truncated: r.truncated })}\n`);
  else process.stdout.write([r.columns, ...r.rows].map((row) => row.map(tsvCell).join('\t')).join('\n') + '\n');
  if (r.truncated) process.stderr.write(`auditdesk: only the first ${SQL_ROW_CAP} rows are shown; add a LIMIT or narrow the query\n`);
  return 0;
}

export async function cmdViews(engine: EngineClient, casePath: string, v: Values): Promise<number> {
  await engine.api.openCase({ path: casePath });
  const views = await engine.api.listViews();
  if (v.json) {
    process.stdout.write(`${JSON.stringify({ views })}\n`);
    return 0;
  }
  const lines = views.map((view) => {
    const f = view.state.filters;
    const parts = [
      ...f.chips.map(conditionLabel),
      ...Object.entries(f.columns).map(([k, val]) => `${k} ~ ${val}`),
      f.text && `text "${f.text}"`,
      f.search && `search ${f.search}`,
      f.from && `from ${f.from}`,
      f.to && `to ${f.to}`,
      f.tag && `tag ${f.tag}`,
      f.bookmarked && 'bookmarked',
      f.noted && 'noted',
      f.order === 'desc' && 'newest first',
    ].filter(Boolean);
    return `${view.name}\t${parts.join(', ') || 'all events'}`;
  });
  process.stdout.write(`${lines.length ? lines.join('\n') : 'no saved views'}\n`);
  return 0;
}
