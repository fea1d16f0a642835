// The filter's histogram as inline SVG: part of the page itself, so nothing is loaded to draw it.
import type { Histogram } from '../../../shared/investigate';
import { esc } from './html';

const W = 1000;
const H = 170;
const PAD = { left: 44, right: 8, top: 10, bottom: 30 };

export function histogramSvg(h: Histogram): string {
  if (!h.buckets.length) return '<p class="muted">No timed events match the filter.</p>';
  const max = Math.max(1, ...h.buckets.map((b) => b.count));
  const plotW = W - PAD.left - PAD.right;
  const plotH = H - PAD.top - PAD.bottom;
  const bw = plotW / h.buckets.length;
  const bars = h.buckets
    .map((b, i) => {
      const bh = b.count ? Math.max(1, (b.count / max) * plotH) : 0;
      const x = PAD.left + i * bw;
      return `<rect x="${x.toFixed(1)}" y="${(PAD.top + plotH - bh).toFixed(1)}" width="${Math.max(1, bw - 1).toFixed(1)}" height="${bh.toFixed(1)}"><title>${esc(b.start)}: ${b.count}</title></rect>`;
    })
    .join('');
  const first = h.buckets[0].start;
  const last = h.buckets[h.buckets.length - 1].end;
  return `<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label="Events over time, ${esc(h.label)} buckets" xmlns="http://www.w3.org/2000/svg">
<line x1="${PAD.left}" y1="${PAD.top + plotH}" x2="${W - PAD.right}" y2="${PAD.top + plotH}" stroke="#9aa3ad"/>
${bars}
<text x="${PAD.left - 6}" y="${PAD.top + 8}" text-anchor="end">${max}</text>
<text x="${PAD.left - 6}" y="${PAD.top + plotH}" text-anchor="end">0</text>
<text x="${PAD.left}" y="${H - 10}">${esc(first)}</text>
<text x="${W - PAD.right}" y="${H - 10}" text-anchor="end">${esc(last)}</text>
<text x="${PAD.left + plotW / 2}" y="${H - 10}" text-anchor="middle">${esc(h.label)} per bar${h.untimed ? `, ${h.untimed} events without a time` : ''}</text>
</svg>`;
}
