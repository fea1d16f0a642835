// `auditdesk <command>`: a thin shell over the engine worker. Every command takes --json and then
// prints exactly one JSON document on stdout; human output and progress go elsewhere.
import path from 'node:path';
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { EngineClient, type FullTrace } from './engine/worker/engine-client';
import { FACET_FIELDS, isFailure } from '../shared/investigate';
import { fmtMs } from '../shared/duration';
import { startHttpHost } from './host/http';
import { parseCondition, type EventQuery } from '../shared/query';
import type { ImportReport } from '../shared/contract';
import { progressPrinter, syncProgressPrinter } from './cli-progress';
import { readToken } from './sync/token-prompt';
import { syncSourceName, type SyncReport, type SyncSettings } from '../shared/sync';
import { cmdExport, cmdVerify } from './cli-export';
import { cmdSql, cmdViews } from './cli-views';
import { cmdFacets } from './cli-facets';
import { cmdDiff } from './cli-diff';
import { checkedQuery } from './cli-query';

const USAGE = `usage:
  auditdesk import CASE FILE... [--json]
  auditdesk info CASE [--json]
  auditdesk query CASE [--q QUERY] [--where FIELD=VALUE]... [--where FIELD~TEXT]... [--text WORDS] [--search Q]
                       [--from T] [--to T] [--tag T] [--bookmarked] [--noted] [--limit N] [--offset N] [--json]
  auditdesk annotate CASE EVENT_ID [--tag T]... [--untag T]... [--bookmark | --unbookmark] [--note TEXT] [--json]
  auditdesk trace CASE REQUEST_ID [--q QUERY] [--json]   --q: only the steps the query matches
  auditdesk trace CASE --q QUERY [--json]                the trace of the oldest event the query matches
  auditdesk diff CASE EVENT_ID [--history] [--json]
                      the event's before/after as changed paths; --history: every event on its target, in order
  auditdesk facets CASE [--q QUERY] [--where ...] [--text WORDS] [--search Q] [--from T] [--to T] [--tag T] [--bookmarked]
                        [--noted] [--field F]... [--limit N] [--json]
                        top values with counts; F: ${FACET_FIELDS.join(' | ')} (default all); N: 1 to 100 (default 8)
  auditdesk export CASE [--q QUERY] [--where ...] [--text WORDS] [--search Q] [--from T] [--to T] [--tag T] [--bookmarked]
                        [--noted] [--id ID]...
                        --format json|jsonl|csv [--raw|--normalized] [--redact FIELD]... --out DIR [--json]
  auditdesk verify DIR [--sources DIR] [--json]
  auditdesk serve CASE [--port N] [--json]
  auditdesk sql CASE "SELECT ..." [--json]     one read-only statement (SELECT, WITH, EXPLAIN); tab-separated
  auditdesk views CASE [--json]                the case's saved views
  auditdesk sync CASE --vendor V --base-url URL [--org ID] [--path P] [--name N] [--token-env VAR]
                      [--since T] [--filter k=v]... [--page-size N] [--json]
                      V: openindex | opbox | adminconsole | openclaw | invent. The token comes from the
                      environment variable VAR, or a prompt on a terminal; never from the command line.
QUERY is the query language, e.g. 'outcome:(failure OR denied) AND -actor:svc-*' (README, "Query language").
CASE is a case folder (e.g. incident-42.auditdesk); import and serve create it when missing.`;

export class UsageError extends Error {}

const OPTIONS = {
  json: { type: 'boolean' },
  where: { type: 'string', multiple: true },
  q: { type: 'string' },
  text: { type: 'string' },
  search: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  tag: { type: 'string', multiple: true },
  untag: { type: 'string', multiple: true },
  bookmarked: { type: 'boolean' },
  noted: { type: 'boolean' },
  bookmark: { type: 'boolean' },
  unbookmark: { type: 'boolean' },
  note: { type: 'string' },
  port: { type: 'string' },
  vendor: { type: 'string' },
  'base-url': { type: 'string' },
  org: { type: 'string' },
  path: { type: 'string' },
  name: { type: 'string' },
  'token-env': { type: 'string' },
  since: { type: 'string' },
  filter: { type: 'string', multiple: true },
  'page-size': { type: 'string' },
  format: { type: 'string' },
  raw: { type: 'boolean' },
  normalized: { type: 'boolean' },
  redact: { type: 'string', multiple: true },
  id: { type: 'string', multiple: true },
  out: { type: 'string' },
  sources: { type: 'string' },
  field: { type: 'string', multiple: true },
  history: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

function intOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} takes a whole number, got "${v}"`);
  return Number(v);
}

function out(json: boolean, doc: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(doc)}\n` : `${human()}\n`);
}

