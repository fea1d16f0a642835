// Shapes of the investigation views (trace, diff) shared by the engine, the CLI and the UI.
import type { EventRow } from './event';

/** What tied the events of a trace together: the request id, else a session id, else the actor. */
export type TraceKey = 'requestId' | 'session' | 'actor';

export interface TraceEvent extends EventRow {
  /** Milliseconds from the first timed event of the trace; null for an event without a time. */
  offsetMs: number | null;
  /** Milliseconds since the previous timed event of the trace (0 for the first). */
  gapMs: number | null;
}

export interface Trace {
  key: TraceKey;
  value: string;
  events: TraceEvent[];
  /** Distinct vendors among the events, in order of first appearance. */
  vendors: string[];
  /** Set when more events matched than a trace shows (MAX_TRACE). */
  truncated: boolean;
  /** For actor traces: the time window searched around the starting event (UTC ISO). */
  window?: { from: string; to: string };
}

export const MAX_TRACE = 5_000;
/** An actor trace (no request or session id) looks this far either side of the starting event. */
export const ACTOR_WINDOW_MS = 30 * 60_000;

/** Outcomes a waterfall marks as failed. */
export const isFailure = (o: EventRow['outcome']): boolean => o === 'failure' || o === 'denied';

/** One changed place between a before and an after state; path is JSON-pointer-like ("a.b[2].c"). */
export interface ChangedPath {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

export interface EventDiff {
  id: string;
  before: unknown;
  after: unknown;
  changes: ChangedPath[];
}

export interface ResourceHistory {
  targetType: string | null;
  targetId: string;
  /** Events on the target, oldest first, each with the diff from the previous known state. */
  steps: { event: EventRow; before: unknown; after: unknown; changes: ChangedPath[] }[];
  truncated: boolean;
}

/** The hero metrics of a filter. */
export interface QuerySummary {
  total: number;
  /** Outcome failure. */
  failures: number;
  /** Outcomes denied or warning. */
  warnings: number;
  distinctActors: number;
}

/** Fields the facet panel counts values of. */
export const FACET_FIELDS = ['vendor', 'source', 'actor', 'actorType', 'action', 'targetType', 'outcome', 'ip'] as const;
export type FacetField = (typeof FACET_FIELDS)[number];

export interface Facet {
  field: FacetField;
  /** Top values, most frequent first; value null = events without one. */
  values: { value: string | null; count: number }[];
}

export interface Histogram {
  /** Bucket width: a fixed number of milliseconds, or calendar months. */
  unit: 'ms' | 'month';
  size: number;
  /** Human name of the bucket width ("5 min", "1 d", "1 month"). */
  label: string;
  buckets: { start: string; end: string; count: number }[];
  /** Events of the filter without a usable time (not in any bucket). */
  untimed: number;
}
