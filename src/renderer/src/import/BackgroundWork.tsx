// A small status area for engine work that is not an import: what it is, how far, and Cancel where
// the engine can stop it (exports; the full-text index cannot be stopped half-built).
import type { JobProgress } from '../../../shared/contract';
import { fmtCount } from '../util/format';
import { useBackgroundWork } from './useBackgroundWork';

const CANCELLABLE = new Set<JobProgress['kind']>(['export']);

function describe(j: JobProgress): string {
  const of = `${fmtCount(j.bytesDone)} of ${fmtCount(j.bytesTotal)}`;
  if (j.kind === 'search-index') return `Building the full-text index for search: ${of} events`;
  if (j.kind === 'export') return `Exporting: ${of} events`;
  if (j.kind === 'detect') return `Running detection rules: ${of} events`;
  return `${j.kind}: ${of}`;
}

export function BackgroundWork({ onCancel }: { onCancel(jobId: string): void }) {
  const jobs = useBackgroundWork();
  if (!jobs.length) return null;
  return (
    <div className="work-status" role="status" data-testid="work-status">
      {jobs.map((j) => {
        const pct = j.bytesTotal > 0 ? Math.min(100, (100 * j.bytesDone) / j.bytesTotal) : 0;
        return (
          <div key={j.jobId} className="work-job" data-testid="work-job" data-kind={j.kind}>
            <span>{describe(j)}</span>
            <div className="bar" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(pct)}>
              <div style={{ width: `${pct}%` }} />
            </div>
            {CANCELLABLE.has(j.kind) && (
              <button onClick={() => onCancel(j.jobId)} data-testid="work-cancel">
                Cancel
              </button>
            )}
          </div>
        );
      })}
    </div>
  );
}
