#!/usr/bin/env node
// A stand-in backend for working on the renderer alone: serves out/renderer and answers the
// contract over the wire protocol (src/shared/wire.ts) from a fake case of N generated events.
// Rows are computed from their index on demand, so a million events cost no memory.
//
//   npx vite build --config <renderer config> && node scripts/ui-dev-mock.mjs [--port 5199] [--events 1000000] [--no-case]
import { createServer } from 'node:http';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { WebSocketServer } from 'ws';

const args = process.argv.slice(2);
const arg = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const PORT = Number(arg('port', '5199'));
const N = Number(arg('events', '1000000'));
const ROOT = resolve(arg('root', join(import.meta.dirname, '..', 'out', 'renderer')));
const UPLOADS = join(tmpdir(), 'auditdesk-ui-mock-uploads');
mkdirSync(UPLOADS, { recursive: true });

// ---- the fake case ---------------------------------------------------------------------------
// The vendors are the app's own descriptors (src/main/vendors/<vendor>/descriptor.json).
const VENDOR_DIR = join(import.meta.dirname, '..', 'src', 'main', 'vendors');
const DESCRIPTORS = readdirSync(VENDOR_DIR)
  .filter((d) => existsSync(join(VENDOR_DIR, d, 'descriptor.json')))
  .sort()
  .map((d) => JSON.parse(readFileSync(join(VENDOR_DIR, d, 'descriptor.json'), 'utf8')));
const VENDORS = DESCRIPTORS.map((d) => d.vendor);
const V = VENDORS.length;
const SYNC_VENDORS = DESCRIPTORS.filter((d) => d.paging && d.auth).map((d) => ({
  vendor: d.vendor,
  displayName: d.displayName,
  endpoint: d.paging.endpoint,
  auth: d.auth,
  params: [...d.paging.endpoint.matchAll(/\{([A-Za-z][A-Za-z0-9_]*)\}/g)].map(([, name]) => ({ name, ...d.pathParams?.[name] })),
}));
// Rows of the last syncable vendor carry API provenance.
const API_VENDOR = SYNC_VENDORS[SYNC_VENDORS.length - 1];
const ACTIONS = [
  'user.login',
  'user.logout',
  'file.read',
  'file.write',
  'role.grant',
  'key.rotate',
  'repo.clone',
  'policy.update',
  'token.create',
  'member.remove',
];
const TARGET_TYPES = ['user', 'file', 'repo', 'role', 'token', 'policy'];
const BASE = Date.parse('2024-01-01T00:00:00Z');
let sources = VENDORS.map((v, i) => ({
  id: i + 1,
  name: `${v}-export.jsonl`,
  path: `/cases/evidence/${v}-export.jsonl`,
  originalName: null,
  sha256: (i + 1).toString(16).repeat(64).slice(0, 64),
  format: DESCRIPTORS[i].detect.rules.some((r) => r.csvHeaders) ? 'csv' : 'jsonl',
  vendor: v,
  events: Math.floor(N / V) + (i < N % V ? 1 : 0),
  importedAt: '2024-06-01T10:00:00Z',
  mappingOrigin: Object.keys(DESCRIPTORS[i].fields).length < 2 ? 'inferred' : 'descriptor',
}));
let caseInfo = args.includes('--no-case') ? null : makeCase('/cases/acme-incident.auditdesk');

function makeCase(path) {
  return {
    path,
    name: path
      .split('/')
      .pop()
      .replace(/\.auditdesk$/, ''),
    events: N,
    sources,
    timeRange: N ? { from: new Date(BASE).toISOString(), to: new Date(BASE + (N - 1) * 37_000).toISOString() } : null,
    savedAt: '2024-06-01T10:05:00Z',
  };
}

function hash(i) {
  let x = (i + 1) * 2654435761;
  x ^= x >>> 16;
  return (x >>> 0).toString(16).padStart(8, '0');
}

function row(i) {
  const vendor = VENDORS[i % V];
  const t = new Date(BASE + i * 37_000).toISOString();
  const timeFlag = i % 1000 === 7 ? 'no-zone' : i % 25013 === 11 ? 'invalid' : null;
  const outcome = i % 29 === 3 ? 'warning' : i % 13 === 5 ? 'denied' : i % 7 === 2 ? 'failure' : i % 101 === 9 ? 'unknown' : 'success';
  const tt = TARGET_TYPES[(i >> 2) % TARGET_TYPES.length];
  return {
    id: `e${i}`,
    eventId: `${vendor.slice(0, 3)}-${hash(i)}`,
    time: timeFlag === 'invalid' ? null : t,
    timeOriginal: timeFlag === 'no-zone' ? t.slice(0, 19).replace('T', ' ') : timeFlag === 'invalid' ? '31/02/2024 25:61' : t,
    timeFlag,
    vendor,
    source: sources[i % V].name,
    actor: i % 53 === 0 ? null : `user${i % 97}@acme.example`,
    actorType: i % 53 === 0 ? 'system' : i % 17 === 0 ? 'agent' : 'human',
    action: ACTIONS[(i * 7) % ACTIONS.length],
    targetType: tt,
    targetId: `${tt}-${(i * 31) % 5000}`,
    outcome,
    requestId: i % 3 === 0 ? null : `req-${hash(i * 3)}`,
    ip: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64)',
    hasDiff: i % 11 === 0,
    flags: i % 4999 === 1 ? ['same eventId, different content'] : [],
  };
}

