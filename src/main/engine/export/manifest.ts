// The manifest written beside every export: what was exported, from where, and the hashes that let
// anyone check it. Rows go last and are streamed, so a million-row manifest never sits in memory.
import type { EventQuery } from '../../../shared/query';
import type { QlNode } from '../../../shared/ql';
import type { TextEncoding } from '../../../shared/text-encoding';
import type { ExportFormat, ExportMode, RedactableField } from '../../../shared/export';
import type { Framing } from './row-format';

export const MANIFEST_FILE = 'manifest.json';
export const SUMS_FILE = 'SHA256SUMS';
export const VERIFY_FILE = 'verify.mjs';

export interface ManifestSource {
  index: number;
  kind: 'file' | 'api';
  name: string;
  path: string;
  originalName: string | null;
  sha256: string;
  format: string;
  vendor: string;
  /** When the file was imported (or the API synced) into the case. */
  importedAt: string;
  gzip: boolean;
  /** Set for a file not in UTF-8: its records were decoded from it; `verify --sources` decodes the same way. */
  encoding?: TextEncoding;
  rows: number;
}

/** One exported row. sha256 is of the row's bytes in the data file (without framing). */
export interface ManifestRow {
  row: number;
  id: string;
  sha256: string;
  /** SHA-256 of the stored raw record, when the row is not that record byte for byte (normalized, neutralised, redacted). */
  rawSha256?: string;
  source: number;
  /** File sources: 1-based line, byte offset and length of the record in the (decompressed) source file. */
  line?: number;
  offset?: number;
  length?: number;
  /** API sources: request URL, page and position within the page. */
  url?: string;
  page?: number;
  index?: number;
  neutralised?: string[];
  redacted?: RedactableField[];
}

export interface ManifestHead {
  kind: 'auditdesk-evidence-export';
  manifestVersion: 1;
  auditdesk: string;
  exportedAt: string;
  case: { name: string; path: string };
  /** tree: the parsed query language (query.q), so a reader need not parse the text to know what it meant. */
  filter: { query: EventQuery; tree?: QlNode | null; ids?: string[]; sentence: string };
  data: {
    file: string;
    format: ExportFormat;
    mode: ExportMode;
    framing: Framing;
    rows: number;
    bytes: number;
    sha256: string;
  };
  sources: ManifestSource[];
  neutralisation: { prefix: string; rule: string; cells: number; rows: number };
  redactions: { marker: string; fields: RedactableField[]; rows: Partial<Record<RedactableField, number>> };
  notes: { event: string; note: string }[];
  tags: { event: string; tag: string }[];
  bookmarks: string[];
  annotationsNote: string;
  howToVerify: string;
}
