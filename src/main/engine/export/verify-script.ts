// The standalone verifier written next to every export as verify.mjs: Node built-ins only, so an auditor
// can run it without AuditDesk, and `auditdesk verify` runs the very same text. Kept as a raw string (no
// backticks or dollar-braces inside) so the file on disk is exactly this source; test/export runs it with node.
export const VERIFY_SCRIPT = String.raw`#!/usr/bin/env node
// Checks an AuditDesk evidence export using Node's built-in modules only (no AuditDesk needed):
//   node verify.mjs [EXPORT_DIR] [--sources DIR] [--json]
// It re-computes the SHA-256 of every file listed in SHA256SUMS, of the data file and of each row,
// checks the row count and, given the original source files, that each exported record is
// byte-identical to its source at the recorded offset. Exit 0: all checks pass; 1: something differs.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const sha256 = (buf) => crypto.createHash('sha256').update(buf).digest('hex');

// Cuts the data file back into rows: prefix + rows joined by separator + suffix, where a separator
// only counts outside JSON strings and brackets (json) or outside quotes (csv).
function splitRows(bytes, framing) {
  const pre = Buffer.from(framing.prefix, 'utf8');
  const suf = Buffer.from(framing.suffix, 'utf8');
  const sep = Buffer.from(framing.separator, 'utf8');
  if (bytes.length < pre.length + suf.length || !bytes.subarray(0, pre.length).equals(pre)) {
    return { error: 'does not start with ' + JSON.stringify(framing.prefix) + ' as the manifest says', rows: [] };
  }
  if (!bytes.subarray(bytes.length - suf.length).equals(suf)) {
    return { error: 'does not end with ' + JSON.stringify(framing.suffix) + ' as the manifest says', rows: [] };
  }
  const body = bytes.subarray(pre.length, bytes.length - suf.length);
  const rows = [];
  if (body.length === 0) return { rows };
  let start = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
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
    if (!inString && depth === 0 && c === sep[0] && body.subarray(i, i + sep.length).equals(sep)) {
      rows.push(body.subarray(start, i));
      start = i + sep.length;
      i = start - 1;
    }
  }
  rows.push(body.subarray(start));
  return { rows };
}

function walk(dir, out) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (e.isFile()) out.push(p);
  }
  return out;
}

export function verifyExport(dir, sourcesDir) {
  const problems = [];
  const notes = [];
  const result = { ok: false, dir, rows: 0, dataSha256: null, sourcesChecked: 0, rowsComparedWithSources: 0, problems, notes };
  const read = (name) => fs.readFileSync(path.join(dir, name));

  let sums = [];
  try {
    sums = read('SHA256SUMS').toString('utf8').split('\n').filter(Boolean).map((line) => {
      const m = /^([0-9a-f]{64}) [ *](.+)$/.exec(line);
      if (!m) problems.push('SHA256SUMS: cannot read the line ' + JSON.stringify(line));
      return m ? { sha: m[1], name: m[2] } : null;
    }).filter(Boolean);
  } catch (e) {
    problems.push('SHA256SUMS: ' + e.message);
  }
  for (const { sha, name } of sums) {
    let got;
    try {
      got = sha256(read(name));
    } catch (e) {
      problems.push(name + ': listed in SHA256SUMS but cannot be read (' + e.message + ')');
      continue;
    }
    if (got !== sha) problems.push(name + ': SHA-256 is ' + got + ' but SHA256SUMS says ' + sha + ': the file was changed after export');
  }

  let manifest;
  try {
    manifest = JSON.parse(read('manifest.json').toString('utf8'));
  } catch (e) {
    problems.push('manifest.json: ' + e.message);
    return result;
  }
  const data = manifest.data;
  const listed = manifest.rows;
  let bytes;
  try {
    bytes = read(data.file);
  } catch (e) {
    problems.push(data.file + ': ' + e.message);
    return result;
  }
  result.dataSha256 = sha256(bytes);
  if (result.dataSha256 !== data.sha256) {
    problems.push(data.file + ': SHA-256 is ' + result.dataSha256 + ' but the manifest says ' + data.sha256);
  }
  const split = splitRows(bytes, data.framing);
  if (split.error) problems.push(data.file + ': ' + split.error);
  const hashes = split.rows.map(sha256);
  result.rows = hashes.length;
  if (listed.length !== data.rows) problems.push('manifest.json: lists ' + listed.length + ' rows but says the data has ' + data.rows);
  if (hashes.length !== listed.length) problems.push(data.file + ': has ' + hashes.length + ' rows, the manifest lists ' + listed.length);

  // Walk file rows (i) and manifest rows (j) side by side, so one removed or added row is named as
  // such instead of making every later row look changed.
  let i = 0;
  let j = 0;
  while (i < hashes.length || j < listed.length) {
    const got = i < hashes.length ? hashes[i] : null;
    const want = j < listed.length ? listed[j].sha256 : null;
    if (got !== null && got === want) {
      i++;
      j++;
    } else if (got === null || (j + 1 < listed.length && got === listed[j + 1].sha256)) {
      problems.push('row ' + (j + 1) + ': missing from ' + data.file + ' (the manifest lists it with SHA-256 ' + want + ')');
      j++;
    } else if (want === null || (i + 1 < hashes.length && hashes[i + 1] === want)) {
      problems.push('row ' + (i + 1) + ' of ' + data.file + ': not in the manifest (a row was added)');
      i++;
    } else {
      problems.push('row ' + (j + 1) + ': SHA-256 is ' + got + ' but the manifest says ' + want + ' (the row was changed)');
      i++;
      j++;
    }
  }

  if (sourcesDir) {
    const files = walk(sourcesDir, []);
    const byHash = new Map();
    for (const f of files) byHash.set(sha256(fs.readFileSync(f)), f);
    const content = new Map();
    for (const s of manifest.sources) {
      if (s.kind !== 'file') {
        notes.push('source ' + s.name + ' came from an API: its rows keep their request URL and page, there is no file to compare');
        continue;
      }
      const found = byHash.get(s.sha256);
      if (!found) {
        const base = path.basename(s.originalName || s.path);
        const same = files.find((f) => path.basename(f) === base || path.basename(f) === s.name);
        if (same) problems.push('source ' + s.name + ': ' + same + ' has SHA-256 ' + sha256(fs.readFileSync(same)) + ' but the manifest says ' + s.sha256);
        else notes.push('source ' + s.name + ' (SHA-256 ' + s.sha256 + ') is not in ' + sourcesDir + ': its rows were not compared');
        continue;
      }
      const raw = fs.readFileSync(found);
      content.set(s.index, s.gzip ? zlib.gunzipSync(raw) : raw);
      result.sourcesChecked++;
    }
    for (const r of listed) {
      const src = content.get(r.source);
      if (!src || r.offset === undefined) continue;
      const record = src.subarray(r.offset, r.offset + r.length);
      const want = r.rawSha256 || r.sha256;
      result.rowsComparedWithSources++;
      if (sha256(record) !== want) {
        problems.push('row ' + r.row + ': not byte-identical to ' + manifest.sources[r.source].name + ' at byte ' + r.offset + ' (line ' + r.line + ')');
      }
    }
  }
  result.ok = problems.length === 0;
  return result;
}

function main(argv) {
  const args = argv.slice();
  const json = args.includes('--json');
  const at = args.indexOf('--sources');
  const sources = at >= 0 ? args[at + 1] : null;
  if (at >= 0 && !sources) {
    process.stderr.write('verify: --sources needs a folder\n');
    return 2;
  }
  const rest = args.filter((a, k) => a !== '--json' && k !== at && k !== at + 1);
  const dir = path.resolve(rest[0] || path.dirname(fileURLToPath(import.meta.url)));
  const r = verifyExport(dir, sources ? path.resolve(sources) : null);
  if (json) {
    process.stdout.write(JSON.stringify(r) + '\n');
  } else {
    for (const p of r.problems) process.stdout.write('FAIL ' + p + '\n');
    for (const n of r.notes) process.stdout.write('note ' + n + '\n');
    process.stdout.write(
      (r.ok ? 'OK ' : 'FAILED ') + dir + ': ' + r.rows + ' rows' +
        (r.dataSha256 ? ', data SHA-256 ' + r.dataSha256 : '') +
        (sources ? ', ' + r.rowsComparedWithSources + ' rows compared with ' + r.sourcesChecked + ' source files' : '') + '\n',
    );
  }
  return r.ok ? 0 : 1;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
`;
