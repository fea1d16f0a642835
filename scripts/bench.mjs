#!/usr/bin/env node
// `npm run bench`: AuditDesk's import and query figures on a generated 1M-event file, next to the
// peers measured on the same file in the same run (a bare JSON.parse loop, lnav), and checked
// against the targets. Rewrites the generated section of BENCHMARKS.md.
//
//   npm run bench                      1,000,000 events (bench/data/events-1m.jsonl, reused)
//   npm run bench -- --count 100000    a quicker run while developing (does not touch BENCHMARKS.md
//                                      unless --write is given)
//   options: --runs N (query repetitions, 50)  --repeat N (parse floor, import and lnav runs, 2)
//            --no-profile  --no-lnav-json  --keep-case  --write
//
// Every external process runs under /usr/bin/time -v for its peak RSS (the whole process, worker
// threads included). Nothing here asserts a time: this is a measurement, not a test.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { generate, normaliseOptions } from '../bench/generate.mjs';
import { summariseDir } from '../bench/profile-top.mjs';

const require = createRequire(import.meta.url);
const { ensureBuild, root } = require('./ensure-build.cjs');

const { values: opt } = parseArgs({
  options: {
    count: { type: 'string' },
    runs: { type: 'string' },
    'no-profile': { type: 'boolean' },
    'no-lnav-json': { type: 'boolean' },
    'keep-case': { type: 'boolean' },
    repeat: { type: 'string' },
    write: { type: 'boolean' },
  },
});
const COUNT = Number(opt.count ?? 1_000_000);
const RUNS = Number(opt.runs ?? 50);
const REPEAT = Math.max(1, Number(opt.repeat ?? 2));
const FULL = COUNT === 1_000_000;
const WRITE_DOC = FULL || Boolean(opt.write);

const TARGETS = {
  importVsParse: 2.5, // import wall <= 2.5 x parse floor wall
  peakRssBytes: 1.5e9, // 1.5 GB (decimal)
  reopenMs: 1500,
  firstRowsMs: 1000, // issue 16: reopen to first rows, in a fresh process
  pageMs: 30,
  traceMs: 5,
  overviewMs: 500,
  exportCsvS: 6, // 1M events to CSV (normalized) through the CLI
  searchMs: 80,
  uiWaitMs: 100, // a click's wait at 1M (issue: filters, counts, facets, histogram from columns)
  detectS: 10, // the bundled Sigma rules over 1M events the rules apply to
  annotateMs: 20, // a bookmark, tag, note or saved view saved to disk, at any case size
};

const DATA = path.join(root, 'bench', 'data');
const LNAV = '/usr/bin/lnav';
const TIME = '/usr/bin/time';
const label = (n) => (n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : String(n));
const rel = (p) => path.relative(root, p) || '.';
const log = (m) => process.stderr.write(`bench: ${m}\n`);
const mb = (b) => (b / 1e6).toFixed(0);
const s2 = (x) => x.toFixed(2);

// ---- helpers ----------------------------------------------------------------------------------------

function ensureTimeTool() {
  if (fs.existsSync(TIME)) return true;
  if (process.getuid?.() === 0) {
    log('installing Debian "time" for peak-RSS measurement');
    spawnSync('apt-get', ['install', '-y', '-qq', 'time'], { stdio: 'ignore' });
  }
  return fs.existsSync(TIME);
}

/**
 * Runs a command and reports wall seconds (measured here), peak RSS (from /usr/bin/time -v, or
 * failing that the last VmHWM polled from /proc), user+sys CPU seconds, stdout and exit code.
 */
function timed(cmd, args, { env, cwd = root, useTime = true } = {}) {
  return new Promise((resolve, reject) => {
    const timeOut = path.join(os.tmpdir(), `auditdesk-bench-time-${process.pid}-${Date.now()}.txt`);
    const argv = useTime ? ['-v', '-o', timeOut, cmd, ...args] : args;
    const t0 = process.hrtime.bigint();
    const child = spawn(useTime ? TIME : cmd, argv, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      if (stdout.length < 4e6) stdout += d;
    });
    child.stderr.on('data', (d) => {
      if (stderr.length < 1e5) stderr += d;
    });
    let hwm = 0;
    const poll = useTime
      ? null
      : setInterval(() => {
          try {
            const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (m) hwm = Math.max(hwm, Number(m[1]) * 1024);
          } catch {
            /* exited */
          }
        }, 25);
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = Number(process.hrtime.bigint() - t0) / 1e9;
      if (poll) clearInterval(poll);
      let peakRssBytes = hwm;
      let cpuS = null;
      if (useTime && fs.existsSync(timeOut)) {
        const t = fs.readFileSync(timeOut, 'utf8');
        fs.rmSync(timeOut, { force: true });
        const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(t);
        if (rss) peakRssBytes = Number(rss[1]) * 1024;
        const u = /User time \(seconds\): ([\d.]+)/.exec(t);
        const s = /System time \(seconds\): ([\d.]+)/.exec(t);
        if (u && s) cpuS = Number(u[1]) + Number(s[1]);
        const st = /Exit status: (\d+)/.exec(t);
        if (st) code = Number(st[1]);
      }
      resolve({ wallS, peakRssBytes, cpuS, code, stdout, stderr });
    });
  });
}

function lastJson(text) {
  const lines = text.trim().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    try {
      return JSON.parse(lines[i]);
    } catch {
      /* not this one */
    }
  }
  throw new Error(`no JSON in output:\n${text.slice(-2000)}`);
}

