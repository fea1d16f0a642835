// The panel under the timeline for the selected event: raw record, model fields, provenance.
import { useEffect, useState } from 'react';
import type { AuditEvent } from '../../../shared/event';
import { useBackend } from '../api/BackendContext';
import { errorMessage } from '../util/format';
import { ModelFields } from './ModelFields';
import { ProvenanceView } from './ProvenanceView';
import { prettyJson, RawViewer } from './RawViewer';
import { DetailTabs, type DetailTab } from '../investigate/DetailTabs';
import { TraceWaterfall } from '../investigate/TraceWaterfall';
import { DiffView } from '../investigate/DiffView';
import { ResourceHistoryView } from '../investigate/ResourceHistoryView';
import { AnnotationBar } from '../annotations/AnnotationBar';

interface Props {
  id: string;
  /** Set by the splitter above it; null keeps the default share of the column. */
  height: number | null;
  /** The event is not in the timeline's current filter (so no row there is highlighted). */
  outside: boolean;
  onClose(): void;
  /** Opens another event (a trace step, a history step) in this panel. */
  onSelect(id: string): void;
  /** Its bookmark, tags or note changed. */
  onAnnotated(): void;
  /** Bumped when any annotation changes, so the panel's bar shows a bulk tag or bookmark at once. */
  annRevision: number;
  /** A tab asked for from elsewhere (the grid's context menu); a new object each time it is asked. */
  tabRequest?: { tab: DetailTab } | null;
}

export function EventDetail({ id, height, outside, onClose, onSelect, onAnnotated, annRevision, tabRequest }: Props) {
  const [tab, setTab] = useState<DetailTab>(tabRequest?.tab ?? 'record');
  useEffect(() => {
    if (tabRequest) setTab(tabRequest.tab);
  }, [tabRequest]);
  const { api } = useBackend();
  const [ev, setEv] = useState<AuditEvent | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    // Keyboard navigation changes id quickly; a short wait saves fetching every row passed over.
    const t = setTimeout(() => {
      api
        .getEvent({ id })
        .then((e) => live && setEv(e))
        .catch((e: unknown) => live && setError(errorMessage(e)));
    }, 60);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [api, id]);

  // The previous event stays on screen until the next one arrives, so the panel does not flicker.
  const shown = ev;
  const isJson = shown ? prettyJson(shown.raw) !== null : true;

  return (
    <section className="detail" style={height === null ? undefined : { height }} data-testid="detail-panel" data-event-id={shown?.id ?? ''}>
      <header className="detail-head">
        <b>Event</b>
        <span className="mono muted">{id}</span>
        {shown && shown.id !== id && <span className="muted">loading…</span>}
        <DetailTabs tab={tab} onTab={setTab} hasDiff={Boolean(shown?.hasDiff)} hasTarget={Boolean(shown?.targetId)} />
        <span className="spacer" />
        <span className="muted small">Enter closes · ↑↓ j k move · Alt+1–4 tabs · Alt+B/T/N bookmark, tag, note</span>
        <button className="icon" onClick={onClose} title="Close" data-testid="detail-close">
          ×
        </button>
      </header>
      {outside && (
        <div className="detail-outside" role="status" data-testid="detail-outside">
          Not in the current filter: the timeline does not list this event.
        </div>
      )}
      <AnnotationBar id={id} revision={annRevision} onChanged={onAnnotated} />
      {error && (
        <div className="form-error" role="alert">
          {error}
        </div>
      )}
      {shown && tab === 'trace' && <TraceWaterfall id={id} onSelect={onSelect} />}
      {shown && tab === 'diff' && <DiffView id={id} />}
      {shown && tab === 'history' && <ResourceHistoryView id={id} onSelect={onSelect} />}
      {shown && tab === 'record' && (
        <div className="detail-body">
          <div className="detail-raw">
            <div className="section-title">
              Raw record <span className="muted">({isJson ? 'JSON, formatted' : 'text as stored'})</span>
            </div>
            <RawViewer raw={shown.raw} />
          </div>
          <div className="detail-side">
            <div className="section-title">Model fields</div>
            <ModelFields ev={shown} />
            <div className="section-title">Provenance</div>
            <ProvenanceView p={shown.provenance} />
          </div>
        </div>
      )}
    </section>
  );
}
