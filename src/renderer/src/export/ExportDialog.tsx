// Export the current filter (or the selected event) as evidence: format, raw or normalized, redactions.
// In the browser the written files are offered as downloads; in the app the folder path is shown.
import { useRef, useState } from 'react';
import type { EventQuery } from '../../../shared/query';
import { describeQuery } from '../../../shared/describe-query';
import {
  EXPORT_DOWNLOAD_PATH,
  EXPORT_FORMATS,
  REDACTABLE_FIELDS,
  type ExportFormat,
  type ExportMode,
  type ExportSummary,
  type RedactableField,
} from '../../../shared/export';
import { useBackend, useHostEvent } from '../api/BackendContext';
import { errorMessage, fmtCount } from '../util/format';
import { useDialogKeys } from '../util/useDialogKeys';

interface Props {
  query: EventQuery;
  matching: number | null;
  /** The events selected in the timeline (the cursor's row, or the multi-selection). */
  selectedIds: string[];
  /** Opened from the selection's Export: it is the scope to start with. */
  fromSelection?: boolean;
  onClose(): void;
}

export function ExportDialog({ query, matching, selectedIds, fromSelection = false, onClose }: Props) {
  const { api } = useBackend();
  const [format, setFormat] = useState<ExportFormat>('csv');
  const [mode, setMode] = useState<ExportMode>('raw');
  const [scope, setScope] = useState<'filter' | 'selection'>(fromSelection && selectedIds.length ? 'selection' : 'filter');
  const [redact, setRedact] = useState<RedactableField[]>([]);
  const [running, setRunning] = useState<string | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [result, setResult] = useState<ExportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLSelectElement>(null);

  useDialogKeys(first, onClose, running);

  useHostEvent((e) => {
    if (e.type === 'progress' && e.progress.kind === 'export' && e.progress.jobId === running && !e.progress.done) {
      setProgress({ done: e.progress.bytesDone, total: e.progress.bytesTotal });
    }
  });

  const start = async () => {
    const jobId = `export-ui-${Date.now()}`;
    setRunning(jobId);
    setError(null);
    setResult(null);
    setProgress(null);
    try {
      const ids = scope === 'selection' && selectedIds.length ? selectedIds : undefined;
      setResult(await api.exportEvents({ query, ids, format, mode, redact, jobId }));
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setRunning(null);
    }
  };

  const inBrowser = window.location.protocol.startsWith('http');
  const folder = result ? result.dir.split(/[\\/]/).pop() : '';
  const pct = progress && progress.total ? Math.round((100 * progress.done) / progress.total) : 0;

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !running && onClose()}>
      <div className="modal export-dialog" role="dialog" aria-label="Export evidence" data-testid="export-dialog">
        <header>
          <strong>Export evidence</strong>
          <span className="spacer" />
          <button onClick={onClose} disabled={!!running} aria-label="Close">
            ×
          </button>
        </header>
        <div className="pad export-form">
          <label>
            Events
            <select value={scope} onChange={(e) => setScope(e.target.value as 'filter' | 'selection')} data-testid="export-scope">
              <option value="filter">
                {describeQuery(query)}
                {matching !== null ? ` (${fmtCount(matching)})` : ''}
              </option>
              <option value="selection" disabled={!selectedIds.length}>
                {selectedIds.length > 1
                  ? `the ${fmtCount(selectedIds.length)} selected events`
                  : `the selected event${selectedIds.length ? '' : ' (select one in the timeline)'}`}
              </option>
            </select>
          </label>
          <label>
            Format
            <select ref={first} value={format} onChange={(e) => setFormat(e.target.value as ExportFormat)} data-testid="export-format">
              {EXPORT_FORMATS.map((f) => (
                <option key={f} value={f}>
                  {f.toUpperCase()}
                </option>
              ))}
            </select>
          </label>
          <fieldset>
            <legend>Records</legend>
            <label>
              <input type="radio" name="export-mode" checked={mode === 'raw'} onChange={() => setMode('raw')} data-testid="export-raw" /> raw: each record
              exactly as it was read
            </label>
            <label>
              <input type="radio" name="export-mode" checked={mode === 'normalized'} onChange={() => setMode('normalized')} data-testid="export-normalized" />{' '}
              normalized: the event model (plus the raw record)
            </label>
          </fieldset>
          <fieldset className="redact">
            <legend>Redact (values replaced by [REDACTED]; the manifest lists every row)</legend>
            {REDACTABLE_FIELDS.map((f) => (
              <label key={f} className="inline">
                <input
                  type="checkbox"
                  checked={redact.includes(f)}
                  onChange={(e) => setRedact((r) => (e.target.checked ? [...r, f] : r.filter((x) => x !== f)))}
                />{' '}
                {f}
              </label>
            ))}
          </fieldset>
          <p className="muted">
            To export a tag or the bookmarked events, filter the timeline by them first (Notes panel, Alt+L): the current filter is what is exported. The export
            is written to the case's exports folder with manifest.json, SHA256SUMS and verify.mjs.
          </p>
          {running && (
            <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} data-testid="export-progress">
              <div style={{ width: `${pct}%` }} />
            </div>
          )}
          {error && (
            <div className="form-error" role="alert" data-testid="export-error">
              {error}
            </div>
          )}
          {result && (
            <div className="export-result" data-testid="export-result" data-dir={result.dir}>
              <p>
                {fmtCount(result.rows)} events written to <span className="mono">{result.dir}</span>
              </p>
              <p className="mono small">
                {result.dataFile} SHA-256 {result.dataSha256}
                <br />
                manifest.json SHA-256 {result.manifestSha256}
              </p>
              {result.neutralisedCells > 0 && (
                <p>{fmtCount(result.neutralisedCells)} CSV cells neutralised against spreadsheet formulas (listed in the manifest).</p>
              )}
              {inBrowser && (
                <ul className="export-files">
                  {result.files.map((f) => (
                    <li key={f}>
                      <a
                        href={`${EXPORT_DOWNLOAD_PATH}${encodeURIComponent(folder ?? '')}/${encodeURIComponent(f)}`}
                        download={f}
                        data-testid="export-download"
                      >
                        Download {f}
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </div>
          )}
        </div>
        <footer>
          <span className="spacer" />
          <button onClick={onClose} disabled={!!running}>
            Close
          </button>
          <button className="primary" onClick={() => void start()} disabled={!!running} data-testid="export-start">
            {running ? 'Exporting…' : 'Export'}
          </button>
        </footer>
      </div>
    </div>
  );
}
