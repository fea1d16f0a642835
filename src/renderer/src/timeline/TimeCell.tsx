import type { EventRow } from '../../../shared/event';
import { fmtUtc } from '../util/format';

const FLAG_LABEL: Record<string, string> = {
  'no-zone': 'no zone',
  invalid: 'invalid',
  missing: 'no time',
};

const FLAG_HELP: Record<string, string> = {
  'no-zone': 'The source time had no zone or offset; it was read as UTC.',
  invalid: 'The source time could not be parsed.',
  missing: 'The record has no time.',
};

/** UTC time, with the source's original text in the tooltip and any doubt about it shown inline. */
export function TimeCell({ row }: { row: EventRow }) {
  const title = [
    row.time ? `UTC: ${row.time}` : null,
    row.timeOriginal != null ? `Original: ${row.timeOriginal}` : null,
    row.timeFlag ? FLAG_HELP[row.timeFlag] : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span className="time-cell" title={title}>
      <span className="mono">{row.time ? fmtUtc(row.time) : row.timeOriginal ?? '—'}</span>
      {row.timeFlag && (
        <span className={`time-flag flag-${row.timeFlag}`} data-testid="time-flag">
          {FLAG_LABEL[row.timeFlag] ?? row.timeFlag}
        </span>
      )}
    </span>
  );
}
