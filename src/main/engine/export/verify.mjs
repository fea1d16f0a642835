#!/usr/bin/env node
// @ts-check
// Checks an AuditDesk evidence export using Node's built-in modules only (no AuditDesk needed):
//   node verify.mjs [EXPORT_DIR] [--sources DIR] [--json]
// It re-computes the SHA-256 of every file listed in SHA256SUMS, of the data file and of each row,
// checks the row count and, given the original source files, that each exported record is
// byte-identical to its source at the recorded offset. Exit 0: all checks pass; 1: something differs.
// Files are read in chunks and rows kept as packed hashes, so exports of any size fit in memory.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const CHUNK = 8 << 20;

/**
 * @typedef {{ kind: string, prefix: string, separator: string, suffix: string }} Framing
 * @typedef {{ ok: boolean, dir: string, rows: number, dataSha256: string | null, sourcesChecked: number,
 *   rowsComparedWithSources: number, problems: string[], notes: string[] }} VerifyResult
 * @typedef {{ read(offset: number, length: number): Buffer | null, close(): void }} RecordReader
 */

/** @param {unknown} e */
const messageOf = (e) => (e instanceof Error ? e.message : String(e));

/**
 * Calls fn with each chunk of bytes [start, end) of an open file, in order.
 * @param {number} fd @param {number} start @param {number} end @param {number} chunk
 * @param {(bytes: Buffer) => void} fn
 */
function eachChunk(fd, start, end, chunk, fn) {
  const buf = Buffer.allocUnsafe(Math.max(1, Math.min(chunk, end - start)));
  for (let at = start; at < end;) {
    const n = fs.readSync(fd, buf, 0, Math.min(buf.length, end - at), at);
    if (n === 0) throw new Error('file ended early at byte ' + at);
    fn(buf.subarray(0, n));
    at += n;
  }
}

// Opened without following a link and without waiting on a pipe (a FIFO would block open and read
// for ever): only a regular file is read.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW || 0) | (fs.constants.O_NONBLOCK || 0);
/** @param {string} file @returns {number} */
function openRegular(file) {
  const st = fs.lstatSync(file);
  if (!st.isFile())
    throw new Error(
      'is not a regular file (' + (st.isSymbolicLink() ? 'a symbolic link' : st.isDirectory() ? 'a folder' : st.isFIFO() ? 'a pipe' : 'a special file') + ')',
    );
  const fd = fs.openSync(file, OPEN_FLAGS);
  if (!fs.fstatSync(fd).isFile()) {
    fs.closeSync(fd);
    throw new Error('is not a regular file');
  }
  return fd;
}

// A file the manifest or SHA256SUMS names: a plain name of a file right inside the export folder,
// never a path (an edited manifest could otherwise make the verifier read, hash and vouch for any file).
/** @param {string} dir @param {unknown} name */
function inFolder(dir, name) {
  if (typeof name !== 'string' || name === '' || name === '.' || name === '..' || /[\/\\\0]/.test(name)) {
    throw new Error(JSON.stringify(name) + ' is not a plain file name inside the export folder');
  }
  return path.join(dir, name);
}

/** @param {string} file @param {number} chunk */
function hashFile(file, chunk) {
  const fd = openRegular(file);
  try {
    const h = crypto.createHash('sha256');
    eachChunk(fd, 0, fs.fstatSync(fd).size, chunk, (b) => h.update(b));
    return h.digest('hex');
  } finally {
    fs.closeSync(fd);
  }
}

/** SHA-256 digests packed 32 bytes each, in a buffer that grows. */
class Digests {
  constructor() {
    this.buf = Buffer.alloc(32 * 1024);
    this.length = 0;
  }
  /** @param {Buffer} digest */
  push(digest) {
    if ((this.length + 1) * 32 > this.buf.length) {
      const next = Buffer.alloc(this.buf.length * 2);
      this.buf.copy(next);
      this.buf = next;
    }
    digest.copy(this.buf, this.length * 32);
    this.length++;
  }
  /** @param {number} i */
  hex(i) {
    return this.buf.toString('hex', i * 32, i * 32 + 32);
  }
  /** Whether digest i is other's digest j. @param {number} i @param {Digests} other @param {number} j */
  same(i, other, j) {
    return this.buf.compare(other.buf, j * 32, j * 32 + 32, i * 32, i * 32 + 32) === 0;
  }
}

