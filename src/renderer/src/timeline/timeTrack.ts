// The Time column is as wide as a time formatted in the display zone (23 monospace characters in UTC,
// 30 with an offset), so the columns beside it keep their room at 1280 px; a resize still overrides it.
import { formatInZone, type DisplayZone } from '../../../shared/display-zone';

/** Cell padding (6 px a side) and a one-character time-flag badge with its gap. */
const EXTRA = 12 + 22;
const SAMPLE = '2026-12-28T23:59:59.999Z';

let canvas: HTMLCanvasElement | null = null;

export function timeTrackWidth(zone: DisplayZone): number {
  const text = formatInZone(SAMPLE, zone);
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const mono = getComputedStyle(document.documentElement).getPropertyValue('--mono').trim() || 'monospace';
  if (!ctx) return Math.ceil(text.length * 7.3) + EXTRA;
  ctx.font = `12px ${mono}`;
  return Math.ceil(ctx.measureText(text).width) + EXTRA;
}
