import { useCallback, useMemo, useState } from 'react';
import type { SourceInfo } from '../../shared/contract';
import type { EventRow } from '../../shared/event';
import { AppHeader } from './AppHeader';
import { useBackend } from './api/BackendContext';
import { CaseBar } from './case/CaseBar';
import { EmptyCase } from './case/EmptyCase';
import { useCaseInfo } from './case/useCaseInfo';
import { EventDetail } from './detail/EventDetail';
import { DropOverlay } from './import/DropOverlay';
import { ImportProgress } from './import/ImportProgress';
import { ImportReportPanel } from './import/ImportReportPanel';
import { BackgroundWork } from './import/BackgroundWork';
import { useFileDrop } from './import/useFileDrop';
import { useImports } from './import/useImports';
import { MappingDialog } from './mapping/MappingDialog';
import { Timeline } from './timeline/Timeline';
import { SyncPanel } from './sync/SyncPanel';
import { AnnotationsPanel } from './annotations/AnnotationsPanel';
import { useAltKey } from './annotations/useAltKey';
import { EMPTY_FILTERS, toQuery, usesAnnotations, type TimelineFilters } from './timeline/filters';
import { DEFAULT_LAYOUT, hiddenOf, layoutOfView, withHidden, type GridLayout } from './timeline/layout';
import type { DetailTab } from './investigate/DetailTabs';
import { ViewsPanel } from './views/ViewsPanel';
import { useViewHash } from './views/useViewHash';
import { SqlConsole } from './sql/SqlConsole';
import { FindingsPanel } from './findings/FindingsPanel';
import { ReportDialog } from './report/ReportDialog';
import { useDisplayZone } from './timezone/DisplayZoneContext';
import type { SavedView } from '../../shared/views';
import { Banner } from './util/Banner';
import { Splitter } from './detail/Splitter';
import { useStoredNumber } from './util/useStoredNumber';