/** Numbers in a Float64Array that grows. */
class Numbers {
  constructor() {
    this.a = new Float64Array(1024);
    this.length = 0;
  }
  /** @param {number} v */
  push(v) {
    if (this.length === this.a.length) {
      const next = new Float64Array(this.a.length * 2);
      next.set(this.a);
      this.a = next;
    }
    this.a[this.length++] = v;
  }
  /** @param {number} i */
  at(i) {
    return this.a[i];
  }
}

// Reads the data file once: its SHA-256, and each row's, where the file is prefix + rows joined by
// separator + suffix and a separator only counts outside JSON strings and brackets (json) or outside
// quotes (csv).
/** @param {string} file @param {Framing} framing @param {number} chunk */
function readData(file, framing, chunk) {
  const pre = Buffer.from(framing.prefix, 'utf8');
  const suf = Buffer.from(framing.suffix, 'utf8');
  const sep = Buffer.from(framing.separator, 'utf8');
  const rows = new Digests();
  const out = { sha256: /** @type {string | null} */ (null), rows, error: /** @type {string | null} */ (null) };
  const fd = openRegular(file);
  try {
    const size = fs.fstatSync(fd).size;
    const ends = Buffer.alloc(Math.min(size, pre.length + suf.length));
    fs.readSync(fd, ends, 0, Math.min(size, pre.length), 0);
    fs.readSync(fd, ends, pre.length, Math.max(0, Math.min(size, pre.length + suf.length) - pre.length), size - suf.length);
    if (size < pre.length + suf.length || !ends.subarray(0, pre.length).equals(pre)) {
      out.error = 'does not start with ' + JSON.stringify(framing.prefix) + ' as the manifest says';
    } else if (!ends.subarray(pre.length).equals(suf)) {
      out.error = 'does not end with ' + JSON.stringify(framing.suffix) + ' as the manifest says';
    }
    const bodyStart = pre.length;
    const bodyEnd = size - suf.length;
    const split = !out.error && bodyEnd > bodyStart;
    let depth = 0;
    let inString = false;
    let escaped = false;
    let row = crypto.createHash('sha256');
    // Body bytes not yet scanned: fewer than a separator's length, held until the next chunk shows
    // whether they start one.
    let pending = Buffer.alloc(0);
    let at = 0;
    const fileHash = crypto.createHash('sha256');
    eachChunk(fd, 0, size, chunk, (piece) => {
      fileHash.update(piece);
      const pieceStart = at;
      at += piece.length;
      if (!split || at <= bodyStart || pieceStart >= bodyEnd) return;
      const part = piece.subarray(Math.max(0, bodyStart - pieceStart), Math.min(piece.length, bodyEnd - pieceStart));
      const b = pending.length ? Buffer.concat([pending, part]) : part;
      const last = at >= bodyEnd;
      let start = 0;
      let i = 0;
      for (; last ? i < b.length : i + sep.length <= b.length; i++) {
        const c = b[i];
        if (framing.kind === 'json') {
          if (inString) {
            if (escaped) escaped = false;
            else if (c === 0x5c) escaped = true;
            else if (c === 0x22) inString = false;
            continue;
          }
          if (c === 0x22) inString = true;
          else if (c === 0x7b || c === 0x5b) depth++;
          else if (c === 0x7d || c === 0x5d) depth--;
        } else if (framing.kind === 'csv' && c === 0x22) {
          inString = !inString;
        }
        if (!inString && depth === 0 && c === sep[0] && b.subarray(i, i + sep.length).equals(sep)) {
          rows.push(row.update(b.subarray(start, i)).digest());
          row = crypto.createHash('sha256');
          start = i + sep.length;
          i = start - 1;
        }
      }
      row.update(b.subarray(start, i));
      pending = Buffer.from(b.subarray(i));
      if (last) rows.push(row.digest());
    });
    out.sha256 = fileHash.digest('hex');
    return out;
  } finally {
    fs.closeSync(fd);
  }
}

