// Read-only SQL console under the timeline: a statement in monaco (Ctrl+Enter runs), its rows in a
// virtualized grid fetched a page at a time from the engine's kept result. Toggled with SQL or Alt+Q.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { SQL_PAGE, SQL_ROW_CAP, type SqlResult, type SqlValue } from '../../../shared/sql';
import { useBackend } from '../api/BackendContext';
import { errorMessage, fmtCount } from '../util/format';
import { SqlEditor } from './SqlEditor';
import { SchemaBrowser } from './SchemaBrowser';
import { cellText, idColumn, resultCsv, resultTsv } from './sql-text';
import { downloadText } from './download';
import { useReturnFocus } from '../util/useReturnFocus';
import './sql.css';

const ROW_HEIGHT = 24;
const START = `SELECT s.vendor, e.action, count(*) AS events
FROM events e JOIN sources s ON s.id = e.src
GROUP BY 1, 2 ORDER BY events DESC LIMIT 50`;

interface Run {
  sql: string;
  columns: string[];
  total: number;
  truncated: boolean;
  pages: Map<number, SqlValue[][]>;
  /** The case's revision when it ran. */
  revision: number;
}

interface Props {
  revision: number;
  onClose(): void;
  /** Opens an event (by id) in the detail pane, as the timeline does. */
  onOpenEvent(id: string): void;
}

