import type { JobProgress } from '../../../shared/contract';
import { baseName, fmtBytes, fmtCount } from '../util/format';

interface Props {
  jobs: JobProgress[];
  jobNames: Map<string, string[]>;
  starting: { jobId: string; names: string[] }[];
  onCancel(jobId: string): void;
}

/** One bar per running job; the bar is the current file's bytes, the label says which file of how many. */
export function ImportProgress({ jobs, jobNames, starting, onCancel }: Props) {
  if (!jobs.length && !starting.length) return null;
  return (
    <div className="import-progress" data-testid="import-progress">
      {starting.map((s) => (
        <div key={s.jobId} className="job" data-testid="progress-starting">
          <span className="job-file">Sending {s.names.length === 1 ? s.names[0] : `${s.names.length} files`}…</span>
          <div className="bar indeterminate">
            <div />
          </div>
          <button onClick={() => onCancel(s.jobId)}>Cancel</button>
        </div>
      ))}
      {jobs.map((j) => {
        const pct = j.bytesTotal > 0 ? Math.min(100, (100 * j.bytesDone) / j.bytesTotal) : 0;
        const names = jobNames.get(j.jobId);
        const name = names && names.length === j.fileCount ? names[j.fileIndex] : baseName(j.file);
        return (
          <div key={j.jobId} className="job" data-testid="progress-job" data-job-id={j.jobId}>
            <span className="job-file" title={j.file}>
              {name}{' '}
              <span className="muted">
                ({j.fileIndex + 1}/{j.fileCount})
              </span>
            </span>
            <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)} data-testid="progress-bar">
              <div style={{ width: `${pct}%` }} />
            </div>
            <span className="job-stats mono">
              {j.kind === 'search-index'
                ? `${pct.toFixed(0)}% · building the full-text index (first search): ${fmtCount(j.bytesDone)}/${fmtCount(j.bytesTotal)} events`
                : j.phase === 'indexing'
                  ? `${fmtCount(j.events)} events stored · building indexes and saving…`
                  : `${pct.toFixed(0)}% · ${fmtBytes(j.bytesDone)}/${fmtBytes(j.bytesTotal)} · ${fmtCount(j.events)} events`}
            </span>
            {j.kind !== 'search-index' && (
              <button onClick={() => onCancel(j.jobId)} data-testid="progress-cancel">
                Cancel
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
