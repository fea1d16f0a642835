// Event counts over time for the current filter. Drag across bars (or Shift+←/→ then Enter) to zoom
// the timeline to that range; Escape clears the time range.
import { useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Histogram } from '../../../shared/investigate';
import { fmtCount } from '../util/format';
import { formatInZone } from '../../../shared/display-zone';
import { useDisplayZone } from '../timezone/DisplayZoneContext';

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
  const n = h?.buckets.length ?? 0;
  if (!h || n === 0) return <div className="histogram empty muted small">{h ? 'no timed events' : ''}</div>;
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
    onRange(h.buckets[x].start, h.buckets[y].end);
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
    else if (e.key === 'Escape') {
      setBrush(null);
      onReset();
    } else return;
    e.preventDefault();
  };
  const first = h.buckets[0].start;
  const last = h.buckets[n - 1].end;
  return (
    <div className="histogram" data-testid="histogram" data-buckets={n} data-unit={h.label}>
      <svg
        viewBox={`0 0 ${n} ${HEIGHT}`}
        preserveAspectRatio="none"
        tabIndex={0}
        role="slider"
        aria-label={`Events over time, ${h.label} per bar; drag or Shift+arrows then Enter to zoom, Escape to reset`}
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
        {h.buckets.map((b, i) => {
          const bh = b.count ? Math.max(1.5, (b.count / max) * (HEIGHT - 2)) : 0;
          return (
            <rect key={b.start} x={i + 0.08} width={0.84} y={HEIGHT - bh} height={bh} className={i >= lo && i <= hi ? 'hbar brushed' : 'hbar'}>
              <title>{`${formatInZone(b.start, zone)} – ${formatInZone(b.end, zone)}${zone === 'UTC' ? ' UTC' : ''}: ${fmtCount(b.count)}`}</title>
            </rect>
          );
        })}
        {brush && <rect x={lo} width={hi - lo + 1} y={0} height={HEIGHT} className="hbrush" />}
      </svg>
      <div className="histogram-axis small muted">
        <span className="mono" data-testid="histogram-first">
          {formatInZone(first, zone)}
        </span>
        <span>
          {h.label} per bar{h.untimed ? ` · ${fmtCount(h.untimed)} without time` : ''}
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