/** Generates the file unless one made with the same options (and intact) is already there. */
function dataFile(name, genOptions) {
  const file = path.join(DATA, `${name}.jsonl`);
  const metaFile = `${file}.meta.json`;
  const want = normaliseOptions(genOptions);
  if (fs.existsSync(file) && fs.existsSync(metaFile)) {
    const meta = JSON.parse(fs.readFileSync(metaFile, 'utf8'));
    if (JSON.stringify(meta.options) === JSON.stringify(want) && fs.statSync(file).size === meta.bytes) {
      log(`reusing ${rel(file)} (${meta.lines.toLocaleString('en')} events, ${mb(meta.bytes)} MB)`);
      return { file, ...meta, reused: true };
    }
  }
  log(`generating ${rel(file)} (${want.count.toLocaleString('en')} events, vendors ${want.vendors.join(',')})`);
  const r = generate(want, file);
  const meta = { options: r.options, lines: r.lines, bytes: r.bytes, generatedSeconds: r.seconds };
  fs.writeFileSync(metaFile, `${JSON.stringify(meta, null, 2)}\n`);
  log(`  ${mb(r.bytes)} MB in ${s2(r.seconds)} s`);
  return { file, ...meta, reused: false };
}

async function lnavOpen(file, expectLines, formatDir) {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-bench-lnav-'));
  const out = path.join(home, 'files.json');
  const args = [];
  if (formatDir) args.push('-I', formatDir);
  args.push('-n', '-q', '-c', ';SELECT filepath, format, lines FROM lnav_file', '-c', `:write-json-to ${out}`);
  if (formatDir) args.push('-c', ';SELECT count(*) AS messages FROM all_logs', '-c', `:write-json-to ${out}.logs`);
  args.push(file);
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), TERM: 'xterm' };
  const r = await timed(LNAV, args, { env });
  let files = null;
  let messages = null;
  try {
    files = JSON.parse(fs.readFileSync(out, 'utf8'));
    if (formatDir) messages = JSON.parse(fs.readFileSync(`${out}.logs`, 'utf8'))[0]?.messages ?? null;
  } catch (e) {
    log(`lnav output unreadable (${e.message}); stderr: ${r.stderr.slice(-500)}`);
  }
  fs.rmSync(home, { recursive: true, force: true });
  const f = files?.[0] ?? {};
  const complete = formatDir ? messages === expectLines : f.lines === expectLines;
  return { wallS: r.wallS, peakRssBytes: r.peakRssBytes, cpuS: r.cpuS, code: r.code, format: f.format ?? null, lines: f.lines ?? null, messages, complete };
}

function lnavJsonFormat() {
  const dir = path.join(DATA, 'lnav-format');
  const fmtDir = path.join(dir, 'formats', 'installed');
  fs.mkdirSync(fmtDir, { recursive: true });
  const format = {
    $schema: 'https://lnav.org/schemas/format-v1.schema.json',
    auditdesk_bench_openclaw: {
      title: 'OpenClaw Enterprise audit JSON lines (bench)',
      description: 'OpenClaw audit export, format=jsonl',
      json: true,
      'file-pattern': 'openclaw.*\\.jsonl$',
      'timestamp-field': 'timestamp',
      'body-field': 'actionType',
      'opid-field': 'requestId',
      value: {
        timestamp: { kind: 'string' },
        actionType: { kind: 'string', identifier: true },
        userId: { kind: 'string', identifier: true },
        outcome: { kind: 'string', identifier: true },
        requestId: { kind: 'string', identifier: true },
      },
    },
  };
  fs.writeFileSync(path.join(fmtDir, 'auditdesk_bench_openclaw.json'), JSON.stringify(format, null, 2));
  return dir;
}