async function cmdImport(engine: EngineClient, casePath: string, files: string[], v: Values): Promise<number> {
  if (!files.length) throw new UsageError('import needs at least one FILE');
  await engine.api.openCase({ path: casePath, create: true });
  const off = engine.onEvent((e) => e.type === 'progress' && bar(e.progress));
  const bar = progressPrinter();
  const report: ImportReport = await engine.api.importFiles({ paths: files.map((f) => path.resolve(f)) });
  off();
  const files2 = report.files.map((f, i) => ({ ...f, path: files[i] ?? f.path }));
  out(Boolean(v.json), { files: files2 }, () => files2.map(humanFileReport).join('\n'));
  const whole = report.files.every((f) => f.errors.length === 0);
  return whole ? 0 : 1;
}

function humanFileReport(f: ImportReport['files'][number]): string {
  const lines = [
    `${f.path}: ${f.alreadyImported ? 'already imported, nothing added' : `${f.imported} imported`}` +
      ` (format ${f.format}, vendor ${f.vendor}, ${f.duplicates} duplicates, ${f.skipped} skipped)`,
  ];
  for (const e of f.errors.slice(0, 20)) lines.push(`  error ${e.line ? `line ${e.line}` : ''}: ${e.message}`);
  if (f.errors.length > 20) lines.push(`  … ${f.errors.length - 20} more errors (use --json for all)`);
  for (const w of f.warnings.slice(0, 5)) lines.push(`  warning ${w.line ? `line ${w.line}` : ''}: ${w.message}`);
  if (f.warnings.length > 5) lines.push(`  … ${f.warnings.length - 5} more warnings`);
  return lines.join('\n');
}

async function cmdInfo(engine: EngineClient, casePath: string, v: Values): Promise<number> {
  const info = await engine.api.openCase({ path: casePath });
  out(Boolean(v.json), { events: info.events, sources: info.sources, timeRange: info.timeRange, path: info.path }, () =>
    [
      `${info.path}: ${info.events} events${info.timeRange ? ` from ${info.timeRange.from} to ${info.timeRange.to}` : ''}`,
      ...info.sources.map((s) => `  [${s.id}] ${s.name}: ${s.events} events, ${s.vendor}, ${s.format}, sha256 ${s.sha256.slice(0, 16)}…`),
    ].join('\n'),
  );
  return 0;
}

