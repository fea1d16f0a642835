// A sync run's completeness report, as stored with the case.
import type { SyncReport } from '../../../shared/sync';

export function SyncReportView({ report: r }: { report: SyncReport }) {
  return (
    <div className={`sync-report ${r.finished ? '' : 'warn'}`} data-testid="sync-report" data-finished={r.finished}>
      <strong>
        {r.source}: {r.finished ? 'finished' : 'not finished'} ({r.mode})
      </strong>
      <dl className="mono">
        <dt>pages</dt>
        <dd data-testid="sync-report-pages">{r.pages}</dd>
        <dt>received</dt>
        <dd>{r.received}</dd>
        <dt>new</dt>
        <dd data-testid="sync-report-new">{r.new}</dd>
        <dt>duplicates</dt>
        <dd>{r.duplicates}</dd>
        <dt>expected</dt>
        <dd>{r.expectedTotal ?? 'not stated'}</dd>
        <dt>retries</dt>
        <dd>{r.retries}</dd>
        <dt>gaps</dt>
        <dd>{r.gaps.length ? r.gaps.join('; ') : 'none'}</dd>
      </dl>
      {r.error && <div className="form-error">{r.error}</div>}
      {r.warnings.length > 0 && (
        <ul className="sync-report-warnings" data-testid="sync-report-warnings">
          {r.warnings.slice(0, 5).map((w, i) => (
            <li key={i}>{w}</li>
          ))}
          {r.warnings.length > 5 && <li>… {r.warnings.length - 5} more</li>}
        </ul>
      )}
    </div>
  );
}