// Reads manifest.json in chunks: the top-level "rows" array is taken apart row by row (each kept
// packed: its hashes and where it came from); everything else is parsed as one small document.
/** @param {string} file @param {number} chunk */
function readManifest(file, chunk) {
  const rows = {
    count: 0,
    sha: new Digests(),
    valid: /** @type {boolean[]} */ ([]),
    raw: new Digests(),
    hasRaw: /** @type {boolean[]} */ ([]),
    row: new Numbers(),
    source: new Numbers(),
    offset: new Numbers(),
    length: new Numbers(),
    line: new Numbers(),
  };
  const zero = Buffer.alloc(32);
  /** @param {unknown} v */
  const hex = (v) => (typeof v === 'string' && /^[0-9a-f]{64}$/.test(v) ? Buffer.from(v, 'hex') : null);
  /** @param {unknown} v @param {number} none */
  const num = (v, none) => (typeof v === 'number' ? v : none);
  // A byte position: absent (-1), or a safe non-negative integer; anything else is -2, a problem.
  /** @param {unknown} v */
  const pos = (v) => (v === undefined ? -1 : isCount(v) ? v : -2);
  /** @param {string} text */
  const pack = (text) => {
    /** @type {any} */
    let r;
    try {
      r = JSON.parse(text);
    } catch {
      r = null;
    }
    r = r && typeof r === 'object' ? r : {};
    const sha = hex(r.sha256);
    const raw = hex(r.rawSha256);
    rows.sha.push(sha || zero);
    rows.valid.push(Boolean(sha));
    rows.raw.push(raw || zero);
    rows.hasRaw.push(Boolean(raw));
    rows.row.push(num(r.row, rows.count + 1));
    rows.source.push(num(r.source, -1));
    rows.offset.push(pos(r.offset));
    rows.length.push(pos(r.length));
    rows.line.push(num(r.line, 0));
    rows.count++;
  };
  /** @type {Buffer[]} */
  const headParts = [];
  /** @type {Buffer[]} */
  let element = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let key = '';
  // 0: elsewhere; 1: after a top-level "rows" key; 2: after its colon; 3: inside its array.
  let state = 0;
  let inElement = false;
  let found = false;
  const fd = openRegular(file);
  try {
    eachChunk(fd, 0, fs.fstatSync(fd).size, chunk, (piece) => {
      let from = 0;
      for (let i = 0; i < piece.length; i++) {
        const c = piece[i];
        if (inString) {
          if (escaped) escaped = false;
          else if (c === 0x5c) escaped = true;
          else if (c === 0x22) {
            inString = false;
            if (depth === 1) state = key === 'rows' ? 1 : 0;
          } else if (depth === 1 && key.length < 5) key += String.fromCharCode(c);
          continue;
        }
        if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) continue;
        if (state === 1) state = c === 0x3a ? 2 : 0;
        else if (state === 2) {
          state = 0;
          if (c === 0x5b) {
            // The head keeps "rows": [ and ], so it parses with an empty array there.
            headParts.push(Buffer.from(piece.subarray(from, i + 1)));
            state = 3;
            found = true;
            depth++;
            continue;
          }
        } else if (state === 3 && depth === 2) {
          if (c === 0x2c || c === 0x5d) {
            if (inElement) {
              element.push(piece.subarray(from, i));
              pack(Buffer.concat(element).toString('utf8'));
              element = [];
              inElement = false;
            }
            if (c === 0x5d) {
              state = 0;
              depth--;
              from = i;
            }
            continue;
          }
          if (!inElement) {
            inElement = true;
            from = i;
          }
        }
        if (c === 0x22) {
          inString = true;
          key = '';
        } else if (c === 0x7b || c === 0x5b) depth++;
        else if (c === 0x7d || c === 0x5d) depth--;
      }
      if (state === 3) {
        if (inElement) element.push(Buffer.from(piece.subarray(from)));
      } else headParts.push(Buffer.from(piece.subarray(from)));
    });
  } finally {
    fs.closeSync(fd);
  }
  const head = JSON.parse(Buffer.concat(headParts).toString('utf8'));
  if (!found || state === 3) throw new Error(found ? 'the rows array never ends' : 'there is no "rows" array');
  return { head, rows };
}

