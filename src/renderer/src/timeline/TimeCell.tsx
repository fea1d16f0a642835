import type { EventRow } from '../../../shared/event';
import { formatInZone } from '../../../shared/display-zone';
import { useDisplayZone } from '../timezone/DisplayZoneContext';

const FLAG_LABEL: Record<string, string> = {
  'no-zone': 'no zone',
  invalid: 'invalid',
  missing: 'no time',
};

/** One character in the cell, so the column stays as narrow as the time; the label is in its tooltip. */
const FLAG_MARK: Record<string, string> = {
  'no-zone': '?',
  invalid: '!',
  missing: '!',
};

const FLAG_HELP: Record<string, string> = {
  'no-zone': 'The source time had no zone or offset; it was read as UTC.',
  invalid: 'The source time could not be parsed.',
  missing: 'The record has no time.',
};

/** The time in the display zone, with UTC and the source's original text in the tooltip and any doubt about it shown inline. */
export function TimeCell({ row }: { row: EventRow }) {
  const { zone } = useDisplayZone();
  const title = [
    row.time ? `UTC: ${row.time}` : null,
    row.timeOriginal != null ? `Original: ${row.timeOriginal}` : null,
    row.timeFlag ? FLAG_HELP[row.timeFlag] : null,
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span className="time-cell" title={title}>
      <span className="mono" data-testid="time-text">
        {row.time ? formatInZone(row.time, zone) : (row.timeOriginal ?? '—')}
      </span>
      {row.timeFlag && (
        <span
          className={`time-flag flag-${row.timeFlag}`}
          data-testid="time-flag"
          aria-label={FLAG_LABEL[row.timeFlag] ?? row.timeFlag}
          title={FLAG_LABEL[row.timeFlag] ?? row.timeFlag}
        >
          {FLAG_MARK[row.timeFlag] ?? '!'}
        </span>
      )}
    </span>
  );
}
