import { useState } from 'react';
import type { ImportReport } from '../../../shared/contract';
import { fmtCount } from '../util/format';
import type { FinishedImport } from './useImports';
import { FileReport } from './FileReport';

interface Props {
  finished: FinishedImport[];
  onDismiss(jobId: string): void;
}

/** The one line a collapsed report keeps: what was stored and what was refused. */
function summary(r: ImportReport | null): string {
  if (!r) return '';
  const sum = (f: (x: ImportReport['files'][number]) => number) => r.files.reduce((n, x) => n + f(x), 0);
  const errors = sum((x) => x.errors.length);
  const warnings = sum((x) => x.warnings.length);
  return [`${fmtCount(sum((x) => x.imported))} events stored`, errors ? `${fmtCount(errors)} rejected` : '', warnings ? `${fmtCount(warnings)} warnings` : '']
    .filter(Boolean)
    .join(' · ');
}

/**
 * Results of finished imports, newest first, each kept until dismissed. Each collapses to one line
 * (▸/▾), so a long report does not push the timeline off a small screen.
 */
export function ImportReportPanel({ finished, onDismiss }: Props) {
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  if (!finished.length) return null;
  const toggle = (jobId: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (!next.delete(jobId)) next.add(jobId);
      return next;
    });
  return (
    <div className="import-reports" data-testid="import-report">
      {finished.map((f) => {
        const open = !collapsed.has(f.jobId);
        return (
          <section key={f.jobId} className="import-report" data-testid="import-report-item" data-open={open}>
            <header>
              <button
                className="icon"
                aria-expanded={open}
                onClick={() => toggle(f.jobId)}
                title={open ? 'Collapse to one line' : 'Show the report'}
                data-testid="import-report-toggle"
              >
                {open ? '▾' : '▸'}
              </button>
              <b>Import {f.report?.cancelled ? 'cancelled' : f.error ? 'failed' : 'finished'}</b>
              <span className="muted">{f.names.length === 1 ? f.names[0] : `${f.names.length} files`}</span>
              {!open && <span className="import-summary">{f.error ?? summary(f.report)}</span>}
              <span className="spacer" />
              <button className="icon" onClick={() => onDismiss(f.jobId)} title="Dismiss" aria-label="Dismiss" data-testid="import-report-dismiss">
                ×
              </button>
            </header>
            {open && f.error && (
              <div className="form-error" role="alert">
                {f.error}
              </div>
            )}
            {open &&
              f.report?.files.map((file, i) => <FileReport key={i} file={file} name={f.report!.files.length === f.names.length ? f.names[i] : undefined} />)}
          </section>
        );
      })}
    </div>
  );
}
