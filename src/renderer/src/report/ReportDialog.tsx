// The incident report from the UI: a title and whether to include the findings; the report covers the
// case's bookmarked, tagged and noted events and the current filter's histogram. It is written to the
// case's exports folder with its evidence export; in the browser it is offered as a download.
import { useRef, useState, type FormEvent } from 'react';
import { EXPORT_DOWNLOAD_PATH } from '../../../shared/export';
import type { EventQuery } from '../../../shared/query';
import type { ReportSummary } from '../../../shared/report';
import { describeQuery } from '../../../shared/describe-query';
import { useBackend } from '../api/BackendContext';
import { errorMessage, fmtCount } from '../util/format';
import { useDialogKeys } from '../util/useDialogKeys';

interface Props {
  query: EventQuery;
  onClose(): void;
}

export function ReportDialog({ query, onClose }: Props) {
  const { api } = useBackend();
  const [title, setTitle] = useState('');
  const [findings, setFindings] = useState(true);
  const [pdf, setPdf] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<ReportSummary | null>(null);
  const [error, setError] = useState<string | null>(null);
  const first = useRef<HTMLInputElement>(null);

  useDialogKeys(first, onClose, running);

  const inBrowser = window.location.protocol.startsWith('http');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setRunning(true);
    setError(null);
    setResult(null);
    try {
      setResult(await api.buildReport({ query, includeFindings: findings, ...(pdf ? { pdf } : {}), ...(title.trim() ? { title: title.trim() } : {}) }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setRunning(false);
    }
  };

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && !running && onClose()}>
      <form className="modal export-dialog" role="dialog" aria-label="Incident report" data-testid="report-dialog" onSubmit={(e) => void submit(e)}>
        <header>
          <strong>Incident report</strong>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={running} aria-label="Close">
            ×
          </button>
        </header>
        <div className="pad export-form">
          <label>
            Title
            <input ref={first} value={title} onChange={(e) => setTitle(e.target.value)} placeholder="Incident report: case name" data-testid="report-title" />
          </label>
          <label className="inline">
            <input type="checkbox" checked={findings} onChange={(e) => setFindings(e.target.checked)} data-testid="report-findings" /> Include the findings of
            the last detection run
          </label>
          {!inBrowser && (
            <label className="inline">
              <input type="checkbox" checked={pdf} onChange={(e) => setPdf(e.target.checked)} data-testid="report-pdf" /> Also save it as PDF (beside the HTML
              file)
            </label>
          )}
          <p className="muted">
            The report holds the bookmarked, tagged and noted events with their notes, and the histogram of {describeQuery(query)}. Every event it cites is
            exported beside it as evidence (manifest.json, SHA256SUMS, verify.mjs); the report states the manifest's SHA-256.
          </p>
          {error && (
            <div className="form-error" role="alert" data-testid="report-error">
              {error}
            </div>
          )}
          {result && (
            <div className="export-result" data-testid="report-result" data-file={result.file}>
              <p>
                Report of {fmtCount(result.events)} event{result.events === 1 ? '' : 's'} written to <span className="mono">{result.file}</span>
              </p>
              <p className="mono small">
                evidence {result.evidenceDir}
                <br />
                manifest.json SHA-256 {result.manifestSha256}
                {result.pdf && (
                  <>
                    <br />
                    PDF {result.pdf}
                  </>
                )}
              </p>
              {inBrowser && result.download && (
                <p>
                  <a href={`${EXPORT_DOWNLOAD_PATH}${result.download.split('/').map(encodeURIComponent).join('/')}`} download data-testid="report-download">
                    Download the report
                  </a>
                </p>
              )}
              <p className="muted">Print / save as PDF: open the report in the browser and print it (Ctrl+P); its print layout never cuts a row in two.</p>
            </div>
          )}
        </div>
        <footer>
          <span className="spacer" />
          <button type="button" onClick={onClose} disabled={running}>
            Close
          </button>
          <button type="submit" className="primary" disabled={running} data-testid="report-start">
            {running ? 'Writing…' : 'Write report'}
          </button>
        </footer>
      </form>
    </div>
  );
}
