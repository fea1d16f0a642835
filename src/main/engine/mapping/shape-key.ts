// A fingerprint of a record shape: the sorted top-level keys of the most common shape. Lets a
// mapping the user saved for one export apply to the next export of the same kind.

function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

export function shapeKey(samples: readonly Record<string, unknown>[]): string {
  const counts = new Map<string, number>();
  const n = Math.min(samples.length, 500);
  for (let i = 0; i < n; i++) {
    const rec = samples[i];
    if (!rec || typeof rec !== 'object') continue;
    const key = Object.keys(rec).sort().join('\u0001');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  let best = '';
  let bestN = -1;
  for (const [k, c] of counts) {
    if (c > bestN || (c === bestN && k < best)) {
      best = k;
      bestN = c;
    }
  }
  const keys = best === '' ? 0 : best.split('\u0001').length;
  return `v1:${keys}:${fnv1a(best)}`;
}
