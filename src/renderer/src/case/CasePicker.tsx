// Opening a case without typing its path: the cases opened lately, and (in the browser) the allowed
// cases folder to click through. Every entry is a button, so Tab and Enter work as well as the mouse.
import { useEffect, useState } from 'react';
import type { CaseFolderListing, RecentCase } from '../../../shared/cases';
import { errorMessage } from '../util/format';
import { inApp, listFolder, loadRecent } from './casePicking';
import { getBridge } from '../api/bridge';
import './case-picker.css';

interface Props {
  /** Opens the case at path (create: make it there if it is not a case yet). */
  onOpen(path: string, create?: boolean): void;
  /** Puts a folder's path in the path box, to name a new case inside it. */
  onFolder(path: string): void;
}

const baseName = (p: string) => p.split(/[\\/]/).filter(Boolean).pop() ?? p;

export function CasePicker({ onOpen, onFolder }: Props) {
  const [recent, setRecent] = useState<RecentCase[]>([]);
  const [listing, setListing] = useState<CaseFolderListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    loadRecent().then(setRecent, () => setRecent([]));
  }, []);
  const browse = (dir: string | null) =>
    listFolder(dir).then(
      (l) => {
        setListing(l);
        setError(null);
      },
      (e: unknown) => setError(errorMessage(e)),
    );

  return (
    <div className="case-picker" data-testid="case-picker">
      {recent.length > 0 && (
        <div className="case-recent" aria-label="Recent cases" role="group">
          <span className="muted small">Recent:</span>
          {recent.map((c) => (
            <button
              key={c.path}
              type="button"
              className="link"
              data-testid="recent-case"
              data-path={c.path}
              title={`${c.path} (opened ${c.openedAt})`}
              onClick={() => onOpen(c.path)}
            >
              {baseName(c.path)}
            </button>
          ))}
        </div>
      )}
      {inApp() ? (
        <button
          type="button"
          data-testid="case-choose-folder"
          onClick={() =>
            void getBridge()
              ?.pickCase()
              .then((p) => p && onOpen(p, true))
          }
          title="Choose the case's folder"
        >
          Choose folder…
        </button>
      ) : (
        <button type="button" data-testid="case-browse" onClick={() => (listing ? setListing(null) : void browse(null))} aria-expanded={listing !== null}>
          {listing ? 'Hide folders' : 'Browse…'}
        </button>
      )}
      {error && (
        <div className="form-error" role="alert" data-testid="case-browse-error">
          {error}
        </div>
      )}
      {listing && (
        <div className="case-folder" data-testid="case-folder" data-dir={listing.dir} role="group" aria-label={`Folders in ${listing.dir}`}>
          <div className="mono small">{listing.dir}</div>
          <div className="case-folder-actions">
            {listing.parent && (
              <button type="button" data-testid="case-folder-up" onClick={() => void browse(listing.parent)}>
                ↑ Up
              </button>
            )}
            <button
              type="button"
              data-testid="case-folder-here"
              onClick={() => onFolder(listing.dir)}
              title="Put this folder in the path box, to name a new case in it"
            >
              New case here…
            </button>
          </div>
          <ul>
            {listing.entries.map((e) => (
              <li key={e.path}>
                <button
                  type="button"
                  className="link mono"
                  data-testid="case-folder-entry"
                  data-name={e.name}
                  data-case={e.case}
                  onClick={() => (e.case ? onOpen(e.path) : void browse(e.path))}
                  title={e.case ? `Open the case ${e.path}` : `Open the folder ${e.path}`}
                >
                  {e.case ? '▣ ' : '▸ '}
                  {e.name}
                </button>
              </li>
            ))}
            {listing.entries.length === 0 && <li className="muted small">no folders here</li>}
          </ul>
        </div>
      )}
    </div>
  );
}
