// Review and correct how one source's records map to model fields; saving re-derives its events.
import { useEffect, useId, useMemo, useState } from 'react';
import type { CaseInfo, SourceInfo } from '../../../shared/contract';
import { MAPPED_FIELDS, type MappedField } from '../../../shared/event';
import type { FieldPaths, MappingReview } from '../../../shared/mapping';
import { useBackend } from '../api/BackendContext';
import { errorMessage } from '../util/format';
import { LookupTable, lookupRows, lookupTables, type LookupRow } from './LookupTable';
import { PathList } from './PathList';

/** Below this an inferred field is a guess worth a look. */
const LOW_CONFIDENCE = 0.6;

interface Props {
  source: SourceInfo;
  onClose(): void;
  onSaved(info: CaseInfo): void;
}

export function MappingDialog({ source, onClose, onSaved }: Props) {
  const { api } = useBackend();
  const listId = useId();
  const [review, setReview] = useState<MappingReview | null>(null);
  const [fields, setFields] = useState<FieldPaths>({});
  const [vendor, setVendor] = useState('');
  const [labels, setLabels] = useState<LookupRow[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  useEffect(() => {
    api
      .getMapping({ sourceId: source.id })
      .then((r) => {
        setReview(r);
        setFields(r.mapping.fields);
        setVendor(r.mapping.vendor);
        setLabels(lookupRows(r.mapping.lookups));
      })
      .catch((e: unknown) => setError(errorMessage(e)));
  }, [api, source.id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);

  const save = () => {
    if (!review) return;
    const cleaned: FieldPaths = {};
    for (const f of MAPPED_FIELDS) {
      const paths = (fields[f] ?? []).map((p) => p.trim()).filter(Boolean);
      if (paths.length) cleaned[f] = paths;
    }
    setSaving(true);
    setError(null);
    api
      .saveMapping({
        sourceId: source.id,
        mapping: {
          ...review.mapping,
          vendor: vendor.trim() || review.mapping.vendor,
          fields: cleaned,
          lookups: lookupTables(labels),
          origin: 'saved',
        },
        reapply: true,
      })
      .then(onSaved)
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setSaving(false));
  };

  const examples = useMemo(() => new Map(review?.paths.map((p) => [p.path, p.example]) ?? []), [review]);
  const samples = (f: MappedField) => review?.samples.find((s) => s.field === f)?.values ?? [];

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div className="modal mapping-dialog" role="dialog" aria-label="Mapping" data-testid="mapping-dialog">
        <header>
          <b>Mapping</b>
          <span>{source.originalName ?? source.name}</span>
          {review && (
            <span className={`origin origin-${review.mapping.origin}`} data-testid="mapping-origin">
              {review.mapping.origin}
            </span>
          )}
          {review && (
            <label className="vendor-name">
              <span className="muted">vendor</span>
              <input
                data-testid="mapping-vendor"
                value={vendor}
                onChange={(e) => setVendor(e.target.value)}
                title="The name this source's events carry; rename it freely"
              />
            </label>
          )}
          {review?.product && (
            <span className="muted small" data-testid="mapping-product">
              {review.product}
            </span>
          )}
          <span className="spacer" />
          <button className="icon" onClick={onClose} title="Close (Esc)">
            ×
          </button>
        </header>
        {error && (
          <div className="form-error" role="alert" data-testid="mapping-error">
            {error}
          </div>
        )}
        {!review && !error && <div className="muted pad">Loading mapping…</div>}
        {review && (
          <>
            <datalist id={listId}>
              {review.paths.map((p) => (
                <option key={p.path} value={p.path} label={p.example.slice(0, 80)} />
              ))}
            </datalist>
            <div className="mapping-scroll">
              <table className="mapping-table" data-testid="mapping-table">
                <thead>
                  <tr>
                    <th>Model field</th>
                    <th>Source path(s), first with a value wins</th>
                    <th>Confidence</th>
                    <th>Sample values</th>
                  </tr>
                </thead>
                <tbody>
                  {MAPPED_FIELDS.map((f) => {
                    const c = review.mapping.confidence?.[f];
                    const low = c !== undefined && c < LOW_CONFIDENCE;
                    return (
                      <tr key={f} className={low ? 'low-confidence' : ''} data-testid="mapping-row" data-field={f}>
                        <td className="mono">{f}</td>
                        <td>
                          <PathList
                            field={f}
                            paths={fields[f] ?? []}
                            listId={listId}
                            examples={examples}
                            onChange={(paths) => setFields((prev) => ({ ...prev, [f]: paths }))}
                          />
                        </td>
                        <td className={`conf${low ? ' low' : ''}`}>{c === undefined ? <span className="muted">—</span> : `${Math.round(c * 100)}%`}</td>
                        <td className="samples mono">
                          {samples(f)
                            .slice(0, 3)
                            .map((v, i) => (
                              <div key={i} title={v}>
                                {v}
                              </div>
                            ))}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              <LookupTable rows={labels} onChange={setLabels} />
            </div>
          </>
        )}
        <footer>
          <span className="muted small">Saving re-derives this source's model fields; raw records are never changed.</span>
          <span className="spacer" />
          <button onClick={onClose}>Cancel</button>
          <button className="primary" onClick={save} disabled={!review || saving} data-testid="mapping-save">
            {saving ? 'Saving…' : 'Save mapping'}
          </button>
        </footer>
      </div>
    </div>
  );
}
