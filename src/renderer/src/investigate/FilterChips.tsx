// The exact-value filters (from cells, facets and traces) and the annotation filters (tag, bookmarked,
// noted) as removable chips.
import type { Condition } from '../../../shared/query';
import { conditionLabel } from '../../../shared/query';

export interface AnnotationChips {
  tag: string;
  bookmarked: boolean;
  noted: boolean;
  /** A detection rule's id, shown by its title. */
  finding?: string;
  findingTitle?: string;
}

interface Props {
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

export function FilterChips({ chips, onRemove, annotations, onRemoveAnnotation }: Props) {
  const a = annotations;
  if (!chips.length && !a?.tag && !a?.bookmarked && !a?.noted && !a?.finding) return null;
  const drop = (k: keyof AnnotationChips) => () => onRemoveAnnotation?.(k);
  return (
    <div className="chips" data-testid="filter-chips" aria-label="Filters">
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
