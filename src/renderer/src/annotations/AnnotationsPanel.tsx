// Side panel of everything bookmarked, tagged or noted in the case, filterable; a tag or "bookmarked"
// filters the timeline, an entry opens its event. Toggled with the Notes button or Alt+L.
import { useState } from 'react';
import type { AnnotationFilter } from '../../../shared/annotations';
import { useBackend } from '../api/BackendContext';
import { useApiCall } from '../investigate/useApiCall';
import { useDebounced } from '../util/useDebounced';
import { fmtCount } from '../util/format';
import { useDisplayZone } from '../timezone/DisplayZoneContext';
import { formatInZone } from '../../../shared/display-zone';

interface Props {
  revision: number;
  onOpen(id: string): void;
  onTag(tag: string): void;
  onBookmarked(): void;
  onClose(): void;
}

export function AnnotationsPanel({ revision, onOpen, onTag, onBookmarked, onClose }: Props) {
  const { api } = useBackend();
  const { zone } = useDisplayZone();
  const [text, setText] = useState('');
  const [kind, setKind] = useState<AnnotationFilter['kind'] | ''>('');
  const typed = useDebounced(text, 200);
  const list = useApiCall(() => api.listAnnotations({ text: typed, ...(kind ? { kind } : {}), limit: 500 }), [api, typed, kind, revision]);
  const data = list.data;
  return (
    <aside className="annotations-panel" data-testid="annotations-panel" aria-label="Bookmarks, tags and notes">
      <header>
        <b>Bookmarks, tags &amp; notes</b>
        <span className="spacer" />
        <button className="icon" onClick={onClose} title="Close (Alt+L)" aria-label="Close annotations panel">
          ×
        </button>
      </header>
      <div className="ann-filters">
        <input
          type="search"
          data-testid="annotations-filter"
          placeholder="filter tags, notes, actor…"
          value={text}
          autoFocus
          onChange={(e) => setText(e.target.value)}
        />
        <select data-testid="annotations-kind" value={kind} onChange={(e) => setKind(e.target.value as AnnotationFilter['kind'] | '')}>
          <option value="">all</option>
          <option value="bookmark">bookmarked</option>
          <option value="tag">tagged</option>
          <option value="note">with a note</option>
        </select>
      </div>
      <div className="ann-tags">
        <button data-testid="filter-bookmarked" onClick={onBookmarked} title="Show only bookmarked events in the timeline">
          ★ bookmarked only
        </button>
        {data?.tags.map((t) => (
          <button
            key={t.tag}
            className="chip tag"
            data-testid="tag-filter"
            data-value={t.tag}
            onClick={() => onTag(t.tag)}
            title={`Filter the timeline by tag ${t.tag}`}
          >
            #{t.tag} <span className="muted">{fmtCount(t.count)}</span>
          </button>
        ))}
      </div>
      {list.error && <div className="form-error">{list.error}</div>}
      <div className="ann-count muted small" data-testid="annotations-count" data-total={data?.total ?? ''}>
        {data ? `${fmtCount(data.total)} annotated event${data.total === 1 ? '' : 's'}` : 'loading…'}
      </div>
      <ul className="ann-list">
        {data?.events.map((e) => (
          <li key={e.id}>
            <button className="ann-item" data-testid="annotated-event" data-id={e.id} onClick={() => onOpen(e.id)}>
              <span className="ann-line">
                {e.bookmarked && <span title="bookmarked">★</span>}
                <span className="mono small" title={e.event.time ? `UTC: ${e.event.time}` : undefined}>
                  {e.event.time ? formatInZone(e.event.time, zone).replace(/\.\d{3}/, '') : '(no time)'}
                </span>
                <span className="muted small">{e.event.vendor}</span>
              </span>
              <span className="ann-line">
                <b>{e.event.actor ?? '-'}</b> {e.event.action ?? ''}
              </span>
              {e.tags.length > 0 && <span className="ann-line tags">{e.tags.map((t) => `#${t}`).join(' ')}</span>}
              {e.note && <span className="ann-note">{e.note}</span>}
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
