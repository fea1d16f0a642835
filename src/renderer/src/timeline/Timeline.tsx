// The main view: every event of the case in time order, virtualized over any number of rows.
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { EventRow } from '../../../shared/event';
import { useBackend } from '../api/BackendContext';
import { useDebounced } from '../util/useDebounced';
import { gridTemplate, type ColumnId } from './columns';
import { EMPTY_FILTERS, queryMeaning, toQuery, type TimelineFilters } from './filters';
import { TimelineHeader } from './TimelineHeader';
import { TimelineRow } from './TimelineRow';
import { TimelineToolbar } from './TimelineToolbar';
import { usePagedRows } from './usePagedRows';
import { useScaledVirtualizer } from './useScaledVirtualizer';
import { useTimelineKeys } from './useTimelineKeys';
import type { Condition } from '../../../shared/query';
import { sameCondition } from '../../../shared/query';
import { tryParseQuery } from '../../../shared/ql';
import { negateClause, removeClause, withValue, type FilterMode } from '../../../shared/ql-text';
import { Overview } from '../investigate/Overview';
import { FilterChips } from '../investigate/FilterChips';
import { ExportDialog } from '../export/ExportDialog';
import { useDisplayZone } from '../timezone/DisplayZoneContext';
import { boundInZone, rezoneBound } from '../../../shared/display-zone';
import { Banner } from '../util/Banner';
import { registerTimeline } from './timelineFocus';
import { useDetailPlace } from './useDetailPlace';

export const ROW_HEIGHT = 28;
/** Rows of a full-text search carry a second line: where the raw record matched. */
export const SEARCH_ROW_HEIGHT = 48;

interface Props {
  revision: number;
  caseEvents: number;
  vendors: string[];
  /** Id of the event shown in the detail panel, or null when it is closed. */
  detailId: string | null;
  onDetail(row: EventRow | null): void;
  /** True while the event in the panel is not in the current filter (the panel says so). */
  onDetailOutside(outside: boolean): void;
  /** The filters live with the app, so the annotations panel and saved views can set them. */
  filters: TimelineFilters;
  setFilters: Dispatch<SetStateAction<TimelineFilters>>;
  /** Columns not shown (saved with views); their cells stay in the DOM, hidden by CSS. */
  hiddenColumns: ColumnId[];
}