/** @param {string} dir @param {string[]} out */
function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

const DECODABLE = ['utf-16le', 'utf-16be', 'windows-1252'];

/**
 * Reads a record of a source by offset and length: from the file, or from a gzip source's inflated
 * bytes, or, for a source not in UTF-8, from its text decoded to UTF-8 as the import decoded it.
 * @param {string} file @param {boolean} gzip @param {string | undefined} encoding @returns {RecordReader}
 */
function recordReader(file, gzip, encoding) {
  if (gzip || encoding) {
    let bytes = gzip ? zlib.gunzipSync(fs.readFileSync(file)) : fs.readFileSync(file);
    if (encoding) bytes = Buffer.from(new TextDecoder(encoding).decode(bytes), 'utf8');
    return { read: (offset, length) => (offset + length > bytes.length ? null : bytes.subarray(offset, offset + length)), close() {} };
  }
  const fd = openRegular(file);
  const size = fs.fstatSync(fd).size;
  return {
    read(offset, length) {
      // Past the end (an edited offset or length) there is no such record: nothing is read.
      if (offset + length > size) return null;
      const buf = Buffer.alloc(length);
      const n = fs.readSync(fd, buf, 0, length, offset);
      return buf.subarray(0, n);
    },
    close: () => fs.closeSync(fd),
  };
}

const HEX64 = /^[0-9a-f]{64}$/;
/** @param {unknown} v @returns {v is string} */
const isText = (v) => typeof v === 'string';
/** @param {unknown} v @returns {v is number} */
const isCount = (v) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

// What the checks below rely on, checked before any of it is used: an edited manifest gets a clear
// FAIL naming the field instead of a crash, a hang or a read somewhere else.
/** @param {any} m */
function headProblem(m) {
  if (!m || typeof m !== 'object' || Array.isArray(m)) return 'is not a JSON object';
  const d = m.data;
  if (!d || typeof d !== 'object') return '"data" is missing or not an object';
  if (!isText(d.file)) return '"data.file" is not a file name';
  const f = d.framing;
  if (!f || typeof f !== 'object' || !['json', 'lines', 'csv'].includes(f.kind)) return '"data.framing.kind" is not json, lines or csv';
  if (!isText(f.prefix) || !isText(f.suffix) || !isText(f.separator) || f.separator === '')
    return '"data.framing" needs prefix, separator (not empty) and suffix as text';
  if (!isCount(d.rows)) return '"data.rows" is not a row count';
  if (!isText(d.sha256) || !HEX64.test(d.sha256)) return '"data.sha256" is not a SHA-256';
  if (!Array.isArray(m.sources)) return '"sources" is not a list';
  for (let k = 0; k < m.sources.length; k++) {
    const s = m.sources[k];
    if (!s || typeof s !== 'object' || !isText(s.name) || !isText(s.kind) || !isText(s.sha256) || !isText(s.path)) {
      return 'sources[' + k + '] needs name, kind, path and sha256 as text';
    }
    if (s.originalName != null && !isText(s.originalName)) return 'sources[' + k + '].originalName is not text';
  }
  return null;
}

/**
 * @param {string} dir @param {string | null} sourcesDir @param {{ chunk?: number }} [options]
 * @returns {VerifyResult}
 */
