#!/usr/bin/env node
// Summarises V8 .cpuprofile files: per thread, busy time (sampled minus idle), the functions with the
// most self time and self time per file. Shares are of the thread's busy time.
//   node bench/profile-top.mjs FILE.cpuprofile|DIR [--top 25] [--json]
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';

const IDLE = new Set(['(idle)', '(program)']);

export function summarise(file, top = 25) {
  const prof = JSON.parse(fs.readFileSync(file, 'utf8'));
  const byId = new Map(prof.nodes.map((n) => [n.id, n]));
  const self = new Map(); // node id -> microseconds
  const dts = prof.timeDeltas;
  for (let i = 0; i < prof.samples.length; i++) {
    const dt = dts[i + 1] ?? 0; // the delta after a sample is the time spent in it
    self.set(prof.samples[i], (self.get(prof.samples[i]) ?? 0) + dt);
  }
  const byFn = new Map();
  const byFile = new Map();
  const entries = new Map(); // out/main/<entry>.js -> us, to name the thread
  let totalUs = 0;
  let idleUs = 0;
  for (const [id, us] of self) {
    const cf = byId.get(id).callFrame;
    totalUs += us;
    if (IDLE.has(cf.functionName) && !cf.url) {
      idleUs += us;
      continue;
    }
    const url = cf.url ? shortUrl(cf.url) : '';
    const k = `${cf.functionName || '(anonymous)'}${url ? ` ${url}:${cf.lineNumber + 1}` : ''}`;
    byFn.set(k, (byFn.get(k) ?? 0) + us);
    const f = url || `(${cf.functionName || 'native'})`;
    byFile.set(f, (byFile.get(f) ?? 0) + us);
    const m = /out\/main\/([\w-]+)\.js$/.exec(url);
    if (m) entries.set(m[1], (entries.get(m[1]) ?? 0) + us);
  }
  const busyUs = totalUs - idleUs;
  // Inclusive time of the app's own functions (built out/main or src/): where the time goes by phase.
  const isApp = (url) => /\/(out\/main|src)\//.test(url);
  const incl = new Map();
  const children = (n) => n.children ?? [];
  const subtree = new Map();
  const sum = (id) => {
    const n = byId.get(id);
    let t = self.get(id) ?? 0;
    for (const c of children(n)) t += sum(c);
    subtree.set(id, t);
    return t;
  };
  sum(prof.nodes[0].id);
  const walk = (id, active) => {
    const cf = byId.get(id).callFrame;
    let key = null;
    if (cf.url && isApp(cf.url)) {
      key = `${cf.functionName || '(anonymous)'} ${shortUrl(cf.url)}:${cf.lineNumber + 1}`;
      if (active.has(key))
        key = null; // recursion: count once
      else incl.set(key, (incl.get(key) ?? 0) + subtree.get(id));
    }
    if (key) active.add(key);
    for (const c of children(byId.get(id))) walk(c, active);
    if (key) active.delete(key);
  };
  walk(prof.nodes[0].id, new Set());
  const rank = (m) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, us]) => ({ name, selfMs: Math.round(us / 1000), share: busyUs ? us / busyUs : 0 }));
  const tid = Number(/\.\d+\.(\d+)\.\d+\.cpuprofile$/.exec(file)?.[1] ?? -1);
  const entry = [...entries.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const thread = tid === 0 ? 'main thread (CLI)' : entry ? `worker thread ${tid} (${entry})` : `worker thread ${tid}`;
  return {
    file,
    thread,
    totalMs: Math.round(totalUs / 1000),
    idleMs: Math.round(idleUs / 1000),
    busyMs: Math.round(busyUs / 1000),
    functions: rank(byFn),
    files: rank(byFile),
    inclusive: rank(incl),
  };
}

/** Every .cpuprofile in a folder (one per thread), busiest first. */
export function summariseDir(dir, top = 25) {
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => summarise(path.join(dir, f), top))
    .sort((a, b) => b.busyMs - a.busyMs);
}

function shortUrl(url) {
  let p = url.replace(/^file:\/\//, '');
  const cwd = process.cwd() + path.sep;
  if (p.startsWith(cwd)) p = p.slice(cwd.length);
  p = p.replace(/^.*node_modules\//, 'node_modules/');
  return p;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string' }, json: { type: 'boolean' } } });
  if (!positionals[0]) {
    process.stderr.write('usage: node bench/profile-top.mjs FILE.cpuprofile|DIR [--top N] [--json]\n');
    process.exit(2);
  }
  const top = Number(values.top ?? 25);
  const all = fs.statSync(positionals[0]).isDirectory() ? summariseDir(positionals[0], top) : [summarise(positionals[0], top)];
  if (values.json) process.stdout.write(`${JSON.stringify(all)}\n`);
  else
    for (const s of all) {
      process.stdout.write(`\n== ${s.thread}: ${s.busyMs} ms busy, ${s.idleMs} ms idle (${path.basename(s.file)})\nself time by function:\n`);
      for (const f of s.functions) process.stdout.write(`${String(f.selfMs).padStart(8)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}\n`);
      process.stdout.write('inclusive time of app functions:\n');
      for (const f of s.inclusive.slice(0, 12))
        process.stdout.write(`${String(f.selfMs).padStart(8)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}\n`);
      process.stdout.write('self time by file:\n');
      for (const f of s.files.slice(0, 10)) process.stdout.write(`${String(f.selfMs).padStart(8)} ms ${(f.share * 100).toFixed(1).padStart(5)}%  ${f.name}\n`);
    }
}