function fullEvent(i) {
  const r = row(i);
  const src = sources[i % V];
  const csv = src.format === 'csv';
  const rawObj = {
    ts: r.timeOriginal,
    id: r.eventId,
    actor: { email: r.actor, type: r.actorType },
    event: { action: r.action, outcome: r.outcome },
    target: { type: r.targetType, id: r.targetId },
    context: { request_id: r.requestId, ip: r.ip, ua: r.userAgent },
    ...(r.hasDiff ? { before: { role: 'viewer' }, after: { role: 'admin' } } : {}),
  };
  const raw = csv
    ? [r.timeOriginal, r.eventId, r.actor ?? '', r.action, r.targetType, r.targetId, r.outcome, r.requestId ?? ''].join(',')
    : JSON.stringify(rawObj);
  return {
    ...r,
    before: r.hasDiff ? { role: 'viewer' } : null,
    after: r.hasDiff ? { role: 'admin' } : null,
    raw,
    provenance:
      r.vendor === API_VENDOR?.vendor
        ? {
            kind: 'api',
            source: r.vendor,
            url: `https://api.${r.vendor}.example${API_VENDOR.endpoint.replace(/\{\w+\}/g, 'demo')}?cursor=${hash(i)}`,
            page: Math.floor(i / 500),
            index: i % 100,
          }
        : { kind: 'file', path: src.path, sha256: src.sha256, line: Math.floor(i / V) + 1, offset: Math.floor(i / V) * 310, length: raw.length },
  };
}

// ---- queries ------------------------------------------------------------------------------------
const matchCache = new Map();
function matches(q) {
  const where = q.where ?? [];
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  const from = q.from ? Date.parse(q.from) : null;
  const to = q.to ? Date.parse(q.to) : null;
  if (!where.length && !words.length && from === null && to === null) return null;
  const key = JSON.stringify([where, words, q.from, q.to]);
  if (matchCache.has(key)) return matchCache.get(key);
  const out = new Int32Array(N);
  let n = 0;
  for (let i = 0; i < N; i++) {
    const r = row(i);
    const t = BASE + i * 37_000;
    if (from !== null && t < from) continue;
    if (to !== null && t >= to) continue;
    let ok = true;
    for (const c of where) {
      const v = r[c.field] == null ? '' : String(r[c.field]).toLowerCase();
      if (c.op === 'eq' ? v !== c.value.toLowerCase() : !v.includes(c.value.toLowerCase())) {
        ok = false;
        break;
      }
    }
    if (ok && words.length) {
      const hay = Object.values(r)
        .filter((v) => typeof v === 'string')
        .join(' ')
        .toLowerCase();
      ok = words.every((w) => hay.includes(w));
    }
    if (ok) out[n++] = i;
  }
  const res = out.slice(0, n);
  if (matchCache.size > 20) matchCache.clear();
  matchCache.set(key, res);
  return res;
}

function queryEvents(q) {
  if (!caseInfo) throw new Error('No case is open');
  const m = matches(q);
  const total = m ? m.length : N;
  const offset = q.offset ?? 0;
  const limit = Math.min(q.limit ?? 100, 10_000);
  const events = [];
  for (let k = offset; k < Math.min(total, offset + limit); k++) {
    const pos = q.order === 'desc' ? total - 1 - k : k;
    events.push(row(m ? m[pos] : pos));
  }
  return { total, events };
}