/** The filters of query and facets: --where, --text, --search, --from, --to, --tag, --bookmarked, --noted. */
function filterQuery(v: Values): EventQuery {
  try {
    return {
      where: (v.where ?? []).map(parseCondition),
      ...(v.q !== undefined ? { q: checkedQuery(v.q, UsageError) } : {}),
      text: v.text,
      ...(v.search ? { search: v.search } : {}),
      from: v.from,
      to: v.to,
      ...(v.tag?.length ? { tag: oneTag(v.tag) } : {}),
      ...(v.bookmarked ? { bookmarked: true } : {}),
      ...(v.noted ? { noted: true } : {}),
    };
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
}

async function cmdQuery(engine: EngineClient, casePath: string, v: Values): Promise<number> {
  const q: EventQuery = { ...filterQuery(v), limit: intOption(v.limit, 'limit') ?? 100, offset: intOption(v.offset, 'offset') ?? 0 };
  await engine.api.openCase({ path: casePath });
  const res = await engine.queryFull(q);
  out(Boolean(v.json), res, () =>
    [
      `${res.total} events match; showing ${res.events.length} from ${q.offset}`,
      ...res.events.map((e) =>
        [e.time ?? '(no time)', e.vendor, e.actor ?? '-', e.action ?? '-', e.targetType || e.targetId ? `${e.targetType ?? ''}:${e.targetId ?? ''}` : '-', e.outcome, e.requestId ?? '-'].join('  '),
      ),
    ].join('\n'),
  );
  return 0;
}

function oneTag(tags: string[]): string {
  if (tags.length > 1) throw new UsageError('query takes one --tag');
  return tags[0];
}

async function cmdAnnotate(engine: EngineClient, casePath: string, rest: string[], v: Values): Promise<number> {
  if (rest.length !== 1 || !rest[0]) throw new UsageError('annotate needs exactly one EVENT_ID');
  if (v.bookmark && v.unbookmark) throw new UsageError('--bookmark and --unbookmark exclude each other');
  await engine.api.openCase({ path: casePath });
  const a = await engine.api.annotate({
    id: rest[0],
    ...(v.bookmark ? { bookmarked: true } : v.unbookmark ? { bookmarked: false } : {}),
    ...(v.tag?.length ? { addTags: v.tag } : {}),
    ...(v.untag?.length ? { removeTags: v.untag } : {}),
    ...(v.note !== undefined ? { note: v.note } : {}),
  });
  out(Boolean(v.json), a, () =>
    `event ${a.id}: ${a.bookmarked ? 'bookmarked' : 'not bookmarked'}; tags: ${a.tags.join(', ') || '-'}; note: ${a.note ?? '-'}`,
  );
  return 0;
}

async function cmdTrace(engine: EngineClient, casePath: string, rest: string[], v: Values): Promise<number> {
  const q = v.q !== undefined ? checkedQuery(v.q, UsageError) : undefined;
  if (rest.length > 1 || (!rest[0] && q === undefined)) throw new UsageError('trace needs exactly one REQUEST_ID, or --q QUERY');
  await engine.api.openCase({ path: casePath });
  let requestId = rest[0];
  if (!requestId) {
    const first = (await engine.api.queryEvents({ q, where: [{ field: 'requestId', op: 'contains', value: '' }], limit: 1 })).events[0];
    if (!first) throw new Error(`no event with a request id matches --q ${q}`);
    requestId = first.requestId!;
  }
  const trace = await engine.traceFull({ requestId });
  if (rest[0] && q !== undefined) {
    // Only the steps the query matches; offsets and gaps stay those of the whole trace.
    const ids = new Set((await engine.api.queryEvents({ q, where: [{ field: 'requestId', op: 'eq', value: requestId }], limit: 10_000 })).events.map((e) => e.id));
    trace.events = trace.events.filter((e) => ids.has(e.id));
  }
  const doc = { requestId, events: trace.events, vendors: trace.vendors, truncated: trace.truncated };
  out(Boolean(v.json), doc, () => humanTrace(requestId, trace));
  return trace.events.length ? 0 : 1;
}

function humanTrace(requestId: string, trace: FullTrace): string {
  if (!trace.events.length) return `no events with request id ${requestId}`;
  const lines = [`request ${requestId}: ${trace.events.length} events across ${trace.vendors.join(', ')}`];
  for (const e of trace.events) {
    const mark = isFailure(e.outcome) ? '✗' : ' ';
    const offset = e.offsetMs === null ? '(no time)' : `+${fmtMs(e.offsetMs)}`;
    const gap = e.gapMs ? `  (gap ${fmtMs(e.gapMs)})` : '';
    lines.push(`${mark} ${offset.padStart(12)}  ${e.time ?? '-'}  ${e.vendor}  ${e.actor ?? '-'}  ${e.action ?? '-'}  ${e.outcome}${gap}`);
  }
  if (trace.truncated) lines.push('… more events matched; the trace shows the first ones');
  return lines.join('\n');
}

async function cmdServe(engine: EngineClient, casePath: string, v: Values): Promise<number> {
  const info = await engine.api.openCase({ path: casePath, create: true });
  const rendererDir = path.join(__dirname, '../renderer');
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`the UI is not built (${rendererDir}); run npm run build`);
  }
  const port = intOption(v.port, 'port');
  const host = await startHttpHost({ engine, rendererDir, port }).catch((e: NodeJS.ErrnoException) => {
    if (e.code !== 'EADDRINUSE') throw e;
    throw new Error(`port ${port} on 127.0.0.1 is already in use (another AuditDesk?): stop that program, or choose another port with --port N (npm start: PORT=N npm start)`);
  });
  out(Boolean(v.json), { url: host.url, case: info.path }, () => `AuditDesk is serving ${info.path} at ${host.url}`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await host.close();
  return 0;
}

