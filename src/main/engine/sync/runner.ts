// One sync run of one source: pages are fetched in the vendor's paging style, mapped with the
// vendor's descriptor, and stored through the same ingest path as file import, each page in one
// transaction together with the position it leads to. The case is saved every few pages, so a run
// killed at any point resumes from its last saved page and de-duplication makes the overlap exact.
import type { CaseStore } from '../store/case-store';
import type { SyncProgress, SyncReport, SyncSettings } from '../../../shared/sync';
import { DEFAULT_SYNC_LIMITS, syncSourceName } from '../../../shared/sync';
import { plainHttpWarning } from '../../../shared/sync-transport';
import type { Mapping } from '../../../shared/mapping';
import { getDescriptor, type VendorAuth, type VendorDescriptor, type VendorPaging } from '../../vendors';
import { chooseMapping, compileMapping } from '../mapping';
import { prepareBatch } from '../import/prepared-batch';
import { ingestBatch, type DedupState } from '../import/ingest';
import { RowMessages } from '../import/row-messages';
import { DEFAULT_RETRY, SyncAuthError, SyncFetchError, getPage, type RetryPolicy } from './http-get';
import { SyncSettingsError, formatBound, listPath, parseBaseUrl, parseSince, requestUrl } from './request-url';
import { EMPTY_STATE, newestStoredMs, readSync, writeSync, type RunPosition, type SyncRow } from './sync-state';
import { learnOrder, nextStep, pageQuery } from './paging';
import { SyncLimitError } from './capped-body';
import { normalBaseUrl } from './token-scope';

export interface SyncRunOptions {
  token: string;
  dedup: DedupState;
  policy?: Partial<RetryPolicy>;
  onProgress?: (p: SyncProgress) => void;
  isCancelled?: () => boolean;
  /** Pages per save; each page is its own transaction either way. */
  saveEvery?: number;
  /** How far before the newest stored event an incremental run starts (clock skew, late writes). */
  overlapMs?: number;
  /** Caps against a hostile server (DEFAULT_SYNC_LIMITS when left out). */
  maxPageBytes?: number;
  maxPages?: number;
}

export const DEFAULT_OVERLAP_MS = 5 * 60_000;

type SyncDescriptor = VendorDescriptor & { paging: VendorPaging; auth: VendorAuth };

export function syncDescriptor(vendor: string): SyncDescriptor {
  const d = getDescriptor(vendor);
  if (!d) throw new SyncSettingsError(`unknown vendor "${vendor}"`);
  if (!d.paging || !d.auth) throw new SyncSettingsError(`vendor ${vendor} has no documented list API to sync from`);
  return d as SyncDescriptor;
}

function checkSettings(s: SyncSettings, d: SyncDescriptor): SyncSettings {
  const paging = d.paging;
  parseBaseUrl(s.baseUrl);
  listPath(d, s);
  if (s.since) parseSince(s.since);
  const reserved = new Set(Object.values(paging.params ?? {}));
  for (const k of Object.keys(s.filters ?? {})) {
    if (!/^[A-Za-z_][\w.-]*$/.test(k)) throw new SyncSettingsError(`filter name "${k}" is not a query parameter name`);
    if (reserved.has(k)) throw new SyncSettingsError(`filter "${k}" is set by the pager; give a start time (since) for time bounds instead`);
  }
  if (s.pageSize != null && (!Number.isInteger(s.pageSize) || s.pageSize < 1)) throw new SyncSettingsError('page size must be a whole number ≥ 1');
  // The token would cross the network in clear (and the events could be altered on the way).
  const clear = plainHttpWarning(s.baseUrl);
  if (clear && !s.allowHttp)
    throw new SyncSettingsError(`${clear}. Use https://, or allow plain http for this source explicitly if the network path is trusted`);
  return { ...s, name: syncSourceName(s) };
}

function sameQuery(a: SyncSettings, b: SyncSettings): boolean {
  const key = (s: SyncSettings) =>
    JSON.stringify([s.vendor, s.baseUrl, s.orgId ?? '', s.params ?? {}, s.path ?? '', s.since ?? '', s.filters ?? {}, s.pageSize ?? 0]);
  return key(a) === key(b);
}

function startPosition(paging: VendorPaging, row: SyncRow, newest: number | null, overlapMs: number, limit: number): RunPosition {
  const s = row.settings;
  const bounds = [s.since ? parseSince(s.since) : null, newest != null ? newest - overlapMs : null].filter((b): b is number => b != null);
  const lower = bounds.length ? Math.max(...bounds) : null;
  const apiFilter = Boolean(paging.params?.after);
  const pos: RunPosition = {
    phase: 'main',
    offset: 0,
    page: paging.firstPage ?? 1,
    before: null,
    token: null,
    after: lower != null && apiFilter ? formatBound(lower, paging.dateFormat) : null,
    afterMs: lower != null && !apiFilter ? lower : null,
    mode: newest == null ? 'full' : 'incremental',
    pagesDone: 0,
    lastTotal: null,
    firstRowid: -1,
    seen: 0,
  };
  // An oldest-first list without a time filter grows at its end: go on from where the last run
  // stopped, one page back for overlap.
  if (pos.mode === 'incremental' && !apiFilter && row.state.order === 'oldest-first') {
    if (paging.style === 'offset') pos.offset = Math.max(0, row.state.offsetReached - limit);
    if (paging.style === 'page') pos.page = Math.max(paging.firstPage ?? 1, row.state.offsetReached - 1);
  }
  return pos;
}

