import { encodingLabel } from '../../../shared/text-encoding';
import type { Provenance } from '../../../shared/event';
import { fmtBytes, fmtCount } from '../util/format';

export function ProvenanceView({ p }: { p: Provenance }) {
  if (p.kind === 'api') {
    return (
      <dl className="kv" data-testid="provenance">
        <dt>Source</dt>
        <dd>{p.source}</dd>
        <dt>Request URL</dt>
        <dd className="mono wrap">{p.url}</dd>
        <dt>Page</dt>
        <dd className="mono">
          {p.page} (record {p.index})
        </dd>
      </dl>
    );
  }
  return (
    <dl className="kv" data-testid="provenance">
      <dt>File</dt>
      <dd className="mono wrap">{p.path}</dd>
      {p.originalName && (
        <>
          <dt>Original name</dt>
          <dd>{p.originalName}</dd>
        </>
      )}
      <dt>SHA-256</dt>
      <dd className="mono wrap small">{p.sha256}</dd>
      <dt>Line</dt>
      <dd className="mono">{fmtCount(p.line)}</dd>
      <dt>Bytes</dt>
      <dd className="mono">
        offset {fmtCount(p.offset)}, length {fmtCount(p.length)} ({fmtBytes(p.length)}){p.gzip ? ' · in the decompressed gzip' : ''}
        {p.encoding ? ' · in the text decoded to UTF-8' : ''}
      </dd>
      {p.encoding && (
        <>
          <dt>Encoding</dt>
          <dd data-testid="provenance-encoding">{encodingLabel(p.encoding)}, decoded to UTF-8 on import</dd>
        </>
      )}
    </dl>
  );
}
