// The waterfall of a trace: one row per event, a bar placed by its offset from the first event, the
// gap before it, vendor, actor, action and outcome; failed and denied steps are marked.
import type { Trace, TraceEvent } from '../../../shared/investigate';
import { isFailure } from '../../../shared/investigate';
import { fmtMs } from '../../../shared/duration';
import { useBackend } from '../api/BackendContext';
import { OutcomeBadge } from '../timeline/OutcomeBadge';
import { fmtCount, fmtUtc } from '../util/format';
import { useApiCall } from './useApiCall';
import './investigate.css';

const KEY_LABEL: Record<Trace['key'], string> = { requestId: 'request id', session: 'session id', actor: 'actor (±30 min)' };

interface Props {
  id: string;
  onSelect(id: string): void;
}

export function TraceWaterfall({ id, onSelect }: Props) {
  const { api } = useBackend();
  const { data: trace, error, loading } = useApiCall(() => api.traceEvent({ id }), [api, id]);
  if (error) return <div className="form-error" role="alert">{error}</div>;
  if (!trace) return <div className="muted pad">{loading ? 'Tracing…' : ''}</div>;
  const span = Math.max(1, ...trace.events.map((e) => e.offsetMs ?? 0));
  const failures = trace.events.filter((e) => isFailure(e.outcome)).length;
  return (
    <div className="trace" data-testid="trace" data-key={trace.key} data-count={trace.events.length}>
      <div className="trace-summary">
        <span>
          By {KEY_LABEL[trace.key]} <b className="mono">{trace.value || '—'}</b>
        </span>
        <span>
          {fmtCount(trace.events.length)} event{trace.events.length === 1 ? '' : 's'}
        </span>
        <span>over {fmtMs(span === 1 ? 0 : span)}</span>
        <span>vendors: {trace.vendors.join(', ')}</span>
        {failures > 0 && <span className="trace-fail-count">{failures} failed</span>}
        {trace.truncated && <span className="muted">(first {fmtCount(trace.events.length)} shown)</span>}
      </div>
      <div className="trace-rows" role="list">
        <div className="trace-row trace-head" aria-hidden>
          <span>Offset</span>
          <span>Gap</span>
          <span>Vendor</span>
          <span>Actor</span>
          <span>Action</span>
          <span>Outcome</span>
          <span>Timeline</span>
        </div>
        {trace.events.map((e) => (
          <TraceRow key={e.id} e={e} span={span} current={e.id === id} onSelect={onSelect} />
        ))}
      </div>
    </div>
  );
}

function TraceRow({ e, span, current, onSelect }: { e: TraceEvent; span: number; current: boolean; onSelect(id: string): void }) {
  const failed = isFailure(e.outcome);
  const left = e.offsetMs === null ? null : (e.offsetMs / span) * 100;
  return (
    <button
      role="listitem"
      className={`trace-row${failed ? ' failed' : ''}${current ? ' current' : ''}`}
      data-testid="trace-row"
      data-event-id={e.id}
      data-vendor={e.vendor}
      data-failed={failed}
      title={`${fmtUtc(e.time)} UTC${e.timeOriginal ? ` · original "${e.timeOriginal}"` : ''}`}
      onClick={() => onSelect(e.id)}
    >
      <span className="mono">{e.offsetMs === null ? 'no time' : `+${fmtMs(e.offsetMs)}`}</span>
      <span className="mono muted">{e.gapMs ? fmtMs(e.gapMs) : ''}</span>
      <span>{e.vendor}</span>
      <span className="mono ellipsis">{e.actor ?? '—'}</span>
      <span className="mono ellipsis">{e.action ?? '—'}</span>
      <span>
        {failed && <span className="trace-mark" aria-label="failed">✗</span>}
        <OutcomeBadge outcome={e.outcome} />
      </span>
      <span className="trace-lane">
        {left !== null && <span className={`trace-bar${failed ? ' failed' : ''}`} style={{ left: `min(${left}%, calc(100% - 6px))` }} />}
      </span>
    </button>
  );
}
