// The waterfall of a trace: one row per event, a bar placed by its offset from the first event, the
// gap before it, vendor, actor, action and outcome; failed and denied steps are marked.
// The steps are one Tab stop: arrow keys (Home/End) move between them, Enter opens one, Escape goes
// back to the timeline.
import { useState, type KeyboardEvent } from 'react';
import type { Trace, TraceEvent } from '../../../shared/investigate';
import { isFailure } from '../../../shared/investigate';
import { fmtMs } from '../../../shared/duration';
import { useBackend } from '../api/BackendContext';
import { OutcomeBadge } from '../timeline/OutcomeBadge';
import { fmtCount, fmtUtc } from '../util/format';
import { useApiCall } from './useApiCall';
import { focusTimeline } from '../timeline/timelineFocus';
import './investigate.css';

const KEY_LABEL: Record<Trace['key'], string> = { requestId: 'request id', session: 'session id', actor: 'actor (±30 min)' };

interface Props {
  id: string;
  onSelect(id: string): void;
}

export function TraceWaterfall({ id, onSelect }: Props) {
  const { api } = useBackend();
  const { data: trace, error, loading } = useApiCall(() => api.traceEvent({ id }), [api, id]);
  // The step that takes the Tab stop: the last one focused, else the event shown.
  const [focused, setFocused] = useState<string | null>(null);
  if (error)
    return (
      <div className="form-error" role="alert">
        {error}
      </div>
    );
  if (!trace) return <div className="muted pad">{loading ? 'Tracing…' : ''}</div>;
  const span = Math.max(1, ...trace.events.map((e) => e.offsetMs ?? 0));
  const failures = trace.events.filter((e) => isFailure(e.outcome)).length;
  const has = (x: string | null) => x !== null && trace.events.some((e) => e.id === x);
  const tabStop = has(focused) ? focused : has(id) ? id : (trace.events[0]?.id ?? null);
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
      <div className="trace-rows" role="list" onKeyDown={onStepKey} data-testid="trace-steps">
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
          <TraceRow key={e.id} e={e} span={span} current={e.id === id} tabStop={e.id === tabStop} onFocus={setFocused} onSelect={onSelect} />
        ))}
      </div>
    </div>
  );
}

function onStepKey(ev: KeyboardEvent<HTMLElement>) {
  if (ev.altKey || ev.ctrlKey || ev.metaKey) return;
  const rows = [...ev.currentTarget.querySelectorAll<HTMLElement>('[data-testid=trace-row]')];
  const at = rows.indexOf(document.activeElement as HTMLElement);
  const to: Record<string, number> = { ArrowDown: at + 1, ArrowUp: at - 1, Home: 0, End: rows.length - 1 };
  if (ev.key === 'Escape') {
    ev.preventDefault();
    focusTimeline();
  } else if (ev.key in to && at >= 0) {
    ev.preventDefault();
    rows[Math.max(0, Math.min(rows.length - 1, to[ev.key]))]?.focus();
  }
}

interface RowProps {
  e: TraceEvent;
  span: number;
  current: boolean;
  tabStop: boolean;
  onFocus(id: string): void;
  onSelect(id: string): void;
}

function TraceRow({ e, span, current, tabStop, onFocus, onSelect }: RowProps) {
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
      aria-current={current || undefined}
      tabIndex={tabStop ? 0 : -1}
      onFocus={() => onFocus(e.id)}
      title={`${fmtUtc(e.time)} UTC${e.timeOriginal ? ` · original "${e.timeOriginal}"` : ''}`}
      onClick={() => onSelect(e.id)}
    >
      <span className="mono">{e.offsetMs === null ? 'no time' : `+${fmtMs(e.offsetMs)}`}</span>
      <span className="mono muted">{e.gapMs ? fmtMs(e.gapMs) : ''}</span>
      <span>{e.vendor}</span>
      <span className="mono ellipsis">{e.actor ?? '—'}</span>
      <span className="mono ellipsis">{e.action ?? '—'}</span>
      <span>
        {failed && (
          <span className="trace-mark" aria-label="failed">
            ✗
          </span>
        )}
        <OutcomeBadge outcome={e.outcome} />
      </span>
      <span className="trace-lane">
        {left !== null && <span className={`trace-bar${failed ? ' failed' : ''}`} style={{ left: `min(${left}%, calc(100% - 6px))` }} />}
      </span>
    </button>
  );
}