export async function runSync(store: CaseStore, settingsIn: SyncSettings, opts: SyncRunOptions): Promise<SyncReport> {
  const descriptor = syncDescriptor(settingsIn.vendor);
  const paging = descriptor.paging;
  const settings = checkSettings(settingsIn, descriptor);
  const name = settings.name!;
  const base = parseBaseUrl(settings.baseUrl);
  const path = listPath(descriptor, settings);
  const policy: RetryPolicy = { ...DEFAULT_RETRY, ...opts.policy };
  const limit = Math.min(settings.pageSize ?? paging.maxPageSize ?? paging.pageSize ?? 100, paging.maxPageSize ?? Infinity);
  const saveEvery = Math.max(1, opts.saveEvery ?? 5);
  const overlapMs = opts.overlapMs ?? DEFAULT_OVERLAP_MS;
  const maxPageBytes = opts.maxPageBytes ?? DEFAULT_SYNC_LIMITS.maxPageBytes;
  const maxPages = opts.maxPages ?? DEFAULT_SYNC_LIMITS.maxPages;
  for (const [what, v] of [
    ['page size limit', maxPageBytes],
    ['page count limit', maxPages],
  ] as const) {
    if (!Number.isSafeInteger(v) || v < 1) throw new SyncSettingsError(`${what} must be a whole number ≥ 1, got ${v}`);
  }
  const clearText = plainHttpWarning(settings.baseUrl);
  // fetch would reject such a token with an error quoting the header, token and all.
  if (!/^[\x21-\x7e]+$/.test(opts.token)) {
    throw new SyncSettingsError(
      `${name}: the token holds characters an HTTP header cannot carry (spaces, control or non-ASCII characters): check it was pasted whole`,
    );
  }

  const prior = readSync(store, name);
  if (prior && (prior.settings.vendor !== settings.vendor || normalBaseUrl(prior.settings.baseUrl) !== normalBaseUrl(settings.baseUrl))) {
    throw new SyncSettingsError(`a source named "${name}" already syncs ${prior.settings.vendor} from ${prior.settings.baseUrl}: choose another name`);
  }
  const row: SyncRow = prior ? { ...prior, settings } : { name, sourceId: null, settings, state: { ...EMPTY_STATE }, report: null };
  // Changed filters make the unfinished run's position meaningless: start a fresh one.
  if (prior && !sameQuery(prior.settings, settings)) row.state = { ...row.state, run: null };

  const report: SyncReport = {
    source: name,
    vendor: settings.vendor,
    pages: 0,
    received: 0,
    new: 0,
    duplicates: 0,
    expectedTotal: null,
    gaps: [],
    retries: 0,
    refetched: 0,
    finished: false,
    resumed: row.state.run != null,
    mode: row.state.run ? 'resume' : newestStoredMs(store, row.sourceId) == null ? 'full' : 'incremental',
    startedAt: new Date().toISOString(),
    endedAt: '',
    error: null,
    limitReached: null,
    warnings: [],
  };
  let pos: RunPosition = row.state.run ?? startPosition(paging, row, newestStoredMs(store, row.sourceId), overlapMs, limit);
  let mapping: Mapping | null = row.sourceId != null ? store.sourceMapping(row.sourceId) : null;
  let apply = mapping ? compileMapping(mapping) : null;
  const warnings = new RowMessages(50);
  const errors = new RowMessages(50);
  let unsaved = 0;
  let pageNo = pos.pagesDone + 1;
  const progress = (retry: SyncProgress['retry'] = null) =>
    opts.onProgress?.({ pages: report.pages, received: report.received, new: report.new, expectedTotal: report.expectedTotal, retries: report.retries, retry });

  const finishReport = (): SyncReport => {
    report.endedAt = new Date().toISOString();
    report.warnings = [
      ...(clearText ? [`${clearText} (allowed for this source)`] : []),
      ...[...errors.finish(), ...warnings.finish()].map((m) => `page ${m.line}: ${m.message}`),
    ];
    return report;
  };

  try {
    for (;;) {
      if (opts.isCancelled?.()) throw new SyncFetchError(`${name}: cancelled; the next run resumes here`);
      const url = requestUrl(base, path, { ...settings.filters, ...pageQuery(paging, pos, limit) });
      pageNo = pos.pagesDone + 1;
      // An API that pages forever (or a pager loop) stops here; the position is kept for a next run.
      if (report.pages >= maxPages) {
        throw new SyncLimitError(
          `${name} page ${pageNo}: this run reached its limit of ${maxPages} pages; not asked. Pages already stored are kept; the next run resumes here (raise the page limit to go on).`,
          'pages',
          maxPages,
        );
      }
      const page = await getPage({
        url,
        token: opts.token,
        auth: descriptor.auth,
        recordsKey: paging.recordsKey,
        label: `${name} page ${pageNo}`,
        policy,
        maxBytes: maxPageBytes,
        isCancelled: () => opts.isCancelled?.() ?? false,
        onRetry: (reason, delayMs) => {
          report.retries++;
          progress({ page: pageNo, reason, delayMs });
        },
      });
      const values = page.records.map((r) => r.value);
      if (!mapping && values.length) {
        const chosen = chooseMapping(values.slice(0, 200), { saved: store.savedMappings() });
        mapping = { ...chosen, vendor: settings.vendor };
        apply = compileMapping(mapping);
      }
      const times = apply ? values.map((v) => apply!(v).timeMs ?? null) : [];
      // Records older than a client-side lower bound are not asked for: leave them out.
      const keep = page.records.filter((_, i) => pos.afterMs == null || times[i] == null || times[i]! >= pos.afterMs);
      const order = learnOrder(times) ?? row.state.order;
      if (order) row.state = { ...row.state, order };
      const indexOf = new Map(page.records.map((r, i) => [r, i]));
      for (const rec of page.records) rec.line = pageNo;
      const href = url.href;
      const batch = apply
        ? prepareBatch(
            keep,
            page.errors.map((e) => ({ ...e, line: pageNo })),
            0,
            apply,
            {
              keepDiff: false,
              where: (rec) => ({ url: href, pg: pageNo, ix: indexOf.get(rec) ?? -1 }),
            },
          )
        : null;

      const { firstRowid, segmentStart } = store.begin(0);
      if (pos.firstRowid < 0) pos = { ...pos, firstRowid };
      try {
        if (row.sourceId == null && mapping) {
          row.sourceId = store.addSource({
            kind: 'api',
            name,
            path: base.href,
            originalName: null,
            sha256: '',
            format: 'api-json',
            vendor: settings.vendor,
            gzip: false,
            mapping,
          });
        }
        let fresh = 0;
        if (batch && row.sourceId != null) {
          const r = ingestBatch({ store, srcId: row.sourceId, vendor: settings.vendor, dedup: opts.dedup, firstRowid: Infinity, errors, warnings }, batch);
          fresh = r.imported;
          report.new += r.imported;
          report.duplicates += r.duplicates;
          pos = { ...pos, seen: pos.seen + r.imported + r.dupOf.filter((d) => d >= 0 && d < pos.firstRowid).length };
          store.updateSource(row.sourceId, { events: store.source(row.sourceId).events + r.imported });
        }
        report.pages++;
        report.received += page.records.length;
        const step = nextStep(paging, pos, { count: page.records.length, times, doc: page.doc, fresh, limit, order });
        if (step.total != null) report.expectedTotal = step.total;
        if (step.gap) report.gaps.push(step.gap);
        if (step.refetch) report.refetched++;
        let next: RunPosition | null = { ...step.next, seen: pos.seen, firstRowid: pos.firstRowid };
        if (step.done) {
          // Offset and page lists that are (or may be) newest-first gain events at their start while
          // we page: read the head again until a page brings nothing new.
          const headPass = pos.phase === 'main' && !step.next.token && row.state.order !== 'oldest-first' && pos.pagesDone > 0;
          const newest = newestStoredMs(store, row.sourceId);
          if (headPass && paging.style === 'before-cursor') {
            // Newest-first by cursor: events that arrived during the run sit above its first page.
            next = { ...next, phase: 'head', before: null, after: newest == null ? next.after : formatBound(newest - 1, paging.dateFormat) };
          } else if (headPass) next = { ...next, phase: 'head', offset: 0, page: paging.firstPage ?? 1, token: null, lastTotal: null };
          else {
            if (row.state.order === 'oldest-first') row.state = { ...row.state, offsetReached: paging.style === 'page' ? next.page : next.offset };
            next = null;
          }
        }
        row.state = { ...row.state, run: next };
        if (!next) {
          const t = report.expectedTotal;
          if (pos.after == null && pos.afterMs == null && t != null && pos.seen < t) {
            report.gaps.push(`the API stated ${t} events; this run received ${pos.seen} distinct ones`);
          }
          report.finished = true;
          report.mode = report.resumed ? 'resume' : pos.mode;
        }
        row.report = finishReport();
        writeSync(store, row);
        unsaved++;
        store.commit({ save: unsaved >= saveEvery || !next });
        if (unsaved >= saveEvery || !next) unsaved = 0;
        progress();
        if (!next) return row.report;
        pos = next;
      } catch (e) {
        store.rollback(segmentStart);
        throw e;
      }
    }
  } catch (e) {
    if (!(e instanceof SyncAuthError || e instanceof SyncFetchError || e instanceof SyncSettingsError || e instanceof SyncLimitError)) throw e;
    report.error = e.message;
    if (e instanceof SyncLimitError) report.limitReached = { kind: e.kind, limit: e.limit, page: pageNo };
    row.report = finishReport();
    writeSync(store, row);
    store.save();
    return row.report;
  }
}
