// @ts-check
// The hashing thread of a fast CSV export (row-hasher.ts starts it): Node built-ins only, and started
// from this file as it is, so the byte loops below run exactly as written.
import { parentPort, workerData } from 'node:worker_threads';
import fs from 'node:fs';
import crypto from 'node:crypto';

/**
 * @typedef {import('./row-hasher').HashChunk} HashChunk
 * @typedef {{ dataFd: number, rowsFd: number, prefix: string, separator: string, suffix: string,
 *   record: typeof import('./row-hasher').RECORD }} HasherData
 */

if (!parentPort) throw new Error('row-hasher-worker must run in a worker thread');
const port = parentPort;
/** @type {(alg: string, data: Uint8Array, enc: 'hex') => string} */
const hash = crypto.hash ?? ((alg, data, enc) => crypto.createHash(alg).update(data).digest(enc));
const { dataFd, rowsFd, prefix, separator, suffix, record } = /** @type {HasherData} */ (workerData);
const { VERBATIM, NONE } = record;
const dataHash = crypto.createHash('sha256');
const sep = Buffer.from(separator);
// Plain Uint8Array views: indexed access to a Buffer (a subclass) is about twice as slow in the byte loops.
let outBuf = Buffer.allocUnsafeSlow(8 << 20);
let out = new Uint8Array(outBuf.buffer, 0, outBuf.length);
let rows = 0;
let bytes = 0;

/** @param {number} fd @param {Uint8Array} buf @param {number} len */
function writeAll(fd, buf, len) {
  for (let done = 0; done < len;) done += fs.writeSync(fd, buf, done, len - done);
}

/** @param {string} text */
function put(text) {
  const b = Buffer.from(text);
  dataHash.update(b);
  writeAll(dataFd, b, b.length);
  bytes += b.length;
}

/** @param {Uint8Array} src @param {number} a @param {number} b */
function needsQuotes(src, a, b) {
  for (let i = a; i < b; i++) {
    const c = src[i];
    if (c === 34 || c === 44 || c === 10 || c === 13) return true;
  }
  return false;
}

/** @param {HashChunk} m */
function rowsOf(m) {
  const { heads, headBounds, entries, rawBounds, kinds, templateStart, templateEnd, hashAt } = m;
  const n = kinds.length;
  // The manifest entries are written where they came: each hash over its place, then the text as is.
  const entryText = Buffer.from(heads.buffer, heads.byteOffset + templateStart, templateEnd - templateStart);
  const need = heads.length + 2 * entries.length + n * (sep.length + 3);
  if (out.length < need) {
    outBuf = Buffer.allocUnsafeSlow(need);
    out = new Uint8Array(outBuf.buffer, 0, outBuf.length);
  }
  // A local, not the module-level 'out': V8 then keeps it in a register through the byte loops
  // instead of reloading it per byte (the record quoting loop ran about 2.5 times slower). Same for 'rows'.
  const o = out;
  let p = 0;
  let done = rows;
  for (let i = 0; i < n; i++) {
    if (done++ > 0) {
      o.set(sep, p);
      p += sep.length;
    }
    const rowStart = p;
    o.set(heads.subarray(headBounds[2 * i], headBounds[2 * i + 1]), p);
    p += headBounds[2 * i + 1] - headBounds[2 * i];
    const a = rawBounds[2 * i];
    const b = rawBounds[2 * i + 1];
    const kind = kinds[i];
    if (kind === VERBATIM) {
      o.set(entries.subarray(a, b), p);
      p += b - a;
    } else if (kind !== NONE) {
      const quote = needsQuotes(entries, a, b);
      if (quote) {
        o[p++] = 34;
        for (let i = a; i < b; i++) {
          const c = entries[i];
          o[p++] = c;
          if (c === 34) o[p++] = 34;
        }
        o[p++] = 34;
      } else {
        o.set(entries.subarray(a, b), p);
        p += b - a;
      }
    }
    entryText.write(hash('sha256', o.subarray(rowStart, p), 'hex'), hashAt[2 * i], 'latin1');
    if (hashAt[2 * i + 1] >= 0) entryText.write(hash('sha256', entries.subarray(a, b), 'hex'), hashAt[2 * i + 1], 'latin1');
  }
  rows = done;
  dataHash.update(o.subarray(0, p));
  writeAll(dataFd, outBuf, p);
  bytes += p;
  writeAll(rowsFd, entryText, entryText.length);
}

put(prefix);
port.on('message', (/** @type {HashChunk & { finish?: true }} */ m) => {
  try {
    if (m.finish) {
      put(suffix);
      port.postMessage({ sha256: dataHash.digest('hex'), bytes });
      port.close();
      return;
    }
    rowsOf(m);
    // The buffers go back to be filled again.
    const back = /** @type {ArrayBuffer[]} */ ([m.heads.buffer, m.entries.buffer]);
    port.postMessage({ ok: true, heads: m.heads, entries: m.entries }, back);
  } catch (e) {
    port.postMessage({ error: String((e instanceof Error && e.stack) || e) });
  }
});
