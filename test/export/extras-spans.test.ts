// The fast lane reads a segment entry's extras from their bytes (extras-spans.ts) instead of JSON.parse:
// every span must hold exactly the text JSON.stringify wrote for that key, strings with escapes must be
// flagged, and anything that is not a flat JSON.stringify object must be refused, never misread.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { XK, XK_COUNT, extrasSpans, isNullText } from '../../src/main/engine/export/extras-spans';

const spansOf = (text: string) => {
  const bytes = new Uint8Array(Buffer.from(`xx${text}yy`));
  const spans = new Int32Array(2 * XK_COUNT);
  const r = extrasSpans(bytes, 2, bytes.length - 2, spans);
  const value = (k: number) => (spans[2 * k] < 0 ? undefined : Buffer.from(bytes.subarray(spans[2 * k], spans[2 * k + 1])).toString('utf8'));
  return { r, value, bytes, spans };
};

test('extrasSpans finds the JSON text of each known key, flags escaped strings, and skips other keys', () => {
  const cases: Record<string, unknown>[] = [
    {},
    { ln: 12, fo: 3456, fb: 78 },
    { to: '2026-01-01 10:00:00', tf: 'zone-assumed', ua: 'Mozilla/5.0 (X11; "Linux")', ln: 1, fo: 0, fb: 2 },
    { ua: 'ünïcødé ✓ 🚀', to: null, d: 1, b: { a: [1, { b: '}' }], 'c"': 'x\\y' }, a: null, ln: 3, fo: 9, fb: 10 },
    { url: 'https://api.example.com/v1/audit?page=2', pg: 2, ix: 7 },
    { b: [], a: [[]], d: 1, to: 'line\nbreak', ua: '' },
    { fo: 1e21, fb: -0, ln: 1.5 },
  ];
  for (const x of cases) {
    const text = JSON.stringify(x);
    const { r, value } = spansOf(text);
    assert.ok(r >= 0, text);
    for (const [key, k] of Object.entries(XK)) {
      const v = (x as Record<string, unknown>)[key];
      assert.equal(value(k), v === undefined ? undefined : JSON.stringify(v), `${text}: ${key}`);
      const escaped = typeof v === 'string' && JSON.stringify(v).includes('\\');
      assert.equal(Boolean(r & (1 << k)), escaped, `${text}: ${key} escape flag`);
    }
  }
});

test('extrasSpans refuses text that is not a flat JSON.stringify object', () => {
  for (const text of ['', '{', '}', '[]', '{"ln":1', '{"ln":1,}', '{"ln" :1}', '{ "ln":1}', '{"l\\u006e":1}', '{"ln":}', 'null', '{"ln":1}x']) {
    assert.equal(spansOf(text).r, -1, JSON.stringify(text));
  }
});

test('isNullText is true only for null', () => {
  const b = new Uint8Array(Buffer.from('null nul nulls'));
  assert.equal(isNullText(b, 0, 4), true);
  assert.equal(isNullText(b, 5, 8), false);
  assert.equal(isNullText(b, 9, 14), false);
});
