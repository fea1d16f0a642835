// Evidence export: what the UI and the CLI ask for, and what they get back. The manifest written next
// to the data is described in src/main/engine/export/manifest.ts.
import type { EventQuery } from './query';

export const EXPORT_FORMATS = ['json', 'jsonl', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** raw: each record exactly as it was read; normalized: the event model (src/shared/event.ts). */
export type ExportMode = 'raw' | 'normalized';

/** Model fields whose values --redact can replace (in the model columns and inside the raw record). */
export const REDACTABLE_FIELDS = ['actor', 'ip', 'userAgent', 'targetId', 'requestId', 'eventId', 'action'] as const;
export type RedactableField = (typeof REDACTABLE_FIELDS)[number];

export interface ExportRequest {
  /** The filter as the timeline applies it (limit/offset ignored: every match is exported). */
  query: EventQuery;
  /** Export exactly these events (a selection) instead of everything the query matches. */
  ids?: string[];
  format: ExportFormat;
  mode: ExportMode;
  /** Folder to write; empty or missing. Default: <case>/exports/<time>. */
  out?: string;
  redact?: RedactableField[];
  jobId?: string;
}

export interface ExportSummary {
  dir: string;
  /** Files written, by name inside dir. */
  files: string[];
  dataFile: string;
  rows: number;
  dataSha256: string;
  manifestSha256: string;
  format: ExportFormat;
  mode: ExportMode;
  filter: string;
  neutralisedCells: number;
  redactedRows: number;
  /** How rows are laid out in the data file (see README "Evidence"). */
  framing: string;
}

export const DATA_FILE: Record<ExportFormat, string> = { json: 'events.json', jsonl: 'events.jsonl', csv: 'events.csv' };

/** `auditdesk serve` offers files of exports written into the case's exports folder under this path. */
export const EXPORT_DOWNLOAD_PATH = '/api/exports/';