// ---- jobs ---------------------------------------------------------------------------------------
const jobs = new Map();
function importFiles({ paths, originalNames, jobId }) {
  if (!caseInfo) throw new Error('Open a case first');
  jobId ??= `job-${Date.now()}`;
  const job = { cancelled: false };
  jobs.set(jobId, job);
  return new Promise((resolveJob) => {
    const sizes = paths.map(() => 3_000_000);
    let f = 0;
    let done = 0;
    let events = 0;
    const tick = setInterval(() => {
      if (job.cancelled || f >= paths.length) {
        clearInterval(tick);
        jobs.delete(jobId);
        broadcast({
          type: 'progress',
          progress: {
            jobId,
            kind: 'import',
            file: paths[Math.min(f, paths.length - 1)],
            fileIndex: f,
            fileCount: paths.length,
            bytesDone: done,
            bytesTotal: sizes[0],
            events,
            done: true,
          },
        });
        resolveJob(report(paths, originalNames, job.cancelled));
        return;
      }
      done += 150_000;
      events += 1000;
      broadcast({
        type: 'progress',
        progress: {
          jobId,
          kind: 'import',
          file: paths[f],
          fileIndex: f,
          fileCount: paths.length,
          bytesDone: Math.min(done, sizes[f]),
          bytesTotal: sizes[f],
          events,
          done: false,
        },
      });
      if (done >= sizes[f]) {
        f++;
        done = 0;
      }
    }, 100);
  });
}

function report(paths, originalNames, cancelled) {
  return {
    cancelled: cancelled || undefined,
    files: paths.map((p, i) => ({
      path: p,
      format: p.endsWith('.csv') ? 'csv' : 'jsonl',
      vendor: VENDORS[i % V],
      imported: i === 1 ? 0 : 19_834,
      duplicates: i === 1 ? 0 : 120,
      skipped: 3,
      errors: i === 1 ? [] : Array.from({ length: 27 }, (_, k) => ({ line: 100 + k * 17, message: `Unexpected token } in JSON at position ${k + 4}` })),
      warnings:
        i === 1
          ? []
          : [
              { line: 42, message: 'time "2024-03-01 10:00:00" has no zone; read as UTC' },
              { line: 0, message: `${originalNames?.[i] ?? p}: 12 records share an eventId with different content` },
            ],
      alreadyImported: i === 1 || undefined,
    })),
  };
}

// ---- mapping ------------------------------------------------------------------------------------
const saved = new Map();
function getMapping({ sourceId }) {
  const src = sources.find((s) => s.id === sourceId);
  if (!src) throw new Error(`No source ${sourceId}`);
  const ev = fullEvent(sourceId - 1);
  const fields = saved.get(sourceId) ?? {
    time: ['ts'],
    eventId: ['id'],
    actor: ['actor.email', 'actor.name'],
    actorType: ['actor.type'],
    action: ['event.action'],
    targetType: ['target.type'],
    targetId: ['target.id'],
    outcome: ['event.outcome'],
    requestId: ['context.request_id'],
    ip: ['context.ip'],
    userAgent: ['context.ua'],
  };
  const paths = [
    ['ts', ev.timeOriginal],
    ['id', ev.eventId],
    ['actor.email', ev.actor],
    ['actor.type', ev.actorType],
    ['event.action', ev.action],
    ['event.outcome', ev.outcome],
    ['target.type', ev.targetType],
    ['target.id', ev.targetId],
    ['context.request_id', ev.requestId],
    ['context.ip', ev.ip],
    ['context.ua', ev.userAgent],
  ].map(([path, example]) => ({ path, example: String(example ?? '') }));
  const samples = Object.keys(fields).map((field) => ({
    field,
    values: [0, 5, 10].map((k) => String(row(sourceId - 1 + k * 5)[field] ?? '')),
  }));
  return {
    sourceId,
    mapping: {
      vendor: src.vendor,
      fields,
      origin: saved.has(sourceId) ? 'saved' : src.mappingOrigin,
      shapeKey: `shape-${sourceId}`,
      confidence: src.mappingOrigin === 'inferred' ? { time: 0.95, actor: 0.42, action: 0.8, outcome: 0.35, targetId: 0.55 } : undefined,
    },
    paths,
    samples,
  };
}

function saveMapping({ sourceId, mapping }) {
  saved.set(sourceId, mapping.fields);
  sources = sources.map((s) => (s.id === sourceId ? { ...s, mappingOrigin: 'saved' } : s));
  caseInfo = makeCase(caseInfo.path);
  broadcast({ type: 'caseChanged', info: caseInfo });
  return caseInfo;
}

const handlers = {
  openCase: ({ path, create }) => {
    if (path.includes('missing') && !create) throw new Error(`No case at ${path}`);
    caseInfo = makeCase(path);
    broadcast({ type: 'caseChanged', info: caseInfo });
    return caseInfo;
  },
  caseInfo: () => caseInfo,
  importFiles,
  cancelJob: ({ jobId }) => {
    const j = jobs.get(jobId);
    if (j) j.cancelled = true;
    return { cancelled: !!j };
  },
  queryEvents,
  getEvent: ({ id }) => {
    const i = Number(String(id).slice(1));
    if (!Number.isInteger(i) || i < 0 || i >= N) throw new Error(`No event ${id}`);
    return fullEvent(i);
  },
  getMapping,
  saveMapping,
  syncVendors: () => SYNC_VENDORS,
  syncSources: () => [],
  ...overviewHandlers(),
};

