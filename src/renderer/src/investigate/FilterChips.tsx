// The filter box's query as chips, one per top-level AND clause: clicking a chip negates it, × removes
// it (both rewrite the query text); then the annotation filters (tag, bookmarked, noted) and the exact
// field = value filters of views saved before the query language.
import type { Condition } from '../../../shared/query';
import { conditionLabel } from '../../../shared/query';
import { tryParseQuery } from '../../../shared/ql';
import { clausesOf, toText } from '../../../shared/ql-text';

export interface AnnotationChips {
  tag: string;
  bookmarked: boolean;
  noted: boolean;
  /** A detection rule's id, shown by its title. */
  finding?: string;
  findingTitle?: string;
}

interface Props {
  /** The filter box's text. */
  query: string;
  onNegate(k: number): void;
  onRemoveClause(k: number): void;
  chips: Condition[];
  onRemove(c: Condition): void;
  annotations?: AnnotationChips;
  onRemoveAnnotation?(which: keyof AnnotationChips): void;
}

function Chip({ label, field, value, onRemove }: { label: string; field: string; value: string; onRemove(): void }) {
  return (
    <span className="chip" data-testid="chip" data-field={field} data-value={value}>
      <span className="mono">{label}</span>
      <button className="icon" aria-label={`Remove filter ${label}`} onClick={onRemove}>
        ×
      </button>
    </span>
  );
}

export function FilterChips({ query, onNegate, onRemoveClause, chips, onRemove, annotations, onRemoveAnnotation }: Props) {
  const a = annotations;
  const clauses = clausesOf(tryParseQuery(query).tree);
  if (!clauses.length && !chips.length && !a?.tag && !a?.bookmarked && !a?.noted && !a?.finding) return null;
  const drop = (k: keyof AnnotationChips) => () => onRemoveAnnotation?.(k);
  return (
    <div className="chips" data-testid="filter-chips" aria-label="Filters">
      {clauses.map((c, k) => {
        const label = toText(c);
        const negated = c.type === 'not';
        return (
          <span key={`${k}:${label}`} className={`chip qchip${negated ? ' negated' : ''}`} data-testid="query-chip" data-clause={label}>
            <button
              className="chip-body mono"
              title={negated ? 'click to filter for it again' : 'click to negate (filter it out)'}
              aria-label={`Negate ${label}`}
              onClick={() => onNegate(k)}
            >
              {label}
            </button>
            <button className="icon" aria-label={`Remove ${label}`} onClick={() => onRemoveClause(k)}>
              ×
            </button>
          </span>
        );
      })}
      {chips.map((c) => (
        <Chip key={conditionLabel(c)} label={conditionLabel(c)} field={c.field} value={c.value} onRemove={() => onRemove(c)} />
      ))}
      {a?.tag && <Chip label={`tag = ${a.tag}`} field="tag" value={a.tag} onRemove={drop('tag')} />}
      {a?.bookmarked && <Chip label="bookmarked" field="bookmarked" value="true" onRemove={drop('bookmarked')} />}
      {a?.noted && <Chip label="has a note" field="noted" value="true" onRemove={drop('noted')} />}
      {a?.finding && <Chip label={`finding = ${a.findingTitle || a.finding}`} field="finding" value={a.finding} onRemove={drop('finding')} />}
    </div>
  );
}
