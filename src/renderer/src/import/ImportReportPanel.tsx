import type { FinishedImport } from './useImports';
import { FileReport } from './FileReport';

interface Props {
  finished: FinishedImport[];
  onDismiss(jobId: string): void;
}

/** Results of finished imports, newest first, each kept until dismissed. */
export function ImportReportPanel({ finished, onDismiss }: Props) {
  if (!finished.length) return null;
  return (
    <div className="import-reports" data-testid="import-report">
      {finished.map((f) => (
        <section key={f.jobId} className="import-report" data-testid="import-report-item">
          <header>
            <b>Import {f.report?.cancelled ? 'cancelled' : f.error ? 'failed' : 'finished'}</b>
            <span className="muted">
              {f.names.length === 1 ? f.names[0] : `${f.names.length} files`}
            </span>
            <span className="spacer" />
            <button className="icon" onClick={() => onDismiss(f.jobId)} title="Dismiss" data-testid="import-report-dismiss">
              ×
            </button>
          </header>
          {f.error && (
            <div className="form-error" role="alert">
              {f.error}
            </div>
          )}
          {f.report?.files.map((file, i) => (
            <FileReport key={i} file={file} name={f.report!.files.length === f.names.length ? f.names[i] : undefined} />
          ))}
        </section>
      ))}
    </div>
  );
}