// Overview aggregates for the mock: the total and the histogram are exact; metrics and facets are
// scaled from a sample of at most 20,000 matching rows (the mock has no index to count with).
function overviewHandlers() {
  const idsOf = (q) => {
    const m = matches(q);
    return { total: m ? m.length : N, at: (k) => (m ? m[k] : k) };
  };
  const sample = (q) => {
    const { total, at } = idsOf(q);
    const step = Math.max(1, Math.floor(total / 20_000));
    const rows = [];
    for (let k = 0; k < total; k += step) rows.push(row(at(k)));
    return { total, rows, scale: total / Math.max(1, rows.length) };
  };
  return {
    summarize: (q) => {
      const { total, rows, scale } = sample(q);
      const count = (f) => Math.round(rows.filter(f).length * scale);
      return {
        total,
        failures: count((r) => r.outcome === 'failure'),
        warnings: count((r) => r.outcome === 'denied' || r.outcome === 'warning'),
        distinctActors: new Set(rows.map((r) => r.actor).filter(Boolean)).size,
      };
    },
    histogram: ({ query }) => {
      const { total, at } = idsOf(query);
      if (!total) return { unit: 'ms', size: 1000, label: '1 s', buckets: [], untimed: 0 };
      const DAY = 86_400_000;
      const lo = Math.floor((BASE + at(0) * 37_000) / DAY);
      const hi = Math.floor((BASE + at(total - 1) * 37_000) / DAY);
      const per = Math.max(1, Math.ceil((hi - lo + 1) / 120));
      const counts = new Map();
      for (let k = 0; k < total; k++) {
        const b = Math.floor((Math.floor((BASE + at(k) * 37_000) / DAY) - lo) / per);
        counts.set(b, (counts.get(b) ?? 0) + 1);
      }
      const buckets = [];
      for (let b = 0; b <= Math.floor((hi - lo) / per); b++) {
        buckets.push({
          start: new Date((lo + b * per) * DAY).toISOString(),
          end: new Date((lo + (b + 1) * per) * DAY).toISOString(),
          count: counts.get(b) ?? 0,
        });
      }
      return { unit: 'ms', size: per * DAY, label: `${per} d`, buckets, untimed: 0 };
    },
    facets: ({ query, fields, limit = 8 }) => {
      const { rows, scale } = sample(query);
      return (fields ?? ['vendor', 'actor', 'actorType', 'action', 'outcome']).map((field) => {
        const m = new Map();
        for (const r of rows) m.set(r[field] ?? null, (m.get(r[field] ?? null) ?? 0) + 1);
        const values = [...m]
          .map(([value, c]) => ({ value, count: Math.round(c * scale) }))
          .sort((a, b) => b.count - a.count)
          .slice(0, limit);
        return { field, values };
      });
    },
  };
}

// ---- transport ----------------------------------------------------------------------------------
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.ttf': 'font/ttf', '.json': 'application/json', '.svg': 'image/svg+xml' };
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://x');
  if (url.pathname === '/api/upload' && req.method === 'POST') {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const name = (url.searchParams.get('name') ?? 'upload').replace(/[^\w.-]/g, '_');
      const p = join(UPLOADS, `${Date.now()}-${name}`);
      writeFileSync(p, Buffer.concat(chunks));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ path: p }));
    });
    return;
  }
  const rel = normalize(decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname)).replace(/^(\.\.[/\\])+/, '');
  const file = join(ROOT, rel);
  try {
    if (!file.startsWith(ROOT) || !statSync(file).isFile()) throw new Error('not found');
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  } catch {
    res.writeHead(404).end('not found');
  }
});

const wss = new WebSocketServer({ server, path: '/api/ws' });
function broadcast(event) {
  const text = JSON.stringify({ event });
  for (const c of wss.clients) if (c.readyState === 1) c.send(text);
}
wss.on('connection', (ws) => {
  ws.on('message', async (data) => {
    let msg;
    try {
      msg = JSON.parse(String(data));
    } catch {
      return;
    }
    const h = handlers[msg.method];
    try {
      if (!h) throw new Error(`Unknown method ${msg.method}`);
      const result = await h(msg.params ?? {});
      ws.send(JSON.stringify({ id: msg.id, result: result ?? null }));
    } catch (e) {
      ws.send(JSON.stringify({ id: msg.id, error: { message: e instanceof Error ? e.message : String(e) } }));
    }
  });
});

server.listen(PORT, '127.0.0.1', () => {
  console.log(`ui-dev-mock: http://127.0.0.1:${PORT}/ (${N.toLocaleString('en-US')} events, serving ${ROOT})`);
});
