import type { FileImportReport, RowMessage } from '../../../shared/contract';
import { encodingLabel } from '../../../shared/text-encoding';
import { baseName, fmtCount } from '../util/format';

const SHOWN = 20;

function Messages({ title, items, kind }: { title: string; items: RowMessage[]; kind: string }) {
  if (!items.length) return null;
  return (
    <details className={`messages ${kind}`} open={kind === 'errors'} data-testid={`report-${kind}`}>
      <summary>
        {fmtCount(items.length)} {title}
      </summary>
      <ul>
        {items.slice(0, SHOWN).map((m, i) => (
          <li key={i}>
            <span className="mono line">{m.line ? `line ${m.line}` : 'file'}</span> {m.message}
          </li>
        ))}
      </ul>
      {items.length > SHOWN && <div className="muted more">{fmtCount(items.length - SHOWN)} more</div>}
    </details>
  );
}

export function FileReport({ file, name }: { file: FileImportReport; name?: string }) {
  return (
    <div className="file-report" data-testid="file-report">
      <div className="file-report-head">
        <b title={file.path}>{name ?? baseName(file.path)}</b>
        <span className="tag">{file.format}</span>
        <span className="tag">{file.vendor}</span>
        {file.encoding && (
          <span
            className="tag warn"
            data-testid="report-encoding"
            title="The file was not UTF-8: its text was decoded to UTF-8, and verify decodes it the same way"
          >
            decoded from {encodingLabel(file.encoding)}
          </span>
        )}
        {file.alreadyImported && (
          <span className="tag warn" data-testid="already-imported">
            already imported
          </span>
        )}
      </div>
      <div className="file-report-counts">
        <span>
          <b>{fmtCount(file.imported)}</b> imported
        </span>
        <span>
          <b>{fmtCount(file.duplicates)}</b> duplicates
        </span>
        <span>
          <b>{fmtCount(file.skipped)}</b> skipped
        </span>
        <span className={file.errors.length ? 'bad' : ''}>
          <b>{fmtCount(file.errors.length)}</b> errors
        </span>
        <span className={file.warnings.length ? 'warn-text' : ''}>
          <b>{fmtCount(file.warnings.length)}</b> warnings
        </span>
      </div>
      <Messages title="errors (rows not stored)" items={file.errors} kind="errors" />
      <Messages title="warnings (rows stored, flagged)" items={file.warnings} kind="warnings" />
    </div>
  );
}
