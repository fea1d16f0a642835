// Event counts over time for the current filter. Drag across bars (or Shift+←/→ then Enter) to zoom
// the timeline to that range; Escape clears the time range. L (or the "log" button) switches a log
// scale, kept in this profile; empty runs of a year or more are drawn as one narrow gap.
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Histogram } from '../../../shared/investigate';
import { fmtCount } from '../util/format';
import { formatInZone } from '../../../shared/display-zone';
import { useDisplayZone } from '../timezone/DisplayZoneContext';
import { useStoredNumber } from '../util/useStoredNumber';
import { barHeight, histogramSlots } from './histogramSlots';

interface Props {
  h: Histogram | null;
  onRange(from: string, to: string): void;
  onReset(): void;
  zoomed: boolean;
}

const HEIGHT = 56;

export function TimeHistogram({ h, onRange, onReset, zoomed }: Props) {
  const [brush, setBrush] = useState<{ a: number; b: number } | null>(null);
  const [dragging, setDragging] = useState(false);
  const { zone } = useDisplayZone();
  const [logStored, setLog] = useStoredNumber('auditdesk.histogram.log');
  const log = logStored === 1;
  const toggleLog = () => setLog(log ? 0 : 1);
  if (!h || h.buckets.length === 0) return <div className="histogram empty muted small">{h ? 'no timed events' : ''}</div>;
  const slots = histogramSlots(h.buckets);
  const n = slots.length;
  const gaps = slots.filter((s) => s.kind === 'gap').length;
  const max = Math.max(1, ...h.buckets.map((b) => b.count));
  const lo = brush ? Math.min(brush.a, brush.b) : -1;
  const hi = brush ? Math.max(brush.a, brush.b) : -1;
  const bucketAt = (e: PointerEvent<SVGSVGElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(n - 1, Math.floor(((e.clientX - r.left) / r.width) * n)));
  };
  const apply = (a: number, b: number) => {
    const [x, y] = [Math.min(a, b), Math.max(a, b)];
    setBrush(null);
    onRange(h.buckets[slots[x].first].start, h.buckets[slots[y].last].end);
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    const cur = brush ?? { a: 0, b: 0 };
    const move = (d: number) => {
      const b = Math.max(0, Math.min(n - 1, cur.b + d));
      setBrush(e.shiftKey ? { a: cur.a, b } : { a: b, b });
    };
    if (e.key === 'ArrowRight') move(1);
    else if (e.key === 'ArrowLeft') move(-1);
    else if (e.key === 'Enter' && brush) apply(brush.a, brush.b);
    else if (e.key === 'l' || e.key === 'L') toggleLog();
    else if (e.key === 'Escape') {
      setBrush(null);
      onReset();
    } else return;
    e.preventDefault();
  };
  const first = h.buckets[0].start;
  const last = h.buckets[h.buckets.length - 1].end;
  const when = (a: string, b: string) => `${formatInZone(a, zone)} – ${formatInZone(b, zone)}${zone === 'UTC' ? ' UTC' : ''}`;
  return (
    <div className="histogram" data-testid="histogram" data-buckets={h.buckets.length} data-unit={h.label} data-log={log} data-gaps={gaps}>
      <svg
        viewBox={`0 0 ${n} ${HEIGHT}`}
        preserveAspectRatio="none"
        tabIndex={0}
        role="slider"
        aria-label={`Events over time, ${h.label} per bar${log ? ', log scale' : ''}; drag or Shift+arrows then Enter to zoom, Escape to reset, L for log scale`}
        aria-valuemin={0}
        aria-valuemax={n - 1}
        aria-valuenow={brush?.b ?? 0}
        onKeyDown={onKey}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          const i = bucketAt(e);
          setBrush({ a: i, b: i });
          setDragging(true);
        }}
        onPointerMove={(e) => {
          if (!dragging) return;
          // Read the position now: React's event has no currentTarget by the time an updater runs.
          const i = bucketAt(e);
          setBrush((b) => (b ? { a: b.a, b: i } : b));
        }}
        onPointerUp={(e) => {
          setDragging(false);
          if (brush) apply(brush.a, bucketAt(e));
        }}
      >
        {slots.map((s, i) => {
          if (s.kind === 'gap') {
            const [a, b] = [h.buckets[s.first].start, h.buckets[s.last].end];
            return (
              <g key={a} className="hgap" data-testid="histogram-gap">
                <rect x={i} width={1} y={0} height={HEIGHT} className="hgap-area">
                  <title>{`no events ${when(a, b)} (skipped)`}</title>
                </rect>
                <line x1={i + 0.3} x2={i + 0.3} y1={0} y2={HEIGHT} />
                <line x1={i + 0.7} x2={i + 0.7} y1={0} y2={HEIGHT} />
              </g>
            );
          }
          const b = h.buckets[s.first];
          const bh = barHeight(b.count, max, log, HEIGHT - 2);
          return (
            <rect key={b.start} x={i + 0.08} width={0.84} y={HEIGHT - bh} height={bh} className={i >= lo && i <= hi ? 'hbar brushed' : 'hbar'}>
              <title>{`${when(b.start, b.end)}: ${fmtCount(b.count)}`}</title>
            </rect>
          );
        })}
        {brush && <rect x={lo} width={hi - lo + 1} y={0} height={HEIGHT} className="hbrush" />}
      </svg>
      <div className="histogram-axis small muted">
        <span className="mono" data-testid="histogram-first">
          {formatInZone(first, zone)}
        </span>
        <span className="histogram-scale">
          {h.label} per bar{gaps ? ' · empty years skipped' : ''}
          {h.untimed ? ` · ${fmtCount(h.untimed)} without time` : ''}{' '}
          <button className="link" aria-pressed={log} data-testid="histogram-log" onClick={toggleLog} title="Log scale (L)">
            log scale
          </button>
          {zoomed && (
            <button className="link" data-testid="histogram-reset" onClick={onReset}>
              {' '}
              reset zoom
            </button>
          )}
        </span>
        <span className="mono" data-testid="histogram-last">
          {formatInZone(last, zone)}
        </span>
      </div>
    </div>
  );
}