function machine() {
  const lnavV = spawnSync(LNAV, ['-V'], { encoding: 'utf8' }).stdout?.trim() ?? 'not installed';
  const git = (a) => spawnSync('git', a, { cwd: root, encoding: 'utf8' }).stdout?.trim() ?? '';
  const dirty = git(['status', '--porcelain', '--', 'src']).split('\n').filter(Boolean).length;
  return {
    nproc: os.availableParallelism?.() ?? os.cpus().length,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryBytes: os.totalmem(),
    node: process.version,
    lnav: lnavV,
    kernel: `${os.type()} ${os.release()}`,
    commit: git(['rev-parse', '--short', 'HEAD']),
    srcChangesUncommitted: dirty,
    loadAvgStart: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

// ---- the run ----------------------------------------------------------------------------------------

async function main() {
  const started = new Date();
  const t0 = Date.now();
  const phase = {};
  const mark = (name, since) => (phase[name] = Number(((Date.now() - since) / 1000).toFixed(1)));
  if (!ensureTimeTool()) log('no /usr/bin/time: peak RSS from /proc VmHWM polling instead');
  const useTime = fs.existsSync(TIME);

  let t = Date.now();
  ensureBuild({ quiet: true });
  mark('build', t);
  const mach = machine();

  t = Date.now();
  const data = dataFile(`events-${label(COUNT)}`, { count: COUNT });
  mark('generate', t);

  // Wall times are the best of REPEAT runs (other work on the machine only ever adds time); peak RSS
  // is the largest of them. Every run is listed in the raw figures.
  const best = (runs) => ({
    wallS: Math.min(...runs.map((r) => r.wallS)),
    peakRssBytes: Math.max(...runs.map((r) => r.peakRssBytes)),
    cpuS: runs.reduce((m, r) => (r.wallS < m.wallS ? r : m)).cpuS,
    wallRunsS: runs.map((r) => Number(r.wallS.toFixed(2))),
  });

  // 1. parse floor (also warms the page cache for everyone after it)
  t = Date.now();
  log(`parse floor: read + split + JSON.parse of every line (${REPEAT}×)`);
  const pfRuns = [];
  for (let i = 0; i < REPEAT; i++) pfRuns.push(await timed(process.execPath, [path.join(root, 'bench', 'parse-floor.mjs'), data.file], { useTime }));
  const pfOut = lastJson(pfRuns[0].stdout);
  const parse = { ...best(pfRuns), loopS: Math.min(...pfRuns.map((r) => lastJson(r.stdout).seconds)), lines: pfOut.lines, records: pfOut.records };
  log(`  best ${s2(parse.wallS)} s wall (${parse.wallRunsS.join(', ')}; loop ${s2(parse.loopS)} s), ${mb(parse.peakRssBytes)} MB peak`);
  mark('parseFloor', t);

  // 1b. the mapping alone: compileMapping applied to generated Opbox-like records in one process
  t = Date.now();
  log(`mapping: node --import tsx bench/measure-mapping.ts --count ${COUNT}`);
  const mm = await timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'measure-mapping.ts'), '--count', String(COUNT)], {});
  const mapping = mm.code === 0 ? lastJson(mm.stdout) : null;
  if (mapping) log(`  ${mapping.ms.toFixed(0)} ms = ${mapping.usPerRecord.toFixed(2)} µs/record`);
  else log(`  measure-mapping failed: ${mm.stderr.slice(-1000)}`);
  mark('mapping', t);

  // 2. AuditDesk import through the real CLI, into a fresh case each time
  t = Date.now();
  const casePath = path.join(DATA, `case-${label(COUNT)}.auditdesk`);
  const importArgs = [path.join(root, 'out', 'main', 'cli.js'), 'import', casePath, data.file, '--json'];
  log(`import (${REPEAT}×): node ${importArgs.map((a) => (path.isAbsolute(a) ? rel(a) : a)).join(' ')}`);
  const imRuns = [];
  const loadBefore = [];
  let importDoc = null;
  for (let i = 0; i < REPEAT; i++) {
    fs.rmSync(casePath, { recursive: true, force: true });
    loadBefore.push(Number(os.loadavg()[0].toFixed(2)));
    const im = await timed(process.execPath, importArgs, { useTime });
    imRuns.push(im);
    try {
      importDoc = lastJson(im.stdout);
    } catch {
      importDoc = null;
    }
    log(`  run ${i + 1}: ${s2(im.wallS)} s wall, ${mb(im.peakRssBytes)} MB peak, exit ${im.code}`);
    if (im.code !== 0 || importDoc?.files?.[0]?.imported !== data.lines) break; // a failed import is reported, not repeated
  }
  const last = imRuns[imRuns.length - 1];
  const file0 = importDoc?.files?.[0];
  const imp = {
    ...best(imRuns),
    code: last.code,
    imported: file0?.imported ?? null,
    vendor: file0?.vendor ?? null,
    errors: file0?.errors?.length ?? null,
    warnings: file0?.warnings?.length ?? null,
    error: importDoc?.error ?? (last.code !== 0 ? last.stderr.slice(-1000) : null),
    loadAvg1Before: loadBefore,
  };
  imp.caseBytes = fs.existsSync(casePath) ? fs.readdirSync(casePath).reduce((acc, n) => acc + fs.statSync(path.join(casePath, n)).size, 0) : 0;
  mark('import', t);

  // 3. lnav on the same file, headless, fresh HOME; its lnav_file row proves every line was indexed
  t = Date.now();
  let lnav = null;
  let lnavJson = null;
  if (fs.existsSync(LNAV)) {
    log(`lnav (${REPEAT}×): ${LNAV} -n -q -c ';SELECT filepath, format, lines FROM lnav_file' -c ':write-json-to …' ${rel(data.file)}`);
    const runs = [];
    for (let i = 0; i < REPEAT; i++) runs.push(await lnavOpen(data.file, data.lines));
    lnav = { ...runs[0], ...best(runs), complete: runs.every((r) => r.complete) };
    log(`  best ${s2(lnav.wallS)} s wall (${lnav.wallRunsS.join(', ')}), ${lnav.lines} lines, format ${lnav.format ?? 'none (plain text)'}`);
    if (!opt['no-lnav-json']) {
      // lnav cannot apply one JSON format to a five-vendor file (one timestamp field per format;
      // it crashes on the mix), so its JSON-parsing speed is shown on a one-vendor file of the same size.
      const oc = dataFile(`openclaw-${label(COUNT)}`, { count: COUNT, vendors: ['openclaw'] });
      log(`lnav with a JSON-lines format on ${rel(oc.file)}`);
      lnavJson = { ...(await lnavOpen(oc.file, oc.lines, lnavJsonFormat())), file: rel(oc.file), bytes: oc.bytes, events: oc.lines };
      log(`  ${s2(lnavJson.wallS)} s wall, ${lnavJson.messages} messages, format ${lnavJson.format}`);
    }
  } else log('lnav not installed: skipped');
  mark('lnav', t);

  // 4. reopen + pages, in-process through CaseStore
  t = Date.now();
  let store = null;
  let firstRows = null;
  let info = null;
  let investigate = null;
  let remap = null;
  let annotate = null;
  let search = null;
  if (imp.code === 0 || imp.imported) {
    log('reopen and page queries (bench/measure-store.ts)');
    const ms = await timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'measure-store.ts'), casePath, '--runs', String(RUNS)], { useTime });
    if (ms.code !== 0) log(`  measure-store failed: ${ms.stderr.slice(-1000)}`);
    else store = lastJson(ms.stdout);
    const ci = await timed(process.execPath, [path.join(root, 'out', 'main', 'cli.js'), 'info', casePath, '--json'], { useTime });
    info = { wallS: ci.wallS, peakRssBytes: ci.peakRssBytes, events: ci.code === 0 ? lastJson(ci.stdout).events : null };
    log(`  reopen median ${store?.reopen.medianMs.toFixed(0)} ms; CLI info ${s2(info.wallS)} s`);
    // What a user waits for: a fresh process opens the case, loads its columns and draws the first page.
    log('reopen to first rows, 3 fresh processes (bench/measure-reopen.ts)');
    const reopens = [];
    for (let i = 0; i < 3; i++) {
      const mo = await timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'measure-reopen.ts'), casePath, '--write-columns', '1'], {});
      if (mo.code !== 0) log(`  measure-reopen failed: ${mo.stderr.slice(-1000)}`);
      else reopens.push(lastJson(mo.stdout));
    }
    if (reopens.length) {
      const by = (k) => reopens.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(reopens.length / 2)];
      firstRows = {
        runs: reopens.length,
        openMs: by('openMs'),
        columnsMs: by('columnsMs'),
        firstPageMs: by('firstPageMs'),
        loadedFrom: reopens.map((x) => x.loadedFrom),
      };
      log(
        `  first rows median ${firstRows.firstPageMs.toFixed(0)} ms (open ${firstRows.openMs.toFixed(0)} ms, columns by ${firstRows.columnsMs.toFixed(0)} ms)`,
      );
    }
    log('trace and diff (bench/measure-investigate.ts)');
    const mi = await timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'measure-investigate.ts'), casePath, '--runs', String(RUNS)], {});
    if (mi.code !== 0) log(`  measure-investigate failed: ${mi.stderr.slice(-1000)}`);
    else investigate = lastJson(mi.stdout);
    // Before the search index is added, so the copy it remaps is the case as imported.
    log('first unfiltered facets after a remap, on a copy of the case (bench/measure-remap.ts)');
    const mr = await timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'measure-remap.ts'), casePath], {});
    if (mr.code !== 0) log(`  measure-remap failed: ${mr.stderr.slice(-1000)}`);
    else {
      remap = lastJson(mr.stdout);
      log(
        `  ${remap.facetsMs.toFixed(1)} ms${remap.countsKept ? '' : ' (no counts kept: counted from the rows)'}; remap of ${remap.remappedEvents} events ${s2(remap.remapMs / 1000)} s`,
      );
    }
    log('bookmark, tag, note and saved view saved to disk, on a copy of the case (bench/measure-annotate.ts)');
    const ma = await timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'measure-annotate.ts'), casePath, '--runs', String(RUNS)], {});
    if (ma.code !== 0) log(`  measure-annotate failed: ${ma.stderr.slice(-1000)}`);
    else {
      annotate = lastJson(ma.stdout);
      log(
        `  p95 bookmark ${annotate.bookmark.p95Ms.toFixed(1)} ms, tag ${annotate.tag.p95Ms.toFixed(1)} ms, note ${annotate.note.p95Ms.toFixed(1)} ms, view ${annotate.view.p95Ms.toFixed(1)} ms; case.sqlite ${annotate.untouched ? 'untouched' : 'REWRITTEN'}`,
      );
    }
    // Last: it adds the full-text index to the case (built as on the first search in the app).
    log('full-text search (bench/measure-search.ts)');
    const msr = await timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'measure-search.ts'), casePath, '--runs', String(RUNS)], {
      useTime,
    });
    if (msr.code !== 0) log(`  measure-search failed: ${msr.stderr.slice(-1000)}`);
    else search = { ...lastJson(msr.stdout), wallS: msr.wallS, processPeakRssBytes: msr.peakRssBytes };
  }
  mark('store', t);

  // 4b. export the whole case to CSV (normalized: model columns + raw) through the CLI
  t = Date.now();
  let exp = null;
  if (imp.code === 0 || imp.imported) {
    log(`export to CSV (${REPEAT}×): node bench/measure-export.mjs ${rel(casePath)} --format csv --mode normalized`);
    const ex = await timed(process.execPath, [path.join(root, 'bench', 'measure-export.mjs'), casePath, '--repeat', String(REPEAT)], { useTime });
    if (ex.code !== 0) log(`  measure-export failed: ${ex.stderr.slice(-1000)}${ex.stdout.slice(-1000)}`);
    else {
      exp = lastJson(ex.stdout);
      log(`  best ${s2(exp.wallS)} s (${exp.wallRunsS.join(', ')}) for ${exp.rows} rows, ${mb(exp.dataBytes)} MB CSV + ${mb(exp.manifestBytes)} MB manifest`);
    }
  }
  mark('export', t);

  // 4c. the bundled Sigma rules over a case of COUNT cloud events (its own case: no bundled rule targets
  // the generated vendors)
  t = Date.now();
  let detect = null;
  log(`detection rules over ${label(COUNT)} cloud events (bench/measure-detect.ts)`);
  const md = await timed(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'measure-detect.ts'), '--events', String(COUNT)], { useTime });
  if (md.code !== 0) log(`  measure-detect failed: ${md.stderr.slice(-1000)}`);
  else {
    detect = { ...lastJson(md.stdout), processPeakRssBytes: md.peakRssBytes };
    log(`  ${s2(detect.detectMs / 1000)} s wall, ${s2(detect.detectCpuMs / 1000)} s CPU: ${detect.ran} rules, ${detect.hits} hits`);
  }
  mark('detect', t);

  // 5. CPU profile of the same import through the real CLI, every thread (bench/profile-hook.mjs)
  t = Date.now();
  let profile = null;
  if (!opt['no-profile'] && imp.imported) {
    const dir = path.join(DATA, 'profiles', started.toISOString().replace(/[:.]/g, '-'));
    fs.mkdirSync(dir, { recursive: true });
    const pcase = path.join(DATA, `profile-${label(COUNT)}.auditdesk`);
    fs.rmSync(pcase, { recursive: true, force: true });
    const args = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', './bench/profile-hook.mjs', 'out/main/cli.js', 'import', pcase, data.file, '--json'];
    log(`profile: AUDITDESK_PROF_DIR=${rel(dir)} node ${args.map((a) => (path.isAbsolute(a) ? rel(a) : a)).join(' ')}`);
    const pr = await timed(process.execPath, args, { useTime, env: { ...process.env, AUDITDESK_PROF_DIR: dir } });
    fs.rmSync(pcase, { recursive: true, force: true });
    if (pr.code === 0) {
      profile = { wallS: pr.wallS, peakRssBytes: pr.peakRssBytes, dir: rel(dir), threads: summariseDir(dir, 12).map((th) => ({ ...th, file: rel(th.file) })) };
      const top = profile.threads[0];
      log(
        `  profiled import ${s2(pr.wallS)} s; busiest: ${top?.thread} ${top?.busyMs} ms: ${top?.functions
          .slice(0, 3)
          .map((f) => f.name)
          .join(' | ')}`,
      );
    } else log(`  profile failed: ${pr.stderr.slice(-800)}`);
  }
  mark('profile', t);

  if (!opt['keep-case']) fs.rmSync(casePath, { recursive: true, force: true });
  mark('total', t0);
  mach.loadAvgEnd = os.loadavg().map((x) => Number(x.toFixed(2)));

  const result = {
    date: started.toISOString(),
    argv: process.argv.slice(2),
    count: COUNT,
    runs: RUNS,
    repeat: REPEAT,
    data: { file: rel(data.file), bytes: data.bytes, lines: data.lines, options: data.options, reused: data.reused },
    machine: mach,
    parse,
    mapping,
    import: imp,
    lnav,
    lnavJson,
    store,
    firstRows,
    info,
    investigate,
    remap,
    annotate,
    search,
    export: exp,
    detect,
    profile,
    phases: phase,
  };
  fs.mkdirSync(DATA, { recursive: true });
  fs.writeFileSync(path.join(DATA, `last-run-${label(COUNT)}.json`), `${JSON.stringify(result, null, 2)}\n`);
  const section = renderSection(result);
  process.stdout.write(`${section}\n`);
  if (WRITE_DOC) writeDoc(section);
  else log('(not a 1M run: BENCHMARKS.md left alone; pass --write to update it anyway)');
}

