// The sync model shared by the UI, the CLI and the engine: a source's settings (never its token),
// and the completeness report each run leaves in the case.

/** How a vendor's API takes the token: always a header, never the URL (URLs are kept as provenance). */
export type SyncAuth = { scheme: 'bearer' } | { scheme: 'header'; header: string; prefix?: string };

/** A vendor that can be synced, as its descriptor declares it: what the sync form and CLI help show. */
export interface SyncVendorInfo {
  vendor: string;
  displayName: string;
  /** The documented list path, placeholders included (e.g. /orgs/{orgId}/audit-logs). */
  endpoint: string;
  auth: SyncAuth;
  /** The settings the path needs, one per {name} in it, in the path's order. */
  params: { name: string; label: string; description?: string }[];
}

export interface SyncSettings {
  vendor: string;
  /** Base URL the user entered; the vendor's documented path is appended (a path prefix is kept). */
  baseUrl: string;
  /** Display name of the source in the case; defaults to "<vendor> <host>". */
  name?: string;
  /** Values of the path's {name} placeholders, by name (SyncVendorInfo.params). */
  params?: Record<string, string>;
  /** The {orgId} of the path; kept as its own field for sources saved before `params` existed. */
  orgId?: string;
  /** Replaces the documented list path (deployments may differ); its {name}s are filled the same way. */
  path?: string;
  /** ISO 8601 time or YYYY-MM-DD: fetch nothing older on the first run. */
  since?: string;
  /** Extra query filters, as the vendor names them (e.g. action=CREATE). */
  filters?: Record<string, string>;
  pageSize?: number;
  /** Send the token over plain http:// to a host that is not this machine (refused otherwise). */
  allowHttp?: boolean;
}

/** Caps against a hostile or broken server; a run stops at the first one reached. */
export interface SyncLimits {
  /** Bytes of one response body; the body is read as a stream and dropped past this. */
  maxPageBytes?: number;
  /** Pages asked for in one run (re-asked pages count). */
  maxPages?: number;
}

export const DEFAULT_SYNC_LIMITS: Required<SyncLimits> = { maxPageBytes: 64 * 1024 * 1024, maxPages: 100_000 };

export interface SyncReport {
  source: string;
  vendor: string;
  pages: number;
  received: number;
  /** Events stored by this run. */
  new: number;
  duplicates: number;
  /** Total the API stated for the query (the descriptor's paging.totalPath), else null. */
  expectedTotal: number | null;
  /** What may be missing, and why (empty when the run saw everything it asked for). */
  gaps: string[];
  retries: number;
  /** Pages that were asked again because the list moved under the pager (inserts between requests). */
  refetched: number;
  finished: boolean;
  /** This run continued an interrupted one. */
  resumed: boolean;
  /** 'full' (first run), 'incremental' (newer than the newest stored, with overlap), or 'resume'. */
  mode: 'full' | 'incremental' | 'resume';
  startedAt: string;
  endedAt: string;
  /** Why the run stopped early (auth refused, retries exhausted, cancelled); null when finished. */
  error: string | null;
  /** The cap that stopped the run (the page it was reached at), null when none was. */
  limitReached?: { kind: 'page-bytes' | 'pages'; limit: number; page: number } | null;
  warnings: string[];
}

export interface SyncSourceInfo {
  name: string;
  settings: SyncSettings;
  sourceId: number | null;
  /** Newest event time stored from this source (UTC ISO). */
  newest: string | null;
  /** Whether a run was interrupted and the next one resumes it. */
  interrupted: boolean;
  lastReport: SyncReport | null;
  /** Whether this process holds a token for the source (tokens are never sent back). */
  hasToken: boolean;
}

export interface SyncProgress {
  pages: number;
  received: number;
  new: number;
  expectedTotal: number | null;
  retries: number;
  /** Set on the event sent as a retry is scheduled: why the last request failed, and the wait. */
  retry?: { page: number; reason: string; delayMs: number } | null;
}

export function syncSourceName(s: Pick<SyncSettings, 'name' | 'vendor' | 'baseUrl'>): string {
  if (s.name && s.name.trim()) return s.name.trim();
  let host = s.baseUrl;
  try {
    host = new URL(s.baseUrl).host;
  } catch {
    // an invalid URL is reported by validation; the name only needs to be stable
  }
  return `${s.vendor} ${host}`;
}
