// Under the grid: where the cursor is, what is selected, how many events match, what runs in the
// background, and the actions on a selection (tag, bookmark, note, export, copy).
import { useRef, useState, type FormEvent } from 'react';
import type { JobProgress } from '../../../shared/contract';
import { fmtCount } from '../util/format';

interface Props {
  position: number | null;
  selected: number;
  total: number | null;
  caseEvents: number;
  jobs: JobProgress[];
  message: string | null;
  onTag(tag: string): void;
  onBookmark(): void;
  onNote(note: string): void;
  onExport(): void;
  onCopy(): void;
  /** The grid, where the focus goes back after a tag or note is entered or dismissed. */
  onDone(): void;
  /** Opened from the grid's keyboard (t / n): the box to show. */
  asking: 'tag' | 'note' | null;
  onAsk(kind: 'tag' | 'note' | null): void;
}

export function StatusBar({ position, selected, total, caseEvents, jobs, message, onTag, onBookmark, onNote, onExport, onCopy, onDone, asking, onAsk }: Props) {
  const [text, setText] = useState('');
  const boxRef = useRef<HTMLInputElement>(null);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (asking === 'tag' && text.trim()) onTag(text.trim());
    if (asking === 'note') onNote(text);
    setText('');
    onAsk(null);
    onDone();
  };
  return (
    <div className="status-bar" data-testid="status-bar" role="status">
      <span data-testid="status-position">{position === null ? 'No row' : `Row ${fmtCount(position + 1)} of ${fmtCount(total ?? 0)}`}</span>
      <span data-testid="status-selection" data-count={selected}>
        {selected ? `${fmtCount(selected)} selected` : 'nothing selected'}
      </span>
      <span data-testid="status-matches">{total === null ? 'counting…' : `${fmtCount(total)} of ${fmtCount(caseEvents)} match`}</span>
      <span data-testid="status-work" className="muted">
        {jobs.length ? jobs.map((j) => `${j.kind}${j.bytesTotal ? ` ${Math.round((100 * j.bytesDone) / j.bytesTotal)}%` : '…'}`).join(', ') : 'idle'}
      </span>
      <span className="spacer" />
      {message && <span data-testid="status-message">{message}</span>}
      {asking ? (
        <form onSubmit={submit} className="bulk-ask">
          <input
            ref={boxRef}
            autoFocus
            data-testid={`bulk-${asking}-input`}
            aria-label={asking === 'tag' ? 'Tag for the selected events' : 'Note for the selected events'}
            placeholder={asking === 'tag' ? 'tag, Enter' : 'note (empty removes), Enter'}
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Escape') {
                e.preventDefault();
                setText('');
                onAsk(null);
                onDone();
              }
            }}
          />
        </form>
      ) : (
        <span className="bulk-actions">
          <button disabled={!selected} onClick={() => onAsk('tag')} data-testid="bulk-tag" title="Tag the selected events (t)">
            Tag…
          </button>
          <button disabled={!selected} onClick={onBookmark} data-testid="bulk-bookmark" title="Bookmark the selected events (b)">
            Bookmark
          </button>
          <button disabled={!selected} onClick={() => onAsk('note')} data-testid="bulk-note" title="Note on the selected events (n)">
            Note…
          </button>
          <button disabled={!selected} onClick={onExport} data-testid="bulk-export" title="Export the selected events">
            Export…
          </button>
          <button disabled={!selected} onClick={onCopy} data-testid="bulk-copy" title="Copy the selected rows as TSV (Ctrl+C)">
            Copy
          </button>
        </span>
      )}
    </div>
  );
}
