// Where the values of a segment entry's extras lie, read from its bytes without JSON.parse. The
// extras are always JSON.stringify's output (extras.ts), so the text is a flat object without spaces,
// a string value without a backslash is its own UTF-8, and a nested value re-stringifies to itself.
// Anything else is reported as unreadable and the caller parses the entry instead.

/** The keys the export's fast lane reads; a span per key, in this order. */
export const XK = { to: 0, ua: 1, d: 2, b: 3, a: 4, ln: 5, fo: 6, fb: 7, url: 8 } as const;
export const XK_COUNT = 9;

function keyIndex(s: Uint8Array, a: number, b: number): number {
  const c0 = s[a];
  switch (b - a) {
    case 1:
      return c0 === 100 ? XK.d : c0 === 98 ? XK.b : c0 === 97 ? XK.a : -1;
    case 2: {
      const c1 = s[a + 1];
      if (c0 === 116 && c1 === 111) return XK.to;
      if (c0 === 117 && c1 === 97) return XK.ua;
      if (c0 === 108 && c1 === 110) return XK.ln;
      if (c0 === 102) return c1 === 111 ? XK.fo : c1 === 98 ? XK.fb : -1;
      return -1;
    }
    case 3:
      return c0 === 117 && s[a + 1] === 114 && s[a + 2] === 108 ? XK.url : -1;
    default:
      return -1;
  }
}

/**
 * Fills spans[2k], spans[2k + 1] with the [start, end) of key k's value text (-1 when absent) in the
 * object at s[a, b). Returns a bit per key whose string value holds a backslash (1 << k), or -1 when
 * the text is not a flat JSON object as JSON.stringify writes one.
 */
export function extrasSpans(s: Uint8Array, a: number, b: number, spans: Int32Array): number {
  spans.fill(-1);
  if (b - a < 2 || s[a] !== 123 || s[b - 1] !== 125) return -1;
  if (b - a === 2) return 0;
  let escaped = 0;
  let i = a + 1;
  for (;;) {
    if (s[i] !== 34) return -1;
    const k0 = i + 1;
    let k1 = k0;
    while (k1 < b && s[k1] !== 34) {
      if (s[k1] === 92) return -1;
      k1++;
    }
    if (s[k1 + 1] !== 58) return -1;
    const key = keyIndex(s, k0, k1);
    const v0 = k1 + 2;
    let v = v0;
    const c = s[v];
    let esc = false;
    if (c === 34) {
      v++;
      while (v < b && s[v] !== 34) {
        if (s[v] === 92) {
          esc = true;
          v++;
        }
        v++;
      }
      v++;
    } else if (c === 123 || c === 91) {
      let depth = 0;
      do {
        const ch = s[v];
        if (ch === 34) {
          v++;
          while (v < b && s[v] !== 34) v += s[v] === 92 ? 2 : 1;
        } else if (ch === 123 || ch === 91) depth++;
        else if (ch === 125 || ch === 93) depth--;
        v++;
      } while (depth > 0 && v < b);
    } else {
      while (v < b && s[v] !== 44 && s[v] !== 125) v++;
    }
    if (v >= b || v === v0) return -1;
    if (key >= 0) {
      spans[2 * key] = v0;
      spans[2 * key + 1] = v;
      if (esc) escaped |= 1 << key;
    }
    if (s[v] === 125) return v === b - 1 ? escaped : -1;
    if (s[v] !== 44) return -1;
    i = v + 1;
  }
}

/** Whether s[a, b) is exactly `null`. */
export function isNullText(s: Uint8Array, a: number, b: number): boolean {
  return b - a === 4 && s[a] === 110 && s[a + 1] === 117 && s[a + 2] === 108 && s[a + 3] === 108;
}