async function cmdSync(engine: EngineClient, casePath: string, v: Values): Promise<number> {
  if (!v.vendor) throw new UsageError('sync needs --vendor');
  if (!v['base-url']) throw new UsageError('sync needs --base-url');
  const filters: Record<string, string> = {};
  for (const f of v.filter ?? []) {
    const eq = f.indexOf('=');
    if (eq <= 0) throw new UsageError(`--filter takes NAME=VALUE, got "${f}"`);
    filters[f.slice(0, eq)] = f.slice(eq + 1);
  }
  const settings: SyncSettings = {
    vendor: v.vendor,
    baseUrl: v['base-url'],
    ...(v.name ? { name: v.name } : {}),
    ...(v.org ? { orgId: v.org } : {}),
    ...(v.path ? { path: v.path } : {}),
    ...(v.since ? { since: v.since } : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
    ...(v['page-size'] ? { pageSize: intOption(v['page-size'], 'page-size') } : {}),
  };
  const token = await readToken(v['token-env'], syncSourceName(settings));
  await engine.api.openCase({ path: casePath, create: true });
  const bar = syncProgressPrinter();
  const off = engine.onEvent((e) => e.type === 'syncProgress' && bar(e.progress, e.done));
  const report = await engine.api.runSync({ settings, token });
  off();
  out(Boolean(v.json), report, () => humanSyncReport(report));
  return report.error ? 1 : 0;
}

function humanSyncReport(r: SyncReport): string {
  const lines = [
    `${r.source}: ${r.finished ? 'finished' : 'NOT finished'} (${r.mode}): ${r.pages} pages, ${r.received} events received, ` +
      `${r.new} new, ${r.duplicates} duplicates${r.expectedTotal != null ? `, API stated ${r.expectedTotal}` : ''}, ${r.retries} retries` +
      (r.refetched ? `, ${r.refetched} pages re-read after the list moved` : ''),
  ];
  if (r.error) lines.push(`  stopped: ${r.error}`);
  for (const g of r.gaps) lines.push(`  gap: ${g}`);
  for (const w of r.warnings.slice(0, 5)) lines.push(`  warning ${w}`);
  return lines.join('\n');
}

/** `--q -actor:x`: a query may start with "-" (NOT), which parseArgs would take for an option. */
function joinQueryArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) out.push(argv[i] === '--q' && i + 1 < argv.length ? `--q=${argv[++i]}` : argv[i]);
  return out;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: joinQueryArgs(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`auditdesk: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const [command, casePath, ...rest] = positionals;
  if (v.help || !command || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command || v.help ? 0 : 2;
  }
  if (!['import', 'info', 'query', 'facets', 'annotate', 'trace', 'diff', 'serve', 'sync', 'export', 'verify', 'sql', 'views'].includes(command)) {
    process.stderr.write(`auditdesk: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  if (!casePath) {
    process.stderr.write(`auditdesk: ${command} needs CASE\n${USAGE}\n`);
    return 2;
  }
  const engine = new EngineClient();
  try {
    switch (command) {
      case 'import':
        return await cmdImport(engine, casePath, rest, v);
      case 'info':
        return await cmdInfo(engine, casePath, v);
      case 'query':
        return await cmdQuery(engine, casePath, v);
      case 'facets':
        return await cmdFacets(engine, casePath, filterQuery(v), v, intOption(v.limit, 'limit'), UsageError);
      case 'sync':
        return await cmdSync(engine, casePath, v);
      case 'annotate':
        return await cmdAnnotate(engine, casePath, rest, v);
      case 'trace':
        return await cmdTrace(engine, casePath, rest, v);
      case 'diff':
        return await cmdDiff(engine, casePath, rest, v, UsageError);
      case 'export':
        return await cmdExport(engine, casePath, v, UsageError);
      case 'verify':
        return await cmdVerify(casePath, v);
      case 'sql':
        return await cmdSql(engine, casePath, rest, v, UsageError);
      case 'views':
        return await cmdViews(engine, casePath, v);
      default:
        return await cmdServe(engine, casePath, v);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`auditdesk: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    const msg = (e as Error).message;
    if (v.json) process.stdout.write(`${JSON.stringify({ error: msg })}\n`);
    process.stderr.write(`auditdesk: ${msg}\n`);
    return 1;
  } finally {
    await engine.close().catch(() => undefined);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
