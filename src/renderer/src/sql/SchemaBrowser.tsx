// The case's tables and their columns, read through the console itself; a click (or Enter) on a name
// puts it into the statement at the cursor.
import { useEffect, useState } from 'react';
import { useBackend } from '../api/BackendContext';
import { errorMessage } from '../util/format';
import { SQL_ROW_CAP } from '../../../shared/sql';

// pragma_table_info as a table: one SELECT, so the console's read-only check lets it through.
export const SCHEMA_SQL = `SELECT m.name, p.name, p.type FROM sqlite_master m, pragma_table_info(m.name) p
WHERE m.type IN ('table', 'view') AND m.name NOT LIKE 'sqlite_%' ORDER BY m.name, p.cid`;

interface Table {
  name: string;
  columns: { name: string; type: string }[];
}

export function SchemaBrowser({ onInsert }: { onInsert(name: string): void }) {
  const { api } = useBackend();
  const [tables, setTables] = useState<Table[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .runSql({ sql: SCHEMA_SQL, offset: 0, limit: SQL_ROW_CAP })
      .then((r) => {
        const byName = new Map<string, Table>();
        for (const [t, c, type] of r.rows) {
          const name = String(t);
          if (!byName.has(name)) byName.set(name, { name, columns: [] });
          byName.get(name)!.columns.push({ name: String(c), type: String(type ?? '') });
        }
        setTables([...byName.values()]);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [api]);

  return (
    <nav className="sql-schema" aria-label="Tables and columns" data-testid="sql-schema">
      {error && <div className="form-error">{error}</div>}
      {!tables && !error && <div className="muted small">loading…</div>}
      {tables?.map((t) => (
        <details key={t.name} open={t.name === 'events'}>
          <summary>
            <button className="link mono" data-testid="schema-table" data-name={t.name} onClick={() => onInsert(t.name)} title={`Insert ${t.name}`}>
              {t.name}
            </button>
          </summary>
          <ul>
            {t.columns.map((c) => (
              <li key={c.name}>
                <button
                  className="link mono"
                  data-testid="schema-column"
                  data-table={t.name}
                  data-name={c.name}
                  onClick={() => onInsert(c.name)}
                  title={`Insert ${c.name}`}
                >
                  {c.name}
                </button>{' '}
                <span className="muted small">{c.type}</span>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </nav>
  );
}
