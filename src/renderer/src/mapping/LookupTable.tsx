// Code → label tables of a mapping (Bitwarden's event type 1000 → User_LoggedIn): events show the
// label, the raw record keeps the code. Rows are edited as a flat list and folded back per field.
import { MAPPED_FIELDS, type MappedField } from '../../../shared/event';
import type { Mapping } from '../../../shared/mapping';

export interface LookupRow {
  field: MappedField;
  code: string;
  label: string;
}

// Fields whose values are text a label can stand for (not times, outcomes or before/after states).
const LABELLED: MappedField[] = MAPPED_FIELDS.filter((f) => ['action', 'actor', 'targetType', 'targetId', 'userAgent'].includes(f));

export function lookupRows(lookups: Mapping['lookups']): LookupRow[] {
  const rows: LookupRow[] = [];
  for (const [field, table] of Object.entries(lookups ?? {}) as [MappedField, Record<string, string>][])
    for (const [code, label] of Object.entries(table)) rows.push({ field, code, label });
  return rows;
}

/** Rows back to tables; a row missing its code or label is left out. */
export function lookupTables(rows: LookupRow[]): Mapping['lookups'] {
  const out: NonNullable<Mapping['lookups']> = {};
  for (const r of rows) {
    const code = r.code.trim();
    const label = r.label.trim();
    if (!code || !label) continue;
    (out[r.field] ??= {})[code] = label;
  }
  return out;
}

interface Props {
  rows: LookupRow[];
  onChange(rows: LookupRow[]): void;
}

export function LookupTable({ rows, onChange }: Props) {
  const set = (i: number, patch: Partial<LookupRow>) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <section className="lookup-table" data-testid="lookup-table">
      <header>
        <b>Value labels</b>
        <span className="muted small">A code in the source shown as a label; the raw record keeps the code.</span>
        <span className="spacer" />
        <button data-testid="lookup-add" onClick={() => onChange([...rows, { field: 'action', code: '', label: '' }])}>
          + Add label
        </button>
      </header>
      {rows.length > 0 && (
        <div className="lookup-rows">
          {rows.map((r, i) => (
            <div className="lookup-row" key={i} data-testid="lookup-row">
              <select aria-label="Field" value={r.field} onChange={(e) => set(i, { field: e.target.value as MappedField })}>
                {LABELLED.map((f) => (
                  <option key={f} value={f}>
                    {f}
                  </option>
                ))}
              </select>
              <input
                className="mono"
                aria-label="Code"
                data-testid="lookup-code"
                value={r.code}
                placeholder="code"
                onChange={(e) => set(i, { code: e.target.value })}
              />
              <span className="muted">→</span>
              <input aria-label="Label" data-testid="lookup-label" value={r.label} placeholder="label" onChange={(e) => set(i, { label: e.target.value })} />
              <button className="icon" title="Remove" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                ×
              </button>
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
