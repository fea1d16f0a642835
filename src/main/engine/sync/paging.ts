// The paging styles of the five vendors, as data from each descriptor: what to ask next, and when
// the list has been read to its end.
import type { VendorPaging } from '../../vendors/descriptor';
import type { RunPosition } from './sync-state';
import { at } from './body-records';
import { formatBound } from './request-url';

export interface PageOutcome {
  /** Records in the page and their times (ms, null when missing), in page order. */
  count: number;
  times: (number | null)[];
  doc: unknown;
  /** Events this page added to the case. */
  fresh: number;
  limit: number;
  order: 'newest-first' | 'oldest-first' | null;
}

export interface NextStep {
  next: RunPosition;
  /** The list is read to its end (for this phase). */
  done: boolean;
  /** The page must be asked again (the list moved under the pager). */
  refetch: boolean;
  total: number | null;
  gap: string | null;
}

/** Query parameters for the position, in the vendor's names. */
export function pageQuery(p: VendorPaging, pos: RunPosition, limit: number): Record<string, string | number | null> {
  const q: Record<string, string | number | null> = {};
  const names = p.params ?? {};
  if (names.limit) q[names.limit] = limit;
  if (pos.after && names.after) q[names.after] = pos.after;
  if (pos.token && names.token) q[names.token] = pos.token;
  else if (p.style === 'offset') q[names.offset ?? 'offset'] = pos.offset;
  else if (p.style === 'page') q[names.page ?? 'page'] = pos.page;
  if (p.style === 'before-cursor' && pos.before) q[names.before ?? 'before'] = pos.before;
  return q;
}

const TOKEN_KEY = /^(next_?page_?token|next_?token|next_?cursor|page_?token|continuation_?token)$/i;

/** A next-page token, at the documented path or under a conventional key (a document may leave it unnamed). */
function nextToken(p: VendorPaging, doc: unknown): string | null {
  const v = p.nextTokenPath ? at(doc, p.nextTokenPath) : undefined;
  if (typeof v === 'string' && v) return v;
  if (p.nextTokenPath || !doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  for (const scope of [doc, (doc as Record<string, unknown>).pagination, (doc as Record<string, unknown>).meta]) {
    if (!scope || typeof scope !== 'object') continue;
    for (const [k, val] of Object.entries(scope)) if (TOKEN_KEY.test(k) && typeof val === 'string' && val) return val;
  }
  return null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function learnOrder(times: (number | null)[]): 'newest-first' | 'oldest-first' | null {
  const ts = times.filter((t): t is number => t != null);
  if (ts.length < 2 || ts[0] === ts[ts.length - 1]) return null;
  return ts[0] > ts[ts.length - 1] ? 'newest-first' : 'oldest-first';
}

export function nextStep(p: VendorPaging, pos: RunPosition, o: PageOutcome): NextStep {
  const next: RunPosition = { ...pos, pagesDone: pos.pagesDone + 1 };
  const total = num(at(o.doc, p.totalPath));
  const step: NextStep = { next, done: false, refetch: false, total, gap: null };
  const headDone = pos.phase === 'head' && o.fresh === 0;
  // Client-side lower bound (no time filter in the API): newest-first lists stop once past it.
  const pastLowerBound = pos.afterMs != null && o.order === 'newest-first' && o.times.length > 0 && o.times.every((t) => t != null && t < pos.afterMs!);

  if (p.style === 'before-cursor') {
    const ts = o.times.filter((t): t is number => t != null);
    if (o.count === 0) return { ...step, done: true };
    if (ts.length === 0) return { ...step, done: true, gap: `page ${next.pagesDone} has no record times: cannot page further back` };
    const oldest = Math.min(...ts);
    // `before` is exclusive: asking before oldest+1ms re-reads the events sharing the oldest instant
    // (de-duplicated) instead of skipping those the page had no room for.
    let before = formatBound(oldest + 1, p.dateFormat);
    if (pos.before && Date.parse(before) >= Date.parse(pos.before)) {
      before = formatBound(oldest, p.dateFormat);
      if (pos.before && Date.parse(before) >= Date.parse(pos.before)) return { ...step, done: true, gap: `the server ignored before=${pos.before}: stopped` };
      // A full page at one instant may hide more events at that instant; a short one held them all.
      if (o.count >= o.limit) step.gap = `more than a page of events at ${new Date(oldest).toISOString()}: those beyond the page may be missing`;
    }
    next.before = before;
    return { ...step, done: pastLowerBound || headDone };
  }

  // A token is followed only where the descriptor names the parameter that sends it back.
  const token = p.params?.token ? nextToken(p, o.doc) : null;
  if (token) {
    next.token = token;
    return { ...step, done: o.count === 0 || headDone || pastLowerBound };
  }
  next.token = null;
  if (p.style === 'offset') {
    // Fewer events than before between two requests: the list shifted towards the start, so the
    // events that slid across the page boundary would be skipped. Step back by the difference.
    if (pos.lastTotal != null && total != null && total < pos.lastTotal && pos.offset > 0) {
      next.offset = Math.max(0, pos.offset - (pos.lastTotal - total));
      next.lastTotal = total;
      return { ...step, refetch: true };
    }
    next.offset = pos.offset + o.count;
    next.lastTotal = total;
    const hasMore = at(o.doc, p.hasMorePath);
    const end =
      o.count === 0 ||
      hasMore === false ||
      (typeof hasMore !== 'boolean' && total != null ? next.offset >= total : typeof hasMore !== 'boolean' && o.count < o.limit);
    return { ...step, done: end || headDone || pastLowerBound };
  }
  // page style
  if (pos.lastTotal != null && total != null && total < pos.lastTotal && pos.page > (p.firstPage ?? 1)) {
    next.page = pos.page - Math.ceil((pos.lastTotal - total) / o.limit);
    next.lastTotal = total;
    return { ...step, refetch: true };
  }
  next.page = pos.page + 1;
  next.lastTotal = total;
  const totalPages = num(at(o.doc, p.totalPagesPath));
  const end = o.count === 0 || (totalPages != null ? pos.page >= totalPages - 1 + (p.firstPage ?? 1) : o.count < o.limit);
  return { ...step, done: end || headDone || pastLowerBound };
}