export function Timeline({ revision, caseEvents, vendors, detailId, onDetail, onDetailOutside, filters, setFilters, hiddenColumns }: Props) {
  const { api } = useBackend();
  const debounced = useDebounced(filters, 250);
  const { zone } = useDisplayZone();
  const built = useMemo(() => toQuery(debounced, zone), [debounced, zone]);
  // Switching the zone rewrites the from/to boxes as the same instants: the query stays the same
  // object then, so nothing is fetched again and the selection stays.
  const stable = useRef(built);
  // A query with a syntax error is shown with its position and never sent: the previous results stay.
  const syntax = useMemo(() => tryParseQuery(filters.text).error, [filters.text]);
  const debouncedOk = useMemo(() => !tryParseQuery(debounced.text).error, [debounced.text]);
  if (debouncedOk && queryMeaning(stable.current) !== queryMeaning(built)) stable.current = built;
  const query = stable.current;
  // The from/to boxes show times in the display zone: switching it rewrites them as the same instants.
  const boxZone = useRef(zone);
  useEffect(() => {
    const prev = boxZone.current;
    boxZone.current = zone;
    if (prev !== zone) setFilters((f) => (f.from || f.to ? { ...f, from: rezoneBound(f.from, prev, zone), to: rezoneBound(f.to, prev, zone) } : f));
  }, [zone, setFilters]);
  const rows = usePagedRows(api, query, revision, true);
  // Until the new filter is applied and counted, the old rows stay, dimmed, with "counting…".
  const typing = !syntax && queryMeaning(toQuery(filters, zone)) !== queryMeaning(query);
  const pending = typing || rows.pending;
  const count = rows.shownTotal ?? 0;

  const scrollRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    registerTimeline(scrollRef.current);
    return () => registerTimeline(null);
  }, []);
  const rowHeight = query.search ? SEARCH_ROW_HEIGHT : ROW_HEIGHT;
  const sv = useScaledVirtualizer(scrollRef, count, rowHeight);
  const items = sv.virtualizer.getVirtualItems();
  const [selected, setSelected] = useState<number | null>(null);
  const [exporting, setExporting] = useState(false);

  // A new result set starts at its top with nothing selected.
  const queryKey = JSON.stringify(query);
  useEffect(() => {
    setSelected(null);
    scrollRef.current?.scrollTo({ top: 0 });
  }, [queryKey]);

  const firstIndex = items.length ? items[0].index : 0;
  const lastIndex = items.length ? items[items.length - 1].index : 0;
  const { requestRange } = rows;
  useEffect(() => {
    if (count > 0) requestRange(firstIndex, lastIndex);
  }, [firstIndex, lastIndex, count, requestRange]);

  const firstVisible = Math.min(count - 1, Math.ceil(sv.windowVirtualTop / rowHeight));
  const pageRows = Math.max(1, Math.floor(sv.viewportHeight / rowHeight) - 1);

  const scrollIntoView = useCallback(
    (index: number) => {
      const top = index * rowHeight;
      const bottom = top + rowHeight;
      const vt = sv.windowVirtualTop;
      if (top < vt) sv.scrollToVirtual(top, 'up');
      else if (bottom > vt + sv.viewportHeight) sv.scrollToVirtual(bottom - sv.viewportHeight, 'down');
    },
    [sv, rowHeight],
  );

  const select = useCallback(
    (index: number) => {
      setSelected(index);
      scrollIntoView(index);
    },
    [scrollIntoView],
  );

  // The detail panel follows the selection while it is open; only a change of selection moves it, so
  // the panel can also show an event opened from elsewhere (a trace or history step).
  const selectedRow = selected !== null ? rows.getRow(selected) : undefined;
  const followed = useRef<string | null>(null);
  useEffect(() => {
    const id = selectedRow?.id ?? null;
    if (id === followed.current) return;
    followed.current = id;
    if (detailId !== null && selectedRow && selectedRow.id !== detailId) onDetail(selectedRow);
  }, [selectedRow, detailId, onDetail]);

  const place = useDetailPlace({
    api,
    query,
    total: rows.total,
    detailId,
    selectedId: selectedRow?.id ?? null,
    indexOf: rows.indexOf,
    select,
    clear: () => setSelected(null),
  });
  useEffect(() => onDetailOutside(place === 'outside'), [place, onDetailOutside]);

  const toggleExpand = useCallback(() => {
    if (detailId !== null) onDetail(null);
    else if (selectedRow) onDetail(selectedRow);
  }, [detailId, selectedRow, onDetail]);

  const onKeyDown = useTimelineKeys({ count, selected, pageRows, firstVisible, select, toggleExpand });

  const onRowClick = useCallback(
    (index: number) => {
      setSelected(index);
      const row = rows.getRow(index);
      if (row) onDetail(row);
    },
    [rows, onDetail],
  );

  // Chips show the query applied; with a syntax error in the box, a chip edit starts from that query.
  const applied = query.q ?? '';
  const editQuery = useCallback(
    (edit: (text: string) => string) => setFilters((f) => ({ ...f, text: edit(tryParseQuery(f.text).error ? applied : f.text) })),
    [setFilters, applied],
  );
  // Values from facets and cells become clauses of the query text (chips are views of it).
  const addChip = useCallback((c: Condition, mode: FilterMode = 'for') => editQuery((t) => withValue(t, c.field, c.value, mode)), [editQuery]);
  const removeChip = useCallback(
    (c: Condition) => setFilters((f) => ({ ...f, chips: f.chips.filter((x) => !sameCondition(x, c)) })),
    [setFilters],
  );

  const onColumn = useCallback(
    (id: ColumnId, value: string) => setFilters((f) => ({ ...f, columns: { ...f.columns, [id]: value } })),
    [setFilters],
  );

  return (
    <div
      className="timeline"
      data-testid="timeline"
      data-hide={hiddenColumns.join(' ')}
      style={{ ['--tl-grid' as string]: gridTemplate(hiddenColumns), ['--scrollbar' as string]: `${sv.scrollbarWidth}px` }}
    >
      <TimelineToolbar
        filters={filters}
        syntax={syntax}
        total={pending ? null : rows.total}
        caseEvents={caseEvents}
        loading={rows.loading}
        onChange={(next) => setFilters((f) => ({ ...f, ...next }))}
        onClear={() => setFilters((f) => ({ ...EMPTY_FILTERS, order: f.order }))}
        onExport={() => setExporting(true)}
      />
      <FilterChips
        query={applied}
        onNegate={(k) => editQuery((t) => negateClause(t, k))}
        onRemoveClause={(k) => editQuery((t) => removeClause(t, k))}
        chips={filters.chips}
        onRemove={removeChip}
        annotations={filters}
        onRemoveAnnotation={(k) => setFilters((f) => ({ ...f, [k]: k === 'tag' ? '' : false }))}
      />
      <Overview
        query={query}
        revision={revision}
        pending={typing}
        onChip={addChip}
        onRange={(from, to) => setFilters((f) => ({ ...f, from: boundInZone(from, zone), to: boundInZone(to, zone) }))}
        onResetRange={() => setFilters((f) => ({ ...f, from: '', to: '' }))}
      />
      {exporting && (
        <ExportDialog
          query={query}
          matching={rows.total}
          selectedId={selectedRow?.id ?? null}
          onClose={() => {
            setExporting(false);
            scrollRef.current?.focus();
          }}
        />
      )}
      {rows.error && <Banner message={rows.error} testId="timeline-error" />}
      <TimelineHeader
        filters={filters}
        vendors={vendors}
        onColumn={onColumn}
        onToggleOrder={() => setFilters((f) => ({ ...f, order: f.order === 'asc' ? 'desc' : 'asc' }))}
      />
      <div
        ref={scrollRef}
        className={`tl-scroll${pending ? ' pending' : ''}`}
        tabIndex={0}
        aria-busy={pending}
        role="grid"
        aria-rowcount={count}
        aria-label="Timeline"
        data-testid="timeline-scroll"
        data-selected={selected ?? ''}
        data-pending={pending}
        onKeyDown={onKeyDown}
      >
        {pending && rows.shownTotal !== null && (
          <div className="tl-pending" data-testid="timeline-pending">
            <span>counting…</span>
          </div>
        )}
        <div className="tl-spacer" style={{ height: sv.scale.realHeight }}>
          <div className="tl-window" style={{ top: sv.windowTop }}>
            {items.map((it) => (
              <TimelineRow
                key={it.index}
                index={it.index}
                row={rows.getRow(it.index)}
                top={it.start - sv.windowVirtualTop}
                height={rowHeight}
                selected={it.index === selected}
                expanded={detailId !== null && it.index === selected}
                onClick={onRowClick}
                onCellFilter={addChip}
              />
            ))}
          </div>
        </div>
        {rows.total === 0 && !pending && (
          <div className="tl-empty" data-testid="timeline-empty">
            {caseEvents === 0 ? 'This case has no events yet. Add files to import them.' : 'No events match the filters.'}
          </div>
        )}
      </div>
    </div>
  );
}