export function App() {
  const { api } = useBackend();
  const kase = useCaseInfo();
  const imports = useImports(kase.refresh);
  const [detailId, setDetailId] = useState<string | null>(null);
  const [detailOutside, setDetailOutside] = useState(false);
  const [mappingFor, setMappingFor] = useState<SourceInfo | null>(null);
  const caseOpen = kase.info !== null;
  const [filters, setFilters] = useState<TimelineFilters>(EMPTY_FILTERS);
  /** Bumped when a bookmark, tag or note changes: the panel's list and annotation filters refetch. */
  const [annRevision, setAnnRevision] = useState(0);
  const onAnnotated = useCallback(() => setAnnRevision((r) => r + 1), []);
  const [showNotes, setShowNotes] = useState(false);
  useAltKey('l', () => setShowNotes((v) => !v), caseOpen);
  const [layout, setLayout] = useState<GridLayout>(DEFAULT_LAYOUT);
  const hidden = hiddenOf(layout);
  const [tabRequest, setTabRequest] = useState<{ tab: DetailTab } | null>(null);
  const [showViews, setShowViews] = useState(false);
  useAltKey('v', () => setShowViews((v) => !v), caseOpen);
  const [showSql, setShowSql] = useState(false);
  useAltKey('q', () => setShowSql((v) => !v), caseOpen);
  const [showFindings, setShowFindings] = useState(false);
  useAltKey('d', () => setShowFindings((v) => !v), caseOpen);
  const [showReport, setShowReport] = useState(false);
  const { zone } = useDisplayZone();
  const applyView = useCallback((v: SavedView) => {
    setFilters({ ...EMPTY_FILTERS, ...v.state.filters });
    setLayout(layoutOfView(v.state));
  }, []);
  const views = useViewHash(caseOpen, applyView);
  const [detailHeight, setDetailHeight] = useStoredNumber('auditdesk.detailHeight');
  // Both only grow, so their sum changes whenever either does.
  const timelineRevision = kase.revision + (usesAnnotations(filters) ? annRevision : 0);

  const { importFiles } = imports;
  const dragging = useFileDrop(
    caseOpen,
    useCallback((files: File[]) => importFiles(files), [importFiles]),
  );
  const onDetail = useCallback((row: EventRow | null) => setDetailId(row?.id ?? null), []);
  const vendors = useMemo(() => [...new Set(kase.info?.sources.map((s) => s.vendor) ?? [])].sort(), [kase.info]);

  return (
    <div className="app">
      <AppHeader
        caseOpen={caseOpen}
        onFiles={imports.importFiles}
        onPaths={imports.importPaths}
        notesOpen={showNotes}
        onToggleNotes={() => setShowNotes((v) => !v)}
        viewsOpen={showViews}
        onToggleViews={() => setShowViews((v) => !v)}
        sqlOpen={showSql}
        onToggleSql={() => setShowSql((v) => !v)}
        findingsOpen={showFindings}
        onToggleFindings={() => setShowFindings((v) => !v)}
        onReport={() => setShowReport(true)}
      />
      <CaseBar info={kase.info} onOpened={kase.setInfo} onMapping={setMappingFor} />
      <ImportProgress jobs={imports.jobs} jobNames={imports.jobNames} starting={imports.starting} onCancel={imports.cancel} />
      <BackgroundWork onCancel={imports.cancel} />
      <ImportReportPanel finished={imports.finished} onDismiss={imports.dismiss} />
      {caseOpen && <SyncPanel onSynced={kase.refresh} />}
      {views.error && <Banner message={views.error} testId="view-error" onDismiss={views.dismiss} />}
      {kase.error && <Banner message={kase.error} testId="case-error" />}
      <main className="main">
        {kase.loading ? (
          <div className="empty-state muted">Connecting…</div>
        ) : caseOpen ? (
          <div className="main-row">
            <div className="main-column">
              <Timeline
                revision={timelineRevision}
                caseEvents={kase.info!.events}
                vendors={vendors}
                sources={kase.info!.sources}
                detailId={detailId}
                onDetail={onDetail}
                onDetailOutside={setDetailOutside}
                filters={filters}
                setFilters={setFilters}
                layout={layout}
                onLayout={setLayout}
                annRevision={annRevision}
                onAnnotated={onAnnotated}
                onDetailTab={(row, tab) => {
                  setDetailId(row.id);
                  setTabRequest({ tab });
                }}
              />
              {showSql && <SqlConsole revision={kase.revision + annRevision} onClose={() => setShowSql(false)} onOpenEvent={setDetailId} />}
              {detailId !== null && <Splitter height={detailHeight} onHeight={setDetailHeight} />}
              {detailId !== null && (
                <EventDetail
                  id={detailId}
                  height={detailHeight}
                  outside={detailOutside}
                  onClose={() => setDetailId(null)}
                  onSelect={setDetailId}
                  onAnnotated={onAnnotated}
                  annRevision={annRevision}
                  tabRequest={tabRequest}
                />
              )}
            </div>
            {showNotes && (
              <AnnotationsPanel
                revision={annRevision + kase.revision}
                onOpen={setDetailId}
                onTag={(tag) => setFilters((f) => ({ ...f, tag }))}
                onBookmarked={() => setFilters((f) => ({ ...f, bookmarked: true }))}
                onClose={() => setShowNotes(false)}
              />
            )}
            {showFindings && (
              <FindingsPanel
                revision={kase.revision}
                active={filters.finding}
                onFilter={(r) => setFilters((f) => ({ ...f, finding: r.id, findingTitle: r.title }))}
                onClose={() => setShowFindings(false)}
              />
            )}
            {showViews && (
              <ViewsPanel
                current={views.current}
                hidden={hidden}
                onHidden={(next) => setLayout((l) => withHidden(l, next))}
                onSave={(name, overwrite) => api.saveView({ name, overwrite, state: { filters, hiddenColumns: hidden, columns: layout } })}
                onOpen={views.open}
                onClose={() => setShowViews(false)}
              />
            )}
          </div>
        ) : (
          <EmptyCase onOpened={kase.setInfo} />
        )}
      </main>
      {mappingFor && (
        <MappingDialog
          source={mappingFor}
          onClose={() => setMappingFor(null)}
          onSaved={(info) => {
            setMappingFor(null);
            kase.setInfo(info);
          }}
        />
      )}
      {showReport && caseOpen && <ReportDialog query={toQuery(filters, zone)} onClose={() => setShowReport(false)} />}
      <DropOverlay visible={dragging} enabled={caseOpen} />
    </div>
  );
}