export function verifyExport(dir, sourcesDir, options) {
  const chunk = (options && options.chunk) || CHUNK;
  /** @type {string[]} */
  const problems = [];
  /** @type {string[]} */
  const notes = [];
  /** @type {VerifyResult} */
  const result = { ok: false, dir, rows: 0, dataSha256: null, sourcesChecked: 0, rowsComparedWithSources: 0, problems, notes };
  /** @param {string} name */
  const file = (name) => path.join(dir, name);

  /** @type {any} */
  let manifest;
  /** @type {ReturnType<typeof readManifest>['rows'] | undefined} */
  let listed;
  try {
    ({ head: manifest, rows: listed } = readManifest(file('manifest.json'), chunk));
    const bad = headProblem(manifest);
    if (bad) throw new Error(bad);
  } catch (e) {
    problems.push('manifest.json: ' + messageOf(e));
    manifest = null;
  }
  const data = manifest && manifest.data;
  let read = null;
  if (data) {
    try {
      read = readData(inFolder(dir, data.file), data.framing, chunk);
    } catch (e) {
      problems.push('manifest.json names the data file ' + JSON.stringify(data.file) + ': ' + messageOf(e));
    }
  }

  /** @type {{ sha: string, name: string }[]} */
  let sums = [];
  try {
    const fd = openRegular(file('SHA256SUMS'));
    let text;
    try {
      text = fs.readFileSync(fd).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
    sums = text
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
        if (!m) problems.push('SHA256SUMS: cannot read the line ' + JSON.stringify(line));
        return m ? { sha: m[1], name: m[2] } : null;
      })
      .filter((x) => x !== null);
  } catch (e) {
    problems.push('SHA256SUMS: ' + messageOf(e));
  }
  for (const { sha, name } of sums) {
    let got;
    try {
      // The data file was just hashed whole while its rows were read.
      got = read && data && name === data.file ? read.sha256 : hashFile(inFolder(dir, name), chunk);
    } catch (e) {
      problems.push(JSON.stringify(name) + ': listed in SHA256SUMS but not checked: ' + messageOf(e));
      continue;
    }
    if (got !== sha) problems.push(name + ': SHA-256 is ' + got + ' but SHA256SUMS says ' + sha + ': the file was changed after export');
  }
  if (!manifest || !listed || !read) return result;

  result.dataSha256 = read.sha256;
  if (read.sha256 !== data.sha256) {
    problems.push(data.file + ': SHA-256 is ' + read.sha256 + ' but the manifest says ' + data.sha256);
  }
  if (read.error) problems.push(data.file + ': ' + read.error);
  const hashes = read.rows;
  result.rows = hashes.length;
  if (listed.count !== data.rows) problems.push('manifest.json: lists ' + listed.count + ' rows but says the data has ' + data.rows);
  if (hashes.length !== listed.count) problems.push(data.file + ': has ' + hashes.length + ' rows, the manifest lists ' + listed.count);

  // Walk file rows (i) and manifest rows (j) side by side, so one removed or added row is named as
  // such instead of making every later row look changed.
  /** @param {number} i @param {number} j */
  const same = (i, j) => listed.valid[j] && hashes.same(i, listed.sha, j);
  /** @param {number} j */
  const want = (j) => (listed.valid[j] ? listed.sha.hex(j) : 'missing or not a SHA-256');
  let i = 0;
  let j = 0;
  while (i < hashes.length || j < listed.count) {
    if (i < hashes.length && j < listed.count && same(i, j)) {
      i++;
      j++;
    } else if (i >= hashes.length || (j + 1 < listed.count && same(i, j + 1))) {
      problems.push('row ' + (j + 1) + ': missing from ' + data.file + ' (the manifest lists it with SHA-256 ' + want(j) + ')');
      j++;
    } else if (j >= listed.count || (i + 1 < hashes.length && same(i + 1, j))) {
      problems.push('row ' + (i + 1) + ' of ' + data.file + ': not in the manifest (a row was added)');
      i++;
    } else {
      problems.push('row ' + (j + 1) + ': SHA-256 is ' + hashes.hex(i) + ' but the manifest says ' + want(j) + ' (the row was changed)');
      i++;
      j++;
    }
  }

  if (sourcesDir) {
    const files = walk(sourcesDir, []);
    const byHash = new Map();
    for (const f of files) {
      try {
        byHash.set(hashFile(f, chunk), f);
      } catch (e) {
        notes.push(f + ' cannot be read (' + messageOf(e) + '): not compared');
      }
    }
    // Rows name their source by its place in the manifest's list.
    const readers = new Map();
    for (const [at, s] of manifest.sources.entries()) {
      if (s.kind !== 'file') {
        notes.push('source ' + s.name + ' came from an API: its rows keep their request URL and page, there is no file to compare');
        continue;
      }
      const found = byHash.get(s.sha256);
      if (!found) {
        const base = path.basename(s.originalName || s.path);
        const same = files.find((f) => path.basename(f) === base || path.basename(f) === s.name);
        if (same) problems.push('source ' + s.name + ': ' + same + ' has SHA-256 ' + hashFile(same, chunk) + ' but the manifest says ' + s.sha256);
        else notes.push('source ' + s.name + ' (SHA-256 ' + s.sha256 + ') is not in ' + sourcesDir + ': its rows were not compared');
        continue;
      }
      if (s.encoding !== undefined && !DECODABLE.includes(s.encoding)) {
        problems.push('source ' + s.name + ': unknown text encoding ' + JSON.stringify(s.encoding) + ' in the manifest');
        continue;
      }
      try {
        readers.set(at, recordReader(found, s.gzip === true, s.encoding));
        result.sourcesChecked++;
      } catch (e) {
        problems.push('source ' + s.name + ': ' + found + ' cannot be read (' + messageOf(e) + ')');
      }
    }
    try {
      for (let k = 0; k < listed.count; k++) {
        const source = listed.source.at(k);
        const offset = listed.offset.at(k);
        const length = listed.length.at(k);
        if (!Number.isSafeInteger(source) || source < 0 || source >= manifest.sources.length) {
          problems.push('row ' + listed.row.at(k) + ': source ' + source + " is not one of the manifest's " + manifest.sources.length + ' sources');
          continue;
        }
        if (offset === -2 || length === -2) {
          problems.push('row ' + listed.row.at(k) + ': its offset or length is not a byte position');
          continue;
        }
        const reader = readers.get(source);
        if (!reader || offset < 0) continue;
        // A record past the source's end or longer than any record (an edited manifest) is a mismatch, not a huge read.
        let record = null;
        if (length >= 0 && length < 1 << 30) {
          try {
            record = reader.read(offset, length);
          } catch {
            record = null;
          }
        }
        const digest = record ? crypto.createHash('sha256').update(record).digest() : Buffer.alloc(32);
        const wanted = listed.hasRaw[k] ? listed.raw : listed.sha;
        result.rowsComparedWithSources++;
        if (!record || !(listed.hasRaw[k] || listed.valid[k]) || digest.compare(wanted.buf, k * 32, k * 32 + 32) !== 0) {
          const src = manifest.sources[listed.source.at(k)];
          problems.push('row ' + listed.row.at(k) + ': not byte-identical to ' + src.name + ' at byte ' + offset + ' (line ' + listed.line.at(k) + ')');
        }
      }
    } finally {
      for (const r of readers.values()) r.close();
    }
  }
  result.ok = problems.length === 0;
  return result;
}

