// The one contract between the renderer and the backend. Both transports (Electron IPC and the
// HTTP/WebSocket host) route by API_METHODS, so a new method is added here and in the engine only.
import type { TextEncoding } from './text-encoding';
import type { AuditEvent, EventRow } from './event';
import type { EventQuery } from './query';
import type { Mapping, MappingReview } from './mapping';
import type { SyncLimits, SyncProgress, SyncReport, SyncSettings, SyncSourceInfo, SyncVendorInfo } from './sync';
import type { AnnotationChange, AnnotationFilter, AnnotationList, EventAnnotations } from './annotations';
import type { EventDiff, Facet, FacetField, Histogram, QuerySummary, ResourceHistory, Trace } from './investigate';
import type { ExportRequest, ExportSummary } from './export';
import type { SavedView, ViewState } from './views';
import type { SqlResult } from './sql';
import type { DetectResult } from './detect';
import type { ReportRequest, ReportSummary } from './report';

export interface SourceInfo {
  id: number;
  /** Display name: the file's name, or the sync source's name. */
  name: string;
  path: string;
  originalName: string | null;
  sha256: string;
  format: string;
  vendor: string;
  events: number;
  importedAt: string;
  mappingOrigin: Mapping['origin'];
}

export interface CaseInfo {
  path: string;
  name: string;
  events: number;
  sources: SourceInfo[];
  /** Earliest and latest event time (UTC ISO), null for an empty case. */
  timeRange: { from: string; to: string } | null;
  savedAt: string | null;
  /** The case cannot be changed (a read-only drive or folder): reading and exporting still work. */
  readOnly?: boolean;
  /** What is wrong with the case's database when it failed its integrity check on open (then readOnly). */
  damaged?: string;
  /** Problems found opening the case that lost nothing saved (e.g. an annotation line cut short by a crash). */
  warnings?: string[];
}

export interface RowMessage {
  /** 1-based line of the file where the rejected or flagged record starts (0 = the file as a whole). */
  line: number;
  message: string;
}

export interface FileImportReport {
  path: string;
  format: string;
  vendor: string;
  imported: number;
  duplicates: number;
  skipped: number;
  /** Rows rejected (not stored). */
  errors: RowMessage[];
  /** Rows stored but flagged (time without zone, same eventId with other content, ...). */
  warnings: RowMessage[];
  /** Set when the whole file (same SHA-256) was already in the case. */
  alreadyImported?: boolean;
  sourceId?: number;
  /** Set when the file was not UTF-8: the encoding its text was decoded from (also a warning). */
  encoding?: TextEncoding;
}

export interface ImportReport {
  files: FileImportReport[];
  cancelled?: boolean;
}

export interface QueryResult {
  total: number;
  events: EventRow[];
}

export interface JobProgress {
  jobId: string;
  /** search-index: the full-text index being built (bytes are events there). */
  kind: 'import' | 'export' | 'search-index' | 'detect';
  /** Path being worked on, its position among the job's files, and how far into it (export: rows done of rows). */
  file: string;
  fileIndex: number;
  fileCount: number;
  bytesDone: number;
  bytesTotal: number;
  events: number;
  /** 'storing' while records stream in; 'indexing' while indexes are built and the case is saved. */
  phase?: 'storing' | 'indexing';
  done: boolean;
}

export type HostEvent =
  | { type: 'progress'; progress: JobProgress }
  | { type: 'syncProgress'; jobId: string; source: string; progress: SyncProgress; done: boolean }
  | { type: 'caseChanged'; info: CaseInfo | null };

