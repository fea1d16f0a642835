import { formatInZone, zoneLabel } from '../../../shared/display-zone';
import { useDisplayZone } from '../timezone/DisplayZoneContext';
import type { AuditEvent } from '../../../shared/event';
import { OutcomeBadge } from '../timeline/OutcomeBadge';

function V({ v }: { v: string | null }) {
  return v === null || v === '' ? <span className="muted">—</span> : <span className="mono wrap">{v}</span>;
}

function presence(v: unknown): string {
  if (v === null || v === undefined) return 'absent';
  if (typeof v === 'object') return `present (${Array.isArray(v) ? `${v.length} items` : `${Object.keys(v).length} keys`})`;
  return 'present';
}

/** The normalized model fields: what the timeline, filters and exports work from. */
export function ModelFields({ ev }: { ev: AuditEvent }) {
  const { zone } = useDisplayZone();
  return (
    <dl className="kv" data-testid="model-fields">
      <dt>Time (UTC)</dt>
      <dd>
        <V v={ev.time} />
      </dd>
      {zone !== 'UTC' && ev.time && (
        <>
          <dt>Time ({zoneLabel(zone)})</dt>
          <dd className="mono" data-testid="time-in-zone">
            {formatInZone(ev.time, zone)}
          </dd>
        </>
      )}
      <dt>Time original</dt>
      <dd>
        <V v={ev.timeOriginal} />
        {ev.timeFlag && <span className={`time-flag flag-${ev.timeFlag}`}>{ev.timeFlag}</span>}
      </dd>
      <dt>Event ID</dt>
      <dd>
        <V v={ev.eventId} />
      </dd>
      <dt>Vendor / source</dt>
      <dd>
        {ev.vendor} <span className="muted">· {ev.source}</span>
      </dd>
      <dt>Actor</dt>
      <dd>
        <V v={ev.actor} /> <span className="tag">{ev.actorType}</span>
      </dd>
      <dt>Action</dt>
      <dd>
        <V v={ev.action} />
      </dd>
      <dt>Target</dt>
      <dd>
        <V v={ev.targetType} /> <span className="muted">:</span> <V v={ev.targetId} />
      </dd>
      <dt>Outcome</dt>
      <dd>
        <OutcomeBadge outcome={ev.outcome} />
      </dd>
      <dt>Request ID</dt>
      <dd>
        <V v={ev.requestId} />
      </dd>
      <dt>IP</dt>
      <dd>
        <V v={ev.ip} />
      </dd>
      <dt>User agent</dt>
      <dd>
        <V v={ev.userAgent} />
      </dd>
      <dt>Before / after</dt>
      <dd>
        before {presence(ev.before)}, after {presence(ev.after)}
        {ev.hasDiff && <span className="tag">diff</span>}
      </dd>
      <dt>Flags</dt>
      <dd data-testid="event-flags">
        {ev.flags.length ? (
          ev.flags.map((f, i) => (
            <span key={i} className="tag warn">
              {f}
            </span>
          ))
        ) : (
          <span className="muted">none</span>
        )}
      </dd>
      <dt>Internal id</dt>
      <dd>
        <V v={ev.id} />
      </dd>
    </dl>
  );
}
