// What a report shows, read from the case: annotated events, the chosen traces and diffs, the filter's
// histogram and the last detection run. Every event named here is cited, so it goes into the evidence export.
import type { EventRow } from '../../../shared/event';
import type { EventQuery } from '../../../shared/query';
import type { EventDiff, Histogram, Trace } from '../../../shared/investigate';
import type { AnnotatedEvent } from '../../../shared/annotations';
import type { DetectResult, RuleFinding } from '../../../shared/detect';
import { compareFindings } from '../../../shared/detect';
import type { CaseStore } from '../store/case-store';
import { listAnnotations } from '../investigate/annotations';
import { traceByRequestId } from '../investigate/trace';
import { eventDiff } from '../investigate/diff';
import { histogram } from '../investigate/histogram';
import { lastDetect } from '../detect/run-detect';
import { columnHistogram, columnQuery } from '../columns/column-path';

/** A report is read by a person: beyond these, the report says how many more there were. */
export const MAX_ANNOTATED = 2000;
export const MAX_TRACE_EVENTS = 500;
export const FINDING_SAMPLES = 5;

export interface ReportFinding extends RuleFinding {
  /** The first events the rule matched, oldest first. */
  samples: EventRow[];
}

export interface ReportData {
  caseName: string;
  query: EventQuery;
  histogram: Histogram;
  annotated: AnnotatedEvent[];
  annotatedTotal: number;
  traces: Trace[];
  diffs: { event: EventRow; diff: EventDiff }[];
  includeFindings: boolean;
  /** null: findings left out, or rules never run on the case. */
  detect: (Omit<DetectResult, 'rules'> & { rules: ReportFinding[] }) | null;
  /** Every cited event by id, in the order first cited. */
  cited: Map<string, EventRow>;
}

export function collectReport(store: CaseStore, p: { query: EventQuery; traces: string[]; diffs: string[]; includeFindings: boolean }): ReportData {
  const cited = new Map<string, EventRow>();
  const cite = (e: EventRow) => (cited.has(e.id) ? undefined : void cited.set(e.id, e));
  const query: EventQuery = { ...p.query };
  delete query.limit;
  delete query.offset;

  const list = listAnnotations(store, { limit: MAX_ANNOTATED });
  // Oldest first: a report reads as a timeline.
  const annotated = [...list.events].sort((a, b) => (a.event.time ?? '~').localeCompare(b.event.time ?? '~') || Number(a.id) - Number(b.id));
  annotated.forEach((a) => cite(a.event));

  const traces = p.traces.map((rid) => {
    const t = traceByRequestId(store, rid);
    if (!t.events.length) throw new Error(`no event has request id "${rid}" in this case`);
    const events = t.events.slice(0, MAX_TRACE_EVENTS);
    events.forEach(cite);
    return { ...t, events, truncated: t.truncated || t.events.length > events.length };
  });

  const diffs = p.diffs.map((id) => {
    const diff = eventDiff(store, id);
    const event = store.rowsById([Number(id)]).get(Number(id));
    if (!event) throw new Error(`no event ${id} in this case`);
    cite(event);
    return { event, diff };
  });

  const last = p.includeFindings ? lastDetect(store) : null;
  const detect = last && {
    ...last,
    rules: last.rules
      .filter((r) => !r.skipped && r.hits > 0)
      .sort(compareFindings)
      .map((r) => {
        const q: EventQuery = { finding: r.id, limit: FINDING_SAMPLES, order: 'asc' };
        const samples = (columnQuery(store, q) ?? store.query(q)).events;
        samples.forEach(cite);
        return { ...r, samples };
      }),
  };

  return {
    caseName: store.info().name,
    query,
    histogram: columnHistogram(store, query, 60) ?? histogram(store, query, 60),
    annotated,
    annotatedTotal: list.total,
    traces,
    diffs,
    includeFindings: p.includeFindings,
    detect,
    cited,
  };
}
