// The four numbers of the current filter: events, failures, warnings/denials, distinct actors.
import type { QuerySummary } from '../../../shared/investigate';
import { fmtCount } from '../util/format';

export function HeroMetrics({ s }: { s: QuerySummary | null }) {
  const items: [string, string, number | undefined, string][] = [
    ['total', 'events', s?.total, ''],
    ['failures', 'FAIL', s?.failures, 'hero-fail'],
    ['warnings', 'WARN / denied', s?.warnings, 'hero-warn'],
    ['actors', 'distinct actors', s?.distinctActors, ''],
  ];
  return (
    <div className="hero" data-testid="hero">
      {items.map(([id, label, v, cls]) => (
        <div key={id} className={`hero-item ${v ? cls : ''}`} data-testid={`hero-${id}`} data-value={v ?? ''}>
          <div className="hero-value">{v === undefined ? '…' : fmtCount(v)}</div>
          <div className="hero-label">{label}</div>
        </div>
      ))}
    </div>
  );
}
