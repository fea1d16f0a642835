// `auditdesk sql`: the SQL console from the shell: one read-only statement, stopped after --timeout.
import { UsageError, type Command } from './command';
import { SQL_ROW_CAP, type SqlValue } from '../../shared/sql';

/** Tab-separated cells: tabs and line breaks inside a value are escaped so each row stays one line. */
const tsvCell = (v: SqlValue): string => (v === null ? '' : String(v).replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\r?\n/g, '\\n'));

/** A statement running longer than this (seconds) is stopped unless --timeout says otherwise. */
export const SQL_TIMEOUT_DEFAULT = 60;

export const sqlCommand: Command = {
  name: 'sql',
  usage: `sql CASE "SELECT ..." [--timeout SECONDS] [--json]
                    one read-only statement (SELECT, WITH, EXPLAIN); tab-separated; stopped after
                    SECONDS (default 60)`,
  async run({ engine, casePath, rest, v }) {
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
      throw new Error(
        `the statement ran longer than ${seconds} s and was stopped (--timeout ${seconds}); narrow it, add a LIMIT, or allow more time with --timeout SECONDS`,
      );
    } finally {
      clearTimeout(timer);
    }
    if (v.json) process.stdout.write(`${JSON.stringify({ columns: r.columns, rows: r.rows, truncated: r.truncated })}\n`);
    else process.stdout.write([r.columns, ...r.rows].map((row) => row.map(tsvCell).join('\t')).join('\n') + '\n');
    if (r.truncated) process.stderr.write(`auditdesk: only the first ${SQL_ROW_CAP} rows are shown; add a LIMIT or narrow the query\n`);
    return 0;
  },
};