export interface AuditDeskApi {
  /** Opens the case at path; creates it first when create is set and it does not exist. */
  openCase(p: { path: string; create?: boolean }): Promise<CaseInfo>;
  caseInfo(p?: Record<string, never>): Promise<CaseInfo | null>;
  /** Imports files into the open case; progress comes as HostEvents carrying jobId. */
  /** maxRecordBytes: bound of one record's decompressed bytes (default 64 MiB); larger records are reported and skipped. */
  importFiles(p: { paths: string[]; originalNames?: string[]; jobId?: string; maxRecordBytes?: number }): Promise<ImportReport>;
  cancelJob(p: { jobId: string }): Promise<{ cancelled: boolean }>;
  queryEvents(q: EventQuery): Promise<QueryResult>;
  getEvent(p: { id: string }): Promise<AuditEvent>;
  getMapping(p: { sourceId: number }): Promise<MappingReview>;
  /** Saves a corrected mapping for this shape of record; reapply re-derives the source's fields. */
  saveMapping(p: { sourceId: number; mapping: Mapping; reapply: boolean }): Promise<CaseInfo>;
  /** The vendors that can be synced, with the settings each needs (from the vendor descriptors). */
  syncVendors(p?: Record<string, never>): Promise<SyncVendorInfo[]>;
  /** The case's sync sources with their state and last completeness report (never a token). */
  syncSources(p?: Record<string, never>): Promise<SyncSourceInfo[]>;
  /**
   * Runs (or resumes) a sync of one source; progress comes as syncProgress HostEvents carrying jobId.
   * The token is kept in this process's memory for later runs and never stored in the case, bound to
   * the open case, the source name and the base URL. tokenCase: the case the token is meant for.
   */
  runSync(p: { settings: SyncSettings; token?: string; jobId?: string; limits?: SyncLimits; tokenCase?: string }): Promise<SyncReport>;
  /** Every event with this request id (across sources and vendors), in time order with offsets. */
  traceRequest(p: { requestId: string }): Promise<Trace>;
  /** The trace of one event: by its request id, else its session id, else its actor around its time. */
  traceEvent(p: { id: string }): Promise<Trace>;
  /** The event's before/after states and the structural list of changed paths. */
  eventDiff(p: { id: string }): Promise<EventDiff>;
  /** Every event on the event's target, oldest first, with the changes between consecutive states. */
  resourceHistory(p: { id: string }): Promise<ResourceHistory>;
  /** Hero metrics of a filter: total, failures, warnings/denials, distinct actors. */
  summarize(q: EventQuery): Promise<QuerySummary>;
  /** Top values with counts per field, for a filter. */
  facets(p: { query: EventQuery; fields?: FacetField[]; limit?: number }): Promise<Facet[]>;
  /** Event counts over time for a filter; the bucket width adapts from seconds to months. */
  histogram(p: { query: EventQuery; maxBuckets?: number }): Promise<Histogram>;
  /** Writes the events of a filter or selection to a folder with manifest.json; progress as HostEvents. */
  exportEvents(p: ExportRequest): Promise<ExportSummary>;
  /** An event's bookmark, tags and note. */
  annotations(p: { id: string }): Promise<EventAnnotations>;
  /** Bookmarks, tags or notes an event; saved with the case shortly after. */
  annotate(p: AnnotationChange): Promise<EventAnnotations>;
  /** Annotated events (most recent first) and every tag with its count: the side panel's list. */
  listAnnotations(p: AnnotationFilter): Promise<AnnotationList>;
  /** The case's saved views, by name. */
  listViews(p?: Record<string, never>): Promise<SavedView[]>;
  /** Names a timeline state; refuses an existing name unless overwrite is set. */
  saveView(p: { name: string; state: ViewState; overwrite?: boolean }): Promise<SavedView>;
  renameView(p: { from: string; to: string }): Promise<SavedView>;
  deleteView(p: { name: string }): Promise<{ deleted: boolean }>;
  /**
   * Runs one read-only statement (SELECT, WITH or EXPLAIN) on a read-only copy of the case database;
   * the result (at most SQL_ROW_CAP rows) is kept so further pages of it come without re-running.
   */
  runSql(p: { sql: string; offset?: number; limit?: number }): Promise<SqlResult>;
  /** Stops the SQL console's running statement; cancelled: one was running (its runSql fails). */
  cancelSql(): Promise<{ cancelled: boolean }>;
  /** Runs the bundled Sigma rules (and those of rulesDir) over the case; progress as HostEvents carrying jobId. */
  detect(p: { rulesDir?: string; jobId?: string }): Promise<DetectResult>;
  /** The last detection run kept in the case, or null when rules never ran on it. */
  lastDetect(p?: Record<string, never>): Promise<DetectResult | null>;
  /** Writes the incident report (one self-contained HTML file) and the evidence export of the events it cites. */
  buildReport(p: ReportRequest): Promise<ReportSummary>;
}

export type ApiMethod = keyof AuditDeskApi;
export type ApiParams<M extends ApiMethod> = Parameters<AuditDeskApi[M]>[0];
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<AuditDeskApi[M]>>;

/** The routing table of both transports; the `satisfies` line fails to compile if one is missing. */
export const API_METHODS = [
  'openCase',
  'caseInfo',
  'importFiles',
  'cancelJob',
  'queryEvents',
  'getEvent',
  'getMapping',
  'saveMapping',
  'syncVendors',
  'syncSources',
  'runSync',
  'traceRequest',
  'traceEvent',
  'eventDiff',
  'resourceHistory',
  'summarize',
  'facets',
  'histogram',
  'exportEvents',
  'annotations',
  'annotate',
  'listAnnotations',
  'listViews',
  'saveView',
  'renameView',
  'deleteView',
  'runSql',
  'cancelSql',
  'detect',
  'lastDetect',
  'buildReport',
] as const satisfies readonly ApiMethod[];
type Missing = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
const allListed: Missing extends never ? true : Missing = true;
void allListed;

export function isApiMethod(name: string): name is ApiMethod {
  return (API_METHODS as readonly string[]).includes(name);
}

/** Errors cross the boundary as this shape; the message is meant for the user. */
export interface ApiError {
  message: string;
  code?: string;
}

/** Builds a typed client from any function that can carry one call across the boundary. */
export function createApiClient(call: (method: ApiMethod, params: unknown) => Promise<unknown>): AuditDeskApi {
  const client: Record<string, unknown> = {};
  for (const m of API_METHODS) client[m] = (params: unknown) => call(m, params ?? {});
  return client as unknown as AuditDeskApi;
}
