// Every event on the selected event's target, oldest first, each with what changed from the state before.
import { useBackend } from '../api/BackendContext';
import { OutcomeBadge } from '../timeline/OutcomeBadge';
import { useDisplayZone } from '../timezone/DisplayZoneContext';
import { formatInZone } from '../../../shared/display-zone';
import { ChangedPathList } from './DiffView';
import { useApiCall } from './useApiCall';
import './investigate.css';

export function ResourceHistoryView({ id, onSelect }: { id: string; onSelect(id: string): void }) {
  const { api } = useBackend();
  const { zone } = useDisplayZone();
  const { data, error, loading } = useApiCall(() => api.resourceHistory({ id }), [api, id]);
  if (error)
    return (
      <div className="form-error" role="alert">
        {error}
      </div>
    );
  if (!data) return <div className="muted pad">{loading ? 'Loading…' : ''}</div>;
  return (
    <div className="history" data-testid="history" data-count={data.steps.length}>
      <div className="trace-summary">
        <span>
          Target{' '}
          <b className="mono">
            {data.targetType ? `${data.targetType}:` : ''}
            {data.targetId}
          </b>
        </span>
        <span>{data.steps.length} events</span>
        {data.truncated && <span className="muted">(first {data.steps.length} shown)</span>}
      </div>
      <ol className="history-steps">
        {data.steps.map((s) => (
          <li key={s.event.id} className={s.event.id === id ? 'current' : ''} data-testid="history-step">
            <button className="link" onClick={() => onSelect(s.event.id)}>
              <span className="mono" title={s.event.time ? `UTC: ${s.event.time}` : undefined}>
                {s.event.time ? formatInZone(s.event.time, zone) : '(no time)'}
              </span>{' '}
              <span className="mono">{s.event.action ?? '—'}</span> <span className="muted">{s.event.actor ?? ''}</span>{' '}
              <OutcomeBadge outcome={s.event.outcome} />
            </button>
            {s.event.hasDiff ? <ChangedPathList changes={s.changes} /> : <div className="muted small">no state recorded</div>}
          </li>
        ))}
      </ol>
    </div>
  );
}
