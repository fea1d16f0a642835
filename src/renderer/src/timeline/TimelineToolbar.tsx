import { fmtCount } from '../util/format';
import type { TimelineFilters } from './filters';
import { isFiltered, usableBound } from './filters';
import { useRef } from 'react';
import type { QuerySyntaxError } from '../../../shared/ql';

/** The query as typed, a caret under the character the parser stopped at, and why. */
function QueryError({ text, error }: { text: string; error: QuerySyntaxError }) {
  return (
    <div className="query-error" id="query-error" role="alert" data-testid="query-error" data-offset={error.offset}>
      <pre className="mono">
        {text}
        {'\n'}
        {' '.repeat(error.offset)}^
      </pre>
      <span>
        character {error.offset + 1}: {error.reason} <span className="muted">(the results below are still those of the last valid query)</span>
      </span>
    </div>
  );
}
import { useAltKey } from '../annotations/useAltKey';
import { useDisplayZone } from '../timezone/DisplayZoneContext';

interface Props {
  filters: TimelineFilters;
  /** The filter box's syntax error, shown under it with a caret at its position. */
  syntax: QuerySyntaxError | null;
  total: number | null;
  caseEvents: number;
  loading: boolean;
  onChange(next: Partial<TimelineFilters>): void;
  onClear(): void;
  onExport(): void;
}

export function TimelineToolbar({ filters, syntax, total, caseEvents, loading, onChange, onClear, onExport }: Props) {
  const filtered = isFiltered(filters);
  const searchRef = useRef<HTMLInputElement>(null);
  // A time typed without a zone means the display zone; UTC keeps the Z of the ISO form.
  const { zone } = useDisplayZone();
  const inZone = zone === 'UTC' ? 'Z' : ` (${zone === 'local' ? 'local' : zone})`;
  // A bound not (yet) a time is marked, and left out of the query (toQuery).
  const notYet = (text: string) =>
    text.trim() !== '' && usableBound(text, zone) === null ? 'Not a date or time yet: it is left out of the filter (e.g. 2026-03-01T10:00)' : undefined;
  const fromProblem = notYet(filters.from);
  const toProblem = notYet(filters.to);
  useAltKey('s', () => searchRef.current?.focus());
  return (
    <div className="tl-toolbar">
      <input
        ref={searchRef}
        className="search-box mono"
        type="search"
        data-testid="search-box"
        aria-label="Search raw records"
        placeholder='Search raw records: word "a phrase" prefix*   (Alt+S)'
        value={filters.search}
        onChange={(e) => onChange({ search: e.target.value })}
        spellCheck={false}
      />
      <span className="filter-wrap">
        <input
          className="filter-box mono"
          type="search"
          data-testid="filter-box"
          aria-label="Filter query"
          aria-invalid={syntax ? true : undefined}
          aria-describedby={syntax ? 'query-error' : undefined}
          placeholder='Filter: words, field:value, "a phrase", AND OR NOT -, (…), *, /re/, time:[a TO b}'
          value={filters.text}
          onChange={(e) => onChange({ text: e.target.value })}
          spellCheck={false}
        />
      </span>
      <label className="range">
        from
        <input
          className="mono"
          data-testid="filter-from"
          aria-invalid={fromProblem ? true : undefined}
          title={fromProblem}
          placeholder={`YYYY-MM-DDThh:mm${inZone}`}
          value={filters.from}
          onChange={(e) => onChange({ from: e.target.value })}
          spellCheck={false}
        />
      </label>
      <label className="range">
        to
        <input
          className="mono"
          data-testid="filter-to"
          aria-invalid={toProblem ? true : undefined}
          title={toProblem}
          placeholder={`YYYY-MM-DD${zone === 'UTC' ? '' : inZone} (exclusive)`}
          value={filters.to}
          onChange={(e) => onChange({ to: e.target.value })}
          spellCheck={false}
        />
      </label>
      {filtered && (
        <button onClick={onClear} data-testid="filter-clear">
          Clear filters
        </button>
      )}
      <span className="spacer" />
      <button onClick={onExport} disabled={!total} data-testid="export-open" title="Export these events as evidence with a manifest">
        Export…
      </button>
      {loading && <span className="spinner" aria-label="loading" />}
      {syntax && <QueryError text={filters.text} error={syntax} />}
      <span className="match-count" data-testid="match-count" data-total={total ?? ''}>
        {total === null ? 'counting…' : filtered ? `${fmtCount(total)} of ${fmtCount(caseEvents)} events match` : `${fmtCount(total)} events`}
      </span>
    </div>
  );
}
