// The main view: every event of the case in time order, virtualized over any number of rows.
import { useCallback, useEffect, useMemo, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import type { EventRow } from '../../../shared/event';
import { useBackend } from '../api/BackendContext';
import { useDebounced } from '../util/useDebounced';
import type { ColumnId } from './columns';
import { gridTemplate, hiddenOf, type GridLayout } from './layout';
import { timeTrackWidth } from './timeTrack';
import { ColumnChooser } from './ColumnChooser';
import { GridMenu, type MenuItem } from './GridMenu';
import { StatusBar } from './StatusBar';
import { NO_SELECTION, extendTo, selectedIndexes, toggle, type Selection } from './selection';
import { rowsAt } from './selectedRows';
import { toTsv } from './tsv';
import { useRowMarks } from './useRowMarks';
import { useRawCells, useRawPaths } from './useRawColumns';
import { isRaw, rawPath } from './columns';
import type { SourceInfo } from '../../../shared/contract';
import { copyText } from '../util/clipboard';
import { errorMessage } from '../util/format';
import { useAltKey } from '../annotations/useAltKey';
import './grid.css';
import { useBackgroundWork } from '../import/useBackgroundWork';
import type { DetailTab } from '../investigate/DetailTabs';
import type { QueryField, SortField } from '../../../shared/query';
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
  /** The case's sources: their raw-record paths are offered as columns. */
  sources: SourceInfo[];
  /** Id of the event shown in the detail panel, or null when it is closed. */
  detailId: string | null;
  onDetail(row: EventRow | null): void;
  /** True while the event in the panel is not in the current filter (the panel says so). */
  onDetailOutside(outside: boolean): void;
  /** The filters live with the app, so the annotations panel and saved views can set them. */
  filters: TimelineFilters;
  setFilters: Dispatch<SetStateAction<TimelineFilters>>;
  /** Columns shown, in order, with their widths (saved with views). */
  layout: GridLayout;
  onLayout(next: GridLayout): void;
  /** Bumped when annotations change: the row markers reread. */
  annRevision: number;
  onAnnotated(): void;
  /** Opens the event panel on a tab (the context menu's trace and history). */
  onDetailTab(row: EventRow, tab: DetailTab): void;
}