export function SqlConsole({ revision, onClose, onOpenEvent }: Props) {
  const { api } = useBackend();
  useReturnFocus();
  const text = useRef(START);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [, setLoaded] = useState(0);
  const requested = useRef(new Set<number>());
  const [showSchema, setShowSchema] = useState(false);
  const insert = useRef<((t: string) => void) | null>(null);
  /** The cell the keyboard is on: arrows move it, Ctrl+C copies it, Enter opens its row's event. */
  const [cursor, setCursor] = useState<{ row: number; col: number } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const latestRevision = useRef(revision);
  latestRevision.current = revision;

  const execute = useCallback(
    (sql: string) => {
      setBusy(true);
      setError(null);
      api
        .runSql({ sql, offset: 0, limit: SQL_PAGE })
        .then((r: SqlResult) => {
          requested.current = new Set([0]);
          setCursor(null);
          setNotice(null);
          setRun({ sql, columns: r.columns, total: r.total, truncated: r.truncated, pages: new Map([[0, r.rows]]), revision: latestRevision.current });
        })
        .catch((e: unknown) => {
          setRun(null);
          setError(errorMessage(e));
        })
        .finally(() => setBusy(false));
    },
    [api],
  );

  // The case changed since the run: say so rather than silently showing an older state of it.
  const stale = run !== null && revision !== run.revision;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: run?.total ?? 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    if (!run) return;
    for (let page = Math.floor(first / SQL_PAGE); page <= Math.floor(last / SQL_PAGE); page++) {
      if (requested.current.has(page)) continue;
      requested.current.add(page);
      void api
        .runSql({ sql: run.sql, offset: page * SQL_PAGE, limit: SQL_PAGE })
        .then((r) => {
          run.pages.set(page, r.rows);
          setLoaded((n) => n + 1);
        })
        .catch((e: unknown) => setError(errorMessage(e)));
    }
  }, [api, run, first, last]);

  // Copy and export take every kept row, not just the pages scrolled through.
  const everyRow = useCallback(async (r: Run) => (await api.runSql({ sql: r.sql, offset: 0, limit: SQL_ROW_CAP })).rows, [api]);
  const copy = useCallback(
    (text: string, what: string) =>
      navigator.clipboard.writeText(text).then(
        () => setNotice(`copied ${what}`),
        (e: unknown) => setError(`Could not copy: ${errorMessage(e)}`),
      ),
    [],
  );
  const copyResult = () => {
    if (!run) return;
    void everyRow(run)
      .then((rows) => copy(resultTsv(run.columns, rows), `${fmtCount(rows.length)} row${rows.length === 1 ? '' : 's'} as TSV`))
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  const exportCsv = () => {
    if (!run) return;
    void everyRow(run)
      .then((rows) => {
        downloadText('sql-result.csv', resultCsv(run.columns, rows), 'text/csv');
        setNotice(`exported ${fmtCount(rows.length)} row${rows.length === 1 ? '' : 's'} as sql-result.csv`);
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  };
  const rowAt = (i: number) => run?.pages.get(Math.floor(i / SQL_PAGE))?.[i % SQL_PAGE];
  const idCol = run ? idColumn(run.columns) : -1;
  const openRow = (i: number) => {
    const v = rowAt(i)?.[idCol];
    if (idCol >= 0 && v !== null && v !== undefined) onOpenEvent(String(v));
  };
  const onGridKey = (e: React.KeyboardEvent) => {
    if (!run || run.total === 0) return;
    const cols = run.columns.length;
    const at = cursor ?? { row: 0, col: 0 };
    const moves: Record<string, [number, number]> = { ArrowDown: [1, 0], ArrowUp: [-1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };
    const move = moves[e.key];
    if (move) {
      e.preventDefault();
      const next = cursor ? { row: Math.min(run.total - 1, Math.max(0, at.row + move[0])), col: Math.min(cols - 1, Math.max(0, at.col + move[1])) } : at;
      setCursor(next);
      virtualizer.scrollToIndex(next.row);
    } else if (e.key === 'Enter' && cursor) {
      e.preventDefault();
      openRow(cursor.row);
    } else if ((e.ctrlKey || e.metaKey) && e.key === 'c' && cursor) {
      const v = rowAt(cursor.row)?.[cursor.col];
      if (v === undefined) return;
      e.preventDefault();
      void copy(v === null ? '' : cellText(run.columns[cursor.col], v), 'one cell');
    }
  };

  const grid = run ? `56px repeat(${Math.max(run.columns.length, 1)}, minmax(110px, 1fr))` : '';
  return (
    <section className="sql-console" data-testid="sql-console" aria-label="SQL console">
      <header className="sql-head">
        <b>SQL</b>
        <span className="muted small">read-only copy of the case · one SELECT, WITH or EXPLAIN · Ctrl+Enter runs</span>
        <span className="spacer" />
        <button data-testid="sql-schema-toggle" aria-pressed={showSchema} onClick={() => setShowSchema((v) => !v)} title="Tables and columns of the case">
          Schema
        </button>
        <button data-testid="sql-copy" disabled={!run} onClick={copyResult} title="Copy the whole result as tab-separated text">
          Copy
        </button>
        <button data-testid="sql-export" disabled={!run} onClick={exportCsv} title="Save the result as CSV (formula-like cells neutralised)">
          Export CSV
        </button>
        {busy ? (
          // The statement runs in its own thread; cancelling ends it (the timeline never waited for it).
          <button data-testid="sql-cancel" onClick={() => void api.cancelSql()}>
            Cancel
          </button>
        ) : (
          <button data-testid="sql-run" onClick={() => execute(text.current)}>
            Run
          </button>
        )}
        <button className="icon" onClick={onClose} title="Close (Alt+Q)" aria-label="Close SQL console">
          ×
        </button>
      </header>
      {/* The schema browser runs down beside the editor and the result: beside the editor alone it
          showed three columns at 1280×800. */}
      <div className="sql-body">
        <div className="sql-work">
          <SqlEditor initial={START} onChange={(t) => (text.current = t)} onRun={execute} insertRef={insert} />
          {error && (
            <div className="form-error sql-error" role="alert" data-testid="sql-error">
              {error}
            </div>
          )}
          <div className="sql-status muted small" data-testid="sql-status" data-total={run?.total ?? ''} data-truncated={run?.truncated ?? ''}>
            {busy
              ? 'running… (the rest of the app keeps working; Cancel stops it)'
              : run
                ? `${fmtCount(run.total)} row${run.total === 1 ? '' : 's'}${run.truncated ? ` (only the first ${fmtCount(SQL_ROW_CAP)} are kept: add a LIMIT or narrow the query)` : ''}${stale ? ' · the case changed since: run again' : ''}`
                : error
                  ? ''
                  : 'no result yet'}
            {notice && <span data-testid="sql-notice"> · {notice}</span>}
            {idCol >= 0 && <span> · double-click or Enter on a row opens its event</span>}
          </div>
          {run && (
            <div className="sql-grid" style={{ ['--sql-grid' as string]: grid }}>
              <div className="sql-row sql-header" role="row">
                <span className="sql-cell muted">#</span>
                {run.columns.map((c, i) => (
                  <span key={i} className="sql-cell" role="columnheader" title={c}>
                    {c}
                  </span>
                ))}
              </div>
              <div
                ref={scrollRef}
                className="sql-scroll"
                tabIndex={0}
                onKeyDown={onGridKey}
                role="grid"
                aria-rowcount={run.total}
                aria-label="SQL result"
                data-testid="sql-result"
              >
                <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
                  {items.map((it) => {
                    const row = run.pages.get(Math.floor(it.index / SQL_PAGE))?.[it.index % SQL_PAGE];
                    return (
                      <div
                        key={it.index}
                        className="sql-row"
                        role="row"
                        data-testid="sql-row"
                        data-index={it.index}
                        style={{ transform: `translateY(${it.start}px)` }}
                        onDoubleClick={() => openRow(it.index)}
                      >
                        <span className="sql-cell muted mono">{it.index + 1}</span>
                        {row ? (
                          row.map((v, i) => {
                            const shown = cellText(run.columns[i], v);
                            const active = cursor?.row === it.index && cursor.col === i;
                            return (
                              <span
                                key={i}
                                className={`sql-cell mono${v === null ? ' muted' : ''}${active ? ' sql-active' : ''}`}
                                role="gridcell"
                                aria-selected={active}
                                data-col={i}
                                title={shown === String(v) ? shown : `${shown} (stored as ${String(v)})`}
                                onClick={() => setCursor({ row: it.index, col: i })}
                              >
                                {shown}
                              </span>
                            );
                          })
                        ) : (
                          <span className="sql-cell">
                            <span className="skeleton" />
                          </span>
                        )}
                      </div>
                    );
                  })}
                </div>
                {run.total === 0 && <div className="tl-empty">The statement returned no rows.</div>}
              </div>
            </div>
          )}
        </div>
        {showSchema && <SchemaBrowser onInsert={(name) => insert.current?.(name)} />}
      </div>
    </section>
  );
}