/** @param {string[]} argv */
function main(argv) {
  const args = argv.slice();
  const json = args.includes('--json');
  const at = args.indexOf('--sources');
  const sources = at >= 0 ? args[at + 1] : null;
  if (at >= 0 && !sources) {
    process.stderr.write('verify: --sources needs a folder\n');
    return 2;
  }
  const rest = args.filter((a, k) => a !== '--json' && (at < 0 || (k !== at && k !== at + 1)));
  const dir = path.resolve(rest[0] || path.dirname(fileURLToPath(import.meta.url)));
  const r = verifyExport(dir, sources ? path.resolve(sources) : null);
  if (json) {
    process.stdout.write(JSON.stringify(r) + '\n');
  } else {
    for (const p of r.problems) process.stdout.write('FAIL ' + p + '\n');
    for (const n of r.notes) process.stdout.write('note ' + n + '\n');
    process.stdout.write(
      (r.ok ? 'OK ' : 'FAILED ') +
        dir +
        ': ' +
        r.rows +
        ' rows' +
        (r.dataSha256 ? ', data SHA-256 ' + r.dataSha256 : '') +
        (sources ? ', ' + r.rowsComparedWithSources + ' rows compared with ' + r.sourcesChecked + ' source files' : '') +
        '\n',
    );
  }
  return r.ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
