// Bookmark, tags and note of the event in the panel. Alt+B toggles the bookmark, Alt+T focuses the tag
// box (Enter adds), Alt+N focuses the note (saved on leaving it or Ctrl+Enter). Enter in the tag box and
// Escape in either give the focus back to the timeline, so the next j/k moves the list, not the text.
import { useEffect, useRef, useState } from 'react';
import type { AnnotationChange, EventAnnotations } from '../../../shared/annotations';
import { useBackend } from '../api/BackendContext';
import { errorMessage } from '../util/format';
import { useAltKey } from './useAltKey';
import { focusTimeline } from '../timeline/timelineFocus';
import './annotations.css';

interface Props {
  id: string;
  /** Bumped whenever annotations change anywhere (a bulk tag in the grid, the notes panel): reload. */
  revision: number;
  /** Called after a change was stored, so lists and annotation filters refresh. */
  onChanged(): void;
}

export function AnnotationBar({ id, revision, onChanged }: Props) {
  const { api } = useBackend();
  const [a, setA] = useState<EventAnnotations | null>(null);
  const [tag, setTag] = useState('');
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const tagRef = useRef<HTMLInputElement>(null);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const loadedId = useRef<string | null>(null);

  useEffect(() => {
    let live = true;
    setError(null);
    api
      .annotations({ id })
      .then((x) => {
        if (!live) return;
        // A reload of the same event must not throw away a note being typed in it.
        const typing = loadedId.current === id && document.activeElement === noteRef.current;
        loadedId.current = id;
        setA(x);
        if (!typing) setNote(x.note ?? '');
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [api, id, revision]);

  const change = (c: Omit<AnnotationChange, 'id'>) =>
    api
      .annotate({ id, ...c })
      .then((x) => {
        setA(x);
        setError(null);
        onChanged();
      })
      .catch((e: unknown) => setError(errorMessage(e)));

  const current = a?.id === id ? a : null;
  useAltKey('b', () => current && void change({ bookmarked: !current.bookmarked }), Boolean(current));
  useAltKey('t', () => tagRef.current?.focus());
  useAltKey('n', () => noteRef.current?.focus());

  const saveNote = () => {
    if (current && note !== (current.note ?? '')) void change({ note });
  };

  return (
    <div className="annotation-bar" data-testid="annotation-bar" data-id={current?.id ?? ''} data-bookmarked={current?.bookmarked ?? ''}>
      <button
        className={`bookmark${current?.bookmarked ? ' on' : ''}`}
        aria-pressed={current?.bookmarked ?? false}
        disabled={!current}
        data-testid="bookmark-toggle"
        title="Bookmark (Alt+B)"
        onClick={() => current && void change({ bookmarked: !current.bookmarked })}
      >
        {current?.bookmarked ? '★ Bookmarked' : '☆ Bookmark'}
      </button>
      <span className="tags" data-testid="event-tags">
        {current?.tags.map((t) => (
          <span key={t} className="chip tag" data-testid="event-tag" data-value={t}>
            <span>#{t}</span>
            <button className="icon" aria-label={`Remove tag ${t}`} onClick={() => void change({ removeTags: [t] })}>
              ×
            </button>
          </span>
        ))}
      </span>
      <input
        ref={tagRef}
        className="tag-input"
        data-testid="tag-input"
        placeholder="add tag (Alt+T)"
        value={tag}
        disabled={!current}
        onChange={(e) => setTag(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            if (tag.trim()) void change({ addTags: [tag] });
            setTag('');
            focusTimeline();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            focusTimeline();
          }
        }}
      />
      <textarea
        ref={noteRef}
        className="note-input"
        data-testid="note-input"
        placeholder="note (Alt+N; Ctrl+Enter or leaving saves)"
        rows={1}
        value={note}
        disabled={!current}
        onChange={(e) => setNote(e.target.value)}
        onBlur={saveNote}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) saveNote();
          // Leaving the box saves the note (onBlur).
          else if (e.key === 'Escape') {
            e.preventDefault();
            focusTimeline();
          }
        }}
      />
      {error && (
        <span className="form-error" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
