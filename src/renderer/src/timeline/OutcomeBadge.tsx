import type { Outcome } from '../../../shared/event';

export function OutcomeBadge({ outcome }: { outcome: Outcome }) {
  return (
    <span className={`badge outcome-${outcome}`} data-testid="outcome-badge">
      {outcome}
    </span>
  );
}