export function Timeline({
  revision,
  caseEvents,
  vendors,
  sources,
  detailId,
  onDetail,
  onDetailOutside,
  filters,
  setFilters,
  layout,
  onLayout,
  annRevision,
  onAnnotated,
  onDetailTab,
}: Props) {
  const { api } = useBackend();
  const debounced = useDebounced(filters, 250);
  const { zone } = useDisplayZone();
  const timeTrack = useMemo(() => timeTrackWidth(zone), [zone]);
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
  const [sel, setSel] = useState<Selection>(NO_SELECTION);
  useEffect(() => {
    setSelected(null);
    setSel(NO_SELECTION);
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
  const cursorAsked = useRef(new Set<string>());
  useEffect(() => {
    const id = selectedRow?.id ?? null;
    if (id === followed.current) return;
    followed.current = id;
    if (detailId !== null && selectedRow && selectedRow.id !== detailId) {
      cursorAsked.current.add(selectedRow.id);
      onDetail(selectedRow);
    }
  }, [selectedRow, detailId, onDetail]);

  const place = useDetailPlace({
    api,
    query,
    total: rows.total,
    detailId,
    selectedId: selectedRow?.id ?? null,
    cursorAsked: cursorAsked.current,
    indexOf: rows.indexOf,
    select,
    clear: () => setSelected(null),
  });
  useEffect(() => onDetailOutside(place === 'outside'), [place, onDetailOutside]);

  const toggleExpand = useCallback(() => {
    if (detailId !== null) onDetail(null);
    else if (selectedRow) onDetail(selectedRow);
  }, [detailId, selectedRow, onDetail]);

  // Chips show the query applied; with a syntax error in the box, a chip edit starts from that query.
  const applied = query.q ?? '';
  const editQuery = useCallback(
    (edit: (text: string) => string) => setFilters((f) => ({ ...f, text: edit(tryParseQuery(f.text).error ? applied : f.text) })),
    [setFilters, applied],
  );
  // Values from facets and cells become clauses of the query text (chips are views of it).
  const addChip = useCallback((c: Condition, mode: FilterMode = 'for') => editQuery((t) => withValue(t, c.field, c.value, mode)), [editQuery]);

  // Multi-selection, bulk actions, copy and the context menu.
  const marks = useRowMarks(api, annRevision + revision);
  const jobs = useBackgroundWork();
  const [message, setMessage] = useState<string | null>(null);
  const [asking, setAsking] = useState<'tag' | 'note' | null>(null);
  const [menu, setMenu] = useState<{ at: { x: number; y: number }; index: number; cell: { field: QueryField; value: string; column: ColumnId } | null } | null>(
    null,
  );
  const [choosing, setChoosing] = useState(false);
  useAltKey('c', () => setChoosing((v) => !v));
  const indexes = selectedIndexes(sel, selected);
  const focusGrid = useCallback(() => scrollRef.current?.focus(), []);
  const columnIds = layout.map((c) => c.id);
  const rawPaths = useRawPaths(api, sources, choosing);
  const shownRaw = columnIds.filter(isRaw).map(rawPath);
  const rawOf = useRawCells(
    api,
    items.map((it) => rows.getRow(it.index)),
    shownRaw,
  );
  const selectedRows = useCallback(() => rowsAt(api, query, selectedIndexes(sel, selected), rows.getRow), [api, query, sel, selected, rows]);
  const say = useCallback((p: Promise<string>) => p.then(setMessage, (e: unknown) => setMessage(errorMessage(e))), []);
  const copyRows = useCallback(
    () =>
      say(
        selectedRows().then(async (r) =>
          r.length ? (await copyText(toTsv(r, columnIds, rawOf)), `copied ${r.length} row${r.length === 1 ? '' : 's'}`) : 'nothing selected',
        ),
      ),
    [say, selectedRows, columnIds, rawOf],
  );
  const bulk = useCallback(
    (kind: 'bookmark' | 'tag' | 'note', value?: string) => {
      if (!indexes.length) return;
      if (kind !== 'bookmark' && value === undefined) {
        setAsking(kind);
        return;
      }
      say(
        selectedRows().then(async (r) => {
          for (const row of r) {
            await api.annotate(
              kind === 'bookmark' ? { id: row.id, bookmarked: true } : kind === 'tag' ? { id: row.id, addTags: [value!] } : { id: row.id, note: value || null },
            );
          }
          onAnnotated();
          return `${kind === 'bookmark' ? 'bookmarked' : kind === 'tag' ? `tagged "${value}":` : 'noted'} ${r.length} event${r.length === 1 ? '' : 's'}`;
        }),
      );
    },
    [indexes.length, say, selectedRows, api, onAnnotated],
  );
  const [exportIds, setExportIds] = useState<string[] | null>(null);
  const [exportFromSel, setExportFromSel] = useState(false);
  const exportSelection = useCallback(
    () =>
      void selectedRows().then(
        (r) => {
          setExportIds(r.map((x) => x.id));
          setExportFromSel(true);
          setExporting(true);
        },
        (e: unknown) => setMessage(errorMessage(e)),
      ),
    [selectedRows],
  );

  const openMenu = useCallback((index: number, cell: { field: QueryField; value: string; column: ColumnId } | null, at: { x: number; y: number }) => {
    setSelected(index);
    setMenu({ index, cell, at });
  }, []);
  const menuFromKeys = useCallback(() => {
    if (selected === null) return;
    const el = scrollRef.current?.querySelector<HTMLElement>(`[data-testid=row][data-index="${selected}"]`);
    const r = el?.getBoundingClientRect();
    openMenu(selected, null, { x: (r?.left ?? 0) + 40, y: (r?.bottom ?? 0) + 2 });
  }, [selected, openMenu]);
  const menuItems = (m: NonNullable<typeof menu>): MenuItem[] => {
    const row = rows.getRow(m.index);
    const c = m.cell;
    return [
      {
        id: 'filter-for',
        label: c ? `Filter for ${c.field} = ${c.value.slice(0, 40)}` : 'Filter for (right-click a cell)',
        disabled: !c,
        run: () => c && addChip({ field: c.field, op: 'eq', value: c.value }),
      },
      {
        id: 'filter-out',
        label: c ? `Filter out ${c.field} = ${c.value.slice(0, 40)}` : 'Filter out (right-click a cell)',
        disabled: !c,
        run: () => c && addChip({ field: c.field, op: 'eq', value: c.value }, 'out'),
      },
      { id: 'copy-value', label: 'Copy value', disabled: !c, run: () => c && say(copyText(c.value).then(() => 'copied the value')) },
      { id: 'copy-row', label: 'Copy row (TSV)', disabled: !row, run: () => row && say(copyText(toTsv([row], columnIds, rawOf)).then(() => 'copied the row')) },
      {
        id: 'copy-raw',
        label: 'Copy raw JSON',
        disabled: !row,
        run: () => row && say(api.getEvent({ id: row.id }).then(async (e) => (await copyText(e.raw), 'copied the raw record'))),
      },
      { id: 'copy-selection', label: `Copy selection (${indexes.length}) · Ctrl+C`, disabled: !indexes.length, run: () => copyRows() },
      { id: 'trace', label: 'Open trace', disabled: !row, run: () => row && onDetailTab(row, 'trace') },
      { id: 'history', label: 'Show resource history', disabled: !row?.targetId, run: () => row && onDetailTab(row, 'history') },
    ];
  };

  const onKeyDown = useTimelineKeys({
    count,
    selected,
    pageRows,
    firstVisible,
    select,
    toggleExpand,
    extend: (to) => {
      setSel((s) => extendTo(s, selected, to));
      select(to);
    },
    toggleMark: () => selected !== null && setSel((s) => toggle(s, null, selected)),
    clearMarks: () => {
      if (!sel.marked.size) return false;
      setSel(NO_SELECTION);
      return true;
    },
    copy: copyRows,
    bulk: (k) => bulk(k),
    menu: menuFromKeys,
  });

  const onRowClick = useCallback(
    (index: number, e: { shiftKey: boolean; ctrlKey: boolean; metaKey: boolean }) => {
      if (e.shiftKey) setSel((s) => extendTo(s, selected, index));
      else if (e.ctrlKey || e.metaKey) setSel((s) => toggle(s, selected, index));
      else setSel(NO_SELECTION);
      setSelected(index);
      const row = rows.getRow(index);
      if (row && !e.shiftKey && !e.ctrlKey && !e.metaKey) onDetail(row);
    },
    [rows, onDetail, selected],
  );

  const onSort = useCallback(
    (by: SortField | 'time') =>
      setFilters((f) => {
        const current = f.sort ?? 'time';
        const order = current === by ? (f.order === 'asc' ? 'desc' : 'asc') : 'asc';
        const next = { ...f, order } as TimelineFilters;
        if (by === 'time') delete next.sort;
        else next.sort = by;
        return next;
      }),
    [setFilters],
  );
  const removeChip = useCallback((c: Condition) => setFilters((f) => ({ ...f, chips: f.chips.filter((x) => !sameCondition(x, c)) })), [setFilters]);

  const onColumn = useCallback((id: ColumnId, value: string) => setFilters((f) => ({ ...f, columns: { ...f.columns, [id]: value } })), [setFilters]);

  return (
    <div
      className="timeline"
      data-testid="timeline"
      data-columns={columnIds.join(' ')}
      data-hide={hiddenOf(layout).join(' ')}
      style={{
        ['--tl-grid' as string]: gridTemplate(layout),
        ['--scrollbar' as string]: `${sv.scrollbarWidth}px`,
        ['--time-track' as string]: `${timeTrack}px`,
      }}
    >
      <TimelineToolbar
        filters={filters}
        syntax={syntax}
        total={pending ? null : rows.total}
        caseEvents={caseEvents}
        loading={rows.loading}
        onChange={(next) => setFilters((f) => ({ ...f, ...next }))}
        onClear={() => setFilters((f) => ({ ...EMPTY_FILTERS, order: f.order, ...(f.sort ? { sort: f.sort } : {}) }))}
        onExport={() => {
          setExportIds(selectedRow ? [selectedRow.id] : null);
          setExportFromSel(false);
          setExporting(true);
        }}
      />
      <FilterChips
        query={applied}
        onNegate={(k) => editQuery((t) => negateClause(t, k))}
        onRemoveClause={(k) => editQuery((t) => removeClause(t, k))}
        chips={filters.chips}
        onRemove={removeChip}
        annotations={filters}
        onRemoveAnnotation={(k) => setFilters((f) => (k === 'finding' ? { ...f, finding: '', findingTitle: '' } : { ...f, [k]: k === 'tag' ? '' : false }))}
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
          selectedIds={exportIds ?? []}
          fromSelection={exportFromSel}
          onClose={() => {
            setExporting(false);
            setExportIds(null);
            scrollRef.current?.focus();
          }}
        />
      )}
      {rows.error && <Banner message={rows.error} testId="timeline-error" />}
      <TimelineHeader
        filters={filters}
        vendors={vendors}
        layout={layout}
        onLayout={onLayout}
        onColumn={onColumn}
        onSort={onSort}
        onChooser={() => setChoosing((v) => !v)}
      />
      {choosing && <ColumnChooser layout={layout} rawPaths={rawPaths} onLayout={onLayout} onClose={() => setChoosing(false)} />}
      {menu && <GridMenu at={menu.at} items={menuItems(menu)} onClose={() => setMenu(null)} />}
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
                layout={layout}
                top={it.start - sv.windowVirtualTop}
                height={rowHeight}
                selected={it.index === selected}
                marked={sel.marked.has(it.index)}
                mark={marks.get(rows.getRow(it.index)?.id ?? '')}
                raw={shownRaw.length ? rawOf(rows.getRow(it.index)?.id ?? '') : undefined}
                expanded={detailId !== null && it.index === selected}
                onClick={onRowClick}
                onCellFilter={addChip}
                onContextMenu={openMenu}
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
      <StatusBar
        position={selected}
        selected={indexes.length}
        total={pending ? null : rows.total}
        caseEvents={caseEvents}
        jobs={jobs}
        message={message}
        onTag={(t) => bulk('tag', t)}
        onBookmark={() => bulk('bookmark')}
        onNote={(n) => bulk('note', n)}
        onExport={exportSelection}
        onCopy={copyRows}
        onDone={focusGrid}
        asking={asking}
        onAsk={setAsking}
      />
    </div>
  );
}
