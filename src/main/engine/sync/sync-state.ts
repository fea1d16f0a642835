// Per-source sync state kept in the case (table sync_sources): the settings (never a token), where
// an unfinished run stands, and the last completeness report. Written in the same transaction as
// the page it describes, so the case never claims a page it does not hold.
import type { CaseStore, SyncStateRow } from '../store/case-store';
import type { SyncReport, SyncSettings } from '../../../shared/sync';

/** Where an unfinished run stands: the next request to make. */
export interface RunPosition {
  /** 'main' walks the whole range; 'head' re-reads the newest pages for events that arrived meanwhile. */
  phase: 'main' | 'head';
  offset: number;
  page: number;
  before: string | null;
  token: string | null;
  /** Lower time bound of the run (the API's after/since/startDate/from), null for everything. */
  after: string | null;
  /** Client-side lower bound (ms) for vendors whose API has no time filter. */
  afterMs: number | null;
  mode: SyncReport['mode'];
  pagesDone: number;
  lastTotal: number | null;
  /** First event id this run could store: duplicates of older ids are events the case already had. */
  firstRowid: number;
  /** Distinct events seen by this run so far (new, or already in the case before it). */
  seen: number;
}

export interface SyncState {
  run: RunPosition | null;
  /** Learned from the times within pages. */
  order: 'newest-first' | 'oldest-first' | null;
  /** Offset (or page) the last finished oldest-first pass reached: where an incremental run goes on. */
  offsetReached: number;
}

export interface SyncRow {
  name: string;
  sourceId: number | null;
  settings: SyncSettings;
  state: SyncState;
  report: SyncReport | null;
}

export const EMPTY_STATE: SyncState = { run: null, order: null, offsetReached: 0 };

export function readSync(store: CaseStore, name: string): SyncRow | null {
  const [r] = store.syncStateRows(name);
  return r ? toRow(r) : null;
}

export function listSync(store: CaseStore): SyncRow[] {
  return store.syncStateRows().map(toRow);
}

export function writeSync(store: CaseStore, row: SyncRow): void {
  store.writeSyncStateRow([row.name, row.sourceId, JSON.stringify(row.settings), JSON.stringify(row.state), row.report ? JSON.stringify(row.report) : null]);
}

function toRow(r: SyncStateRow): SyncRow {
  return {
    name: r[0],
    sourceId: r[1],
    settings: JSON.parse(r[2]) as SyncSettings,
    state: JSON.parse(r[3]) as SyncState,
    report: r[4] == null ? null : (JSON.parse(r[4]) as SyncReport),
  };
}

/** Newest event time stored from a source (ms), null when it holds none with a time. */
export function newestStoredMs(store: CaseStore, sourceId: number | null): number | null {
  if (sourceId == null) return null;
  return store.newestTime(sourceId);
}