// ---- BENCHMARKS.md ----------------------------------------------------------------------------------

const BEGIN = '<!-- bench:begin (generated by npm run bench; edits inside are overwritten) -->';
const END = '<!-- bench:end -->';

function verdict(ok, by) {
  return ok ? `met${by ? ` (${by})` : ''}` : `**missed** (${by})`;
}

function renderSection(r) {
  const L = [];
  const m = r.machine;
  const imp = r.import;
  const ratio = imp.wallS / r.parse.wallS;
  L.push(`## Latest run: ${r.date.slice(0, 10)} (${r.count.toLocaleString('en')} events)`);
  L.push('');
  L.push(
    `- Command: \`npm run bench${r.argv.length ? ` -- ${r.argv.join(' ')}` : ''}\` (parse floor, import and lnav run ${r.repeat}× each, best wall time and largest peak RSS taken; queries repeated ${r.runs}×); started ${r.date}, took ${r.phases.total} s in all`,
  );
  L.push(
    `- File: \`${r.data.file}\`: ${r.data.lines.toLocaleString('en')} events, ${mb(r.data.bytes)} MB (${(r.data.bytes / 1048576).toFixed(0)} MiB), generator v${r.data.options.version}, seed ${r.data.options.seed}, vendors ${r.data.options.vendors.join(', ')}, ${r.data.options.months} months from ${r.data.options.from.slice(0, 10)}, ${r.data.options.actors} people`,
  );
  L.push(`- Machine: ${m.nproc} CPUs (${m.cpu}), ${(m.memoryBytes / 2 ** 30).toFixed(1)} GiB RAM, ${m.kernel}; Node ${m.node}; ${m.lnav}`);
  L.push(
    `- Code: commit ${m.commit}${m.srcChangesUncommitted ? ` plus ${m.srcChangesUncommitted} uncommitted change(s) under src/ (built into out/ at the start of the run)` : ''}`,
  );
  L.push(
    `- Load average (1/5/15 min) at start ${m.loadAvgStart.join(' / ')}, at end ${m.loadAvgEnd.join(' / ')}; before each import ${r.import.loadAvg1Before.join(', ')}${Math.max(...m.loadAvgStart.slice(0, 1), ...r.import.loadAvg1Before) > 0.5 ? ': other work shared the CPUs, so wall times are upper bounds' : ''}`,
  );
  L.push('');
  L.push('| figure | measured | target | verdict |');
  L.push('|---|---|---|---|');
  const importOk = imp.code === 0 && imp.imported === r.data.lines;
  L.push(
    `| import wall time (CLI, fresh case) | ${s2(imp.wallS)} s${importOk ? '' : ` (exit ${imp.code}, ${imp.imported ?? 0} imported)`} | ≤ ${TARGETS.importVsParse} × parse floor = ${s2(TARGETS.importVsParse * r.parse.wallS)} s | ${verdict(ratio <= TARGETS.importVsParse && importOk, `${ratio.toFixed(2)}× the floor${ratio > TARGETS.importVsParse ? `, ${s2(imp.wallS - TARGETS.importVsParse * r.parse.wallS)} s over` : ''}`)} |`,
  );
  if (r.lnav) {
    const lr = imp.wallS / r.lnav.wallS;
    L.push(
      `| import vs lnav opening the same file | ${s2(imp.wallS)} s vs ${s2(r.lnav.wallS)} s | faster than lnav | ${verdict(imp.wallS < r.lnav.wallS, `${lr.toFixed(1)}× lnav's time`)} |`,
    );
  }
  L.push(
    `| import peak RSS (whole process) | ${mb(imp.peakRssBytes)} MB | ≤ 1500 MB | ${verdict(imp.peakRssBytes <= TARGETS.peakRssBytes, imp.peakRssBytes <= TARGETS.peakRssBytes ? `${mb(TARGETS.peakRssBytes - imp.peakRssBytes)} MB to spare` : `${mb(imp.peakRssBytes - TARGETS.peakRssBytes)} MB over`)} |`,
  );
  if (r.store) {
    const ro = r.store.reopen;
    L.push(
      `| reopen: CaseStore.open + info(), median of ${ro.runs} | ${ro.medianMs.toFixed(0)} ms (first ${ro.firstMs.toFixed(0)} ms, max ${ro.maxMs.toFixed(0)} ms) | ≤ ${TARGETS.reopenMs} ms | ${verdict(ro.medianMs <= TARGETS.reopenMs, ro.medianMs <= TARGETS.reopenMs ? '' : `${(ro.medianMs - TARGETS.reopenMs).toFixed(0)} ms over`)} |`,
    );
    const fr = r.firstRows;
    if (fr) {
      const ok = fr.firstPageMs <= TARGETS.firstRowsMs;
      L.push(
        `| reopen to first rows (fresh process: open, columns from ${fr.loadedFrom.join('/')}, first page), median of ${fr.runs} | ${fr.firstPageMs.toFixed(0)} ms (open ${fr.openMs.toFixed(0)} ms, columns loaded by ${fr.columnsMs.toFixed(0)} ms) | ≤ ${TARGETS.firstRowsMs} ms | ${verdict(ok, ok ? '' : `${(fr.firstPageMs - TARGETS.firstRowsMs).toFixed(0)} ms over`)} |`,
      );
    }
    for (const q of r.store.queries) {
      if (q.name === 'first page') continue;
      const ok = q.medianMs <= TARGETS.pageMs;
      const p95 = q.p95Ms <= TARGETS.pageMs ? '' : `; p95 ${q.p95Ms.toFixed(1)} ms is over`;
      L.push(
        `| page of 100, ${q.name}: \`${describeQuery(q.query)}\` (${q.total.toLocaleString('en')} match) | median ${q.medianMs.toFixed(1)} ms, p95 ${q.p95Ms.toFixed(1)} ms | ≤ ${TARGETS.pageMs} ms | ${verdict(ok, ok ? p95.slice(2) : `${(q.medianMs / TARGETS.pageMs).toFixed(1)}× the target${p95}`)} |`,
      );
    }
  } else L.push('| reopen, pages | not measured (import failed) | | |');
  if (r.investigate) {
    const iv = r.investigate;
    const row = (what, x, target) =>
      x &&
      L.push(
        `| ${what} | median ${x.medianMs.toFixed(1)} ms, p95 ${x.p95Ms.toFixed(1)} ms | ≤ ${target} ms | ${verdict(x.p95Ms <= target, x.p95Ms <= target ? '' : `p95 ${(x.p95Ms / target).toFixed(1)}× the target`)} |`,
      );
    row(
      `trace by request id (${iv.traceRequest?.sample ?? 0} ids spread over the case, ${iv.meanTraceEvents.toFixed(1)} events each on average; ${iv.traceRequest?.runs ?? 0} runs)`,
      iv.traceRequest,
      TARGETS.traceMs,
    );
    row(
      `trace from an event (request id, else session, else actor ±30 min; ${iv.traceEvent.runs} runs over ${iv.traceEvent.sample ?? iv.traceEvent.runs} events)`,
      iv.traceEvent,
      TARGETS.traceMs,
    );
    // First look at a filter (per-filter cache dropped); the whole case's metrics and facets come from the counts stored in the case.
    const overview = (what, x) => {
      if (!x?.byKey) return row(`${what} of the whole case / its most common action, alternating`, x, TARGETS.overviewMs);
      row(`${what}, whole case (first look after opening it)`, x.byKey.all, TARGETS.overviewMs);
      row(`${what}, its most common action (first look)`, x.byKey.one, TARGETS.overviewMs);
    };
    overview('hero metrics (summarize)', iv.summarize);
    overview('time histogram', iv.histogram);
    overview('facets (8 fields, top 6)', iv.facets);
    if (iv.wholeCaseCountMs != null) {
      const ok = iv.wholeCaseCountMs <= TARGETS.overviewMs;
      L.push(
        `| whole-case counts made from the rows (first unfiltered facets of a case imported by a version before they were kept; once) | ${iv.wholeCaseCountMs.toFixed(0)} ms | ≤ ${TARGETS.overviewMs} ms | ${verdict(ok, ok ? '' : `${(iv.wholeCaseCountMs / TARGETS.overviewMs).toFixed(1)}× the target, once per such case`)} |`,
      );
    }
    if (r.remap) {
      const x = r.remap;
      const ok = x.facetsMs <= TARGETS.overviewMs;
      L.push(
        `| first unfiltered facets right after a remap (\`bench/measure-remap.ts\`: a ${x.remappedEvents.toLocaleString('en')}-event file imported into a copy of the case and remapped in ${s2(x.remapMs / 1000)} s) | ${x.facetsMs.toFixed(1)} ms${x.countsKept ? '' : ' (no counts kept: counted from the rows)'} | ≤ ${TARGETS.overviewMs} ms | ${verdict(ok, ok ? '' : `${(x.facetsMs / TARGETS.overviewMs).toFixed(1)}× the target`)} |`,
      );
    }
    row(`before/after diff of one event (${iv.eventDiff?.sample ?? 0} events with states)`, iv.eventDiff, TARGETS.pageMs);
    if (r.annotate) {
      // Saved to disk (annotations.jsonl, fsynced) before the call returns; case.sqlite is not written.
      const a = r.annotate;
      const kept = a.untouched ? 'case.sqlite not written' : 'case.sqlite REWRITTEN';
      for (const [kind, name] of [
        ['bookmark', 'a bookmark'],
        ['tag', 'a tag'],
        ['note', 'a note'],
        ['view', 'a saved view'],
      ]) {
        row(`${name} saved to disk (\`bench/measure-annotate.ts\`, on a copy of the case; ${kept})`, a[kind], TARGETS.annotateMs);
      }
    }
    if (iv.uiWait) {
      // What the UI waits for after a filter change (count + first page + facets + histogram + metrics), per kind of filter.
      const w = iv.uiWait;
      const names = {
        eq: 'a facet value (eq)',
        containsTarget: '"contains" on target id',
        containsRequest: '"contains" on request id',
        text: 'free text',
        time: 'a time range (histogram brush)',
      };
      L.push(
        `| columns loaded on open (${w.columns.events.toLocaleString('en')} events, ${mb(w.columns.bytes)} MB) | ${(w.columns.loadMs / 1000).toFixed(1)} s | | |`,
      );
      for (const [kind, name] of Object.entries(names)) {
        const k = w[kind];
        if (!k) continue;
        const peers = `plain scan p95 ${k.plainScan.p95Ms.toFixed(0)} ms${k.sql ? `; SQL path p95 ${k.sql.p95Ms.toFixed(0)} ms (${k.sql.filters} filters)` : ''}`;
        row(`UI wait after a filter change, ${name}: columns (${k.filters} filters; ${peers})`, k.columns, TARGETS.uiWaitMs);
      }
    }
    // Query language (bench/ql-wait.ts): count + page + metrics + facets + histogram after the filter changes.
    for (const [kind, x] of Object.entries(iv.queryLanguage ?? {})) {
      if (!x?.columns) continue;
      row(
        `query language, ${kind}, column path: \`${x.example}\`${x.firstUseMs != null ? ` (first use of the path reads every raw record: ${x.firstUseMs.toFixed(0)} ms)` : ''}`,
        x.columns,
        TARGETS.uiWaitMs,
      );
      if (x.sql) row(`query language, ${kind}, SQL path (reference, ${x.sql.runs} queries)`, x.sql, TARGETS.uiWaitMs);
    }
  }
  if (r.export) {
    const e = r.export;
    const ok = e.wallS <= TARGETS.exportCsvS;
    L.push(
      `| export ${e.rows.toLocaleString('en')} events to CSV (normalized, manifest + per-row SHA-256): \`node bench/measure-export.mjs CASE\` (runs: ${e.wallRunsS.join(', ')}) | ${s2(e.wallS)} s; ${mb(e.dataBytes)} MB CSV, ${mb(e.manifestBytes)} MB manifest | ≤ ${TARGETS.exportCsvS} s | ${verdict(ok, ok ? '' : `${s2(e.wallS - TARGETS.exportCsvS)} s over`)} |`,
    );
  } else L.push('| export to CSV | not measured | | |');
  if (r.detect) {
    const d = r.detect;
    const ok = d.detectMs / 1000 <= TARGETS.detectS;
    L.push(
      `| ${d.ran} bundled Sigma rules over ${d.events.toLocaleString('en')} real-shaped cloud events (\`bench/measure-detect.ts\`: corpus CloudTrail, Okta, Azure, Entra ID, GCP, GitHub, M365, Workspace records repeated; ${d.hits.toLocaleString('en')} hits) | ${s2(d.detectMs / 1000)} s (${s2(d.detectCpuMs / 1000)} s CPU) | ≤ ${TARGETS.detectS} s | ${verdict(ok, ok ? '' : `${s2(d.detectMs / 1000 - TARGETS.detectS)} s over`)} |`,
    );
  } else L.push('| detection rules | not measured | | |');
  if (r.search) {
    const sr = r.search;
    const row = (what, x) =>
      x &&
      L.push(
        `| search + count + first page of 100, ${what}: \`${x.example}\` (${x.meanHits.toLocaleString('en')} hits on average) | median ${x.medianMs.toFixed(1)} ms, p95 ${x.p95Ms.toFixed(1)} ms | ≤ ${TARGETS.searchMs} ms | ${verdict(x.p95Ms <= TARGETS.searchMs, x.p95Ms <= TARGETS.searchMs ? '' : `p95 ${(x.p95Ms / TARGETS.searchMs).toFixed(1)}× the target`)} |`,
      );
    L.push(
      `| full-text index built on first search (${sr.events.toLocaleString('en')} events) + save | ${(sr.buildMs / 1000).toFixed(1)} s + ${(sr.saveMs / 1000).toFixed(1)} s; case.sqlite ${mb(sr.dbBytesBefore)} → ${mb(sr.dbBytesAfter)} MB; peak RSS ${mb(sr.processPeakRssBytes ?? sr.peakRssBytes)} MB | ≤ 1500 MB peak | ${verdict((sr.processPeakRssBytes ?? sr.peakRssBytes) <= 1.5e9, '')} |`,
    );
    row('one common word', sr.word);
    row('phrase (an actor)', sr.phrase);
    row('prefix', sr.prefix);
    row('rare token (a request id)', sr.rare);
  }
  L.push('');
  L.push('Peers and detail from the same run:');
  L.push('');
  L.push('| what | wall | peak RSS | CPU (user+sys) | notes |');
  L.push('|---|---|---|---|---|');
  L.push(
    `| parse floor: \`node bench/parse-floor.mjs FILE\` | ${s2(r.parse.wallS)} s (runs: ${r.parse.wallRunsS.join(', ')}) | ${mb(r.parse.peakRssBytes)} MB | ${r.parse.cpuS?.toFixed(2) ?? '?'} s | ${r.parse.records.toLocaleString('en')} lines parsed; read+split+JSON.parse loop alone ${s2(r.parse.loopS)} s (${(r.data.bytes / 1e6 / r.parse.loopS).toFixed(0)} MB/s) |`,
  );
  if (r.mapping)
    L.push(
      `| compileMapping alone: \`node --import tsx bench/measure-mapping.ts --count ${r.mapping.records}\` (Opbox-like records, after a warm-up) | ${(r.mapping.ms / 1000).toFixed(2)} s | | | ${r.mapping.usPerRecord.toFixed(2)} µs/record |`,
    );
  L.push(
    `| AuditDesk import: \`node out/main/cli.js import CASE FILE --json\` | ${s2(imp.wallS)} s (runs: ${imp.wallRunsS.join(', ')}) | ${mb(imp.peakRssBytes)} MB | ${imp.cpuS?.toFixed(2) ?? '?'} s | ${(r.data.bytes / 1e6 / imp.wallS).toFixed(1)} MB/s, ${Math.round((imp.imported ?? 0) / imp.wallS).toLocaleString('en')} events/s; vendor "${imp.vendor}", ${imp.errors} errors, ${imp.warnings} warnings; case on disk ${mb(imp.caseBytes)} MB |`,
  );
  if (r.lnav) {
    L.push(
      `| lnav: \`lnav -n -q -c ';SELECT … FROM lnav_file' -c ':write-json-to …' FILE\` (fresh HOME) | ${s2(r.lnav.wallS)} s (runs: ${r.lnav.wallRunsS.join(', ')}) | ${mb(r.lnav.peakRssBytes)} MB | ${r.lnav.cpuS?.toFixed(2) ?? '?'} s | indexed ${r.lnav.lines?.toLocaleString('en') ?? '?'} lines${r.lnav.complete ? ' (all)' : ' (NOT all lines!)'}; format: ${r.lnav.format ?? 'none, so plain text: lines are indexed, not parsed'} |`,
    );
  }
  if (r.lnavJson) {
    const j = r.lnavJson;
    L.push(
      `| lnav with a JSON-lines format (bench/data/lnav-format) on \`${j.file}\` (${j.events.toLocaleString('en')} OpenClaw events, ${mb(j.bytes)} MB) | ${s2(j.wallS)} s | ${mb(j.peakRssBytes)} MB | ${j.cpuS?.toFixed(2) ?? '?'} s | ${j.messages?.toLocaleString('en') ?? '?'} log messages${j.complete ? ' (all)' : ' (NOT all!)'}, format ${j.format}; ${(j.bytes / 1e6 / j.wallS).toFixed(1)} MB/s: lnav when it does parse every line |`,
    );
  }
  if (r.info)
    L.push(
      `| \`node out/main/cli.js info CASE --json\` (process start, worker, wasm, open) | ${s2(r.info.wallS)} s | ${mb(r.info.peakRssBytes)} MB | | ${r.info.events?.toLocaleString('en')} events |`,
    );
  if (r.store) {
    const fp = r.store.queries.find((q) => q.name === 'first page');
    if (fp) L.push(`| first page, no filter: \`limit 100, offset 0\` | median ${fp.medianMs.toFixed(1)} ms, p95 ${fp.p95Ms.toFixed(1)} ms | | | |`);
    L.push(
      `| measure-store process (reopens + queries) | | ${mb(r.store.peakRssBytes)} MB | | RSS after ${r.store.reopen.runs} reopens ${mb(r.store.rssAfterReopenBytes)} MB |`,
    );
  }
  if (r.store?.queries?.[0]?.sql) {
    L.push('');
    L.push(
      'Where a page\'s time goes (`store.query` runs a count of the matches, then the page with LIMIT/OFFSET; each statement timed alone, median of 5, with SQLite\'s plan; "ids only" is the same page step selecting just `id`, a what-if for a covering-index page):',
    );
    L.push('');
    L.push('| page | count(*) | page (SELECT *) | page, ids only | plan of the page step |');
    L.push('|---|---|---|---|---|');
    for (const q of r.store.queries) {
      const x = q.sql;
      L.push(`| ${q.name} | ${x.count.ms.toFixed(1)} ms | ${x.page.ms.toFixed(1)} ms | ${x.idsOnly.ms.toFixed(1)} ms | ${x.page.plan} |`);
    }
  }
  if (r.profile) {
    const p = r.profile;
    L.push('');
    L.push(
      `CPU profile of the same import (a second run of the real CLI with every thread profiled: \`AUDITDESK_PROF_DIR=D node --cpu-prof --cpu-prof-dir=D --import ./bench/profile-hook.mjs out/main/cli.js import CASE FILE --json\`; ${s2(p.wallS)} s under the profiler, peak RSS ${mb(p.peakRssBytes)} MB; profiles in \`${p.dir}\`, summarised with \`node bench/profile-top.mjs DIR\`). Self time per thread, share of that thread's busy time:`,
    );
    for (const th of p.threads) {
      if (th.busyMs < 0.05 * p.wallS * 1000) {
        L.push('');
        L.push(`- ${th.thread}: ${th.busyMs} ms busy, ${th.idleMs} ms idle (not shown)`);
        continue;
      }
      L.push('');
      L.push(
        `${th.thread}: ${th.busyMs} ms busy, ${th.idleMs} ms idle. Inclusive time of its own functions: ${th.inclusive
          .slice(0, 8)
          .map((f) => `\`${f.name.split(' ')[0]}\` ${(f.selfMs / 1000).toFixed(1)} s`)
          .join(', ')}`,
      );
      L.push('');
      L.push('| self ms | share | function |');
      L.push('|---|---|---|');
      for (const f of th.functions.slice(0, 10)) L.push(`| ${f.selfMs} | ${(f.share * 100).toFixed(1)}% | \`${f.name}\` |`);
      L.push(
        `| | | by file: ${th.files
          .slice(0, 5)
          .map((f) => `\`${f.name}\` ${(f.share * 100).toFixed(0)}%`)
          .join(', ')} |`,
      );
    }
  }
  L.push('');
  L.push(
    `Phases (s): ${Object.entries(r.phases)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}. Raw figures: \`bench/data/last-run-${label(r.count)}.json\` (not committed).`,
  );
  return L.join('\n');
}

function describeQuery(q) {
  const parts = [];
  for (const c of q.where ?? []) parts.push(`${c.field}${c.op === 'eq' ? '=' : '~'}${c.value}`);
  if (q.from) parts.push(`from ${q.from.slice(0, 10)}`);
  if (q.to) parts.push(`to ${q.to.slice(0, 10)}`);
  parts.push(`offset ${q.offset}`);
  return parts.join(', ');
}

function writeDoc(section) {
  const doc = path.join(root, 'BENCHMARKS.md');
  const text = fs.existsSync(doc) ? fs.readFileSync(doc, 'utf8') : '# Benchmarks\n\n';
  const i = text.indexOf(BEGIN);
  const j = text.indexOf(END);
  const head = i >= 0 ? text.slice(0, i) : `${text.trimEnd()}\n\n`;
  const tail = i >= 0 && j > i ? text.slice(j + END.length) : '\n';
  fs.writeFileSync(doc, `${head}${BEGIN}\n\n${section}\n\n${END}${tail}`);
  log(`wrote ${rel(doc)}`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.stack ?? e}\n`);
  process.exit(1);
});
