// Browsers cap an element's height (about 16.7M px in Chromium, less in others), and 1M rows of
// 28 px need 28M px. So the scroll container gets a capped "real" height and the list lives in a
// larger "virtual" space; positions map linearly between them. The end points map exactly (real 0 →
// virtual 0, real max → virtual max), so Home/End and dragging the thumb to either end reach the
// first and the last row. Small lists keep a 1:1 mapping and scroll natively.

/** Comfortably under every engine's limit (Firefox ~17.9M, Safari ~33M, Chromium ~16.7M). */
export const MAX_REAL_HEIGHT = 8_000_000;

export interface ScrollScale {
  /** Height of the spacer inside the scroll container. */
  readonly realHeight: number;
  readonly virtualHeight: number;
  /** Virtual px moved per real px (1 when the list fits). */
  readonly ratio: number;
  toVirtual(realTop: number): number;
  toReal(virtualTop: number): number;
}

export function scrollScale(virtualHeight: number, viewport: number, cap = MAX_REAL_HEIGHT): ScrollScale {
  if (virtualHeight <= cap || viewport <= 0) {
    return { realHeight: virtualHeight, virtualHeight, ratio: 1, toVirtual: (r) => r, toReal: (v) => v };
  }
  const realMax = cap - viewport;
  const virtualMax = Math.max(0, virtualHeight - viewport);
  const ratio = virtualMax / realMax;
  const clampV = (v: number) => Math.min(virtualMax, Math.max(0, v));
  return {
    realHeight: cap,
    virtualHeight,
    ratio,
    // Within a px of the end counts as the end: a fractional container height can leave the
    // browser's max scrollTop a px short of realMax, which the ratio would turn into a cut-off row.
    toVirtual: (r) => clampV(r >= realMax - 1 ? virtualMax : r * ratio),
    toReal: (v) => Math.min(realMax, Math.max(0, clampV(v) / ratio)),
  };
}
