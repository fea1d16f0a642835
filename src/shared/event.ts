// The event model: the names the contract, the CLI's --json and exports all use.
import type { SearchSnippet } from './search';
import type { TextEncoding } from './text-encoding';

export const ACTOR_TYPES = ['human', 'agent', 'system', 'unknown'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

export const OUTCOMES = ['success', 'failure', 'denied', 'warning', 'pending', 'unknown'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Why a time is not a plain zoned instant; shown next to the time, never hidden. */
export type TimeFlag = 'no-zone' | 'invalid' | 'missing';

export interface FileProvenance {
  kind: 'file';
  /** Path of the file as it was imported (the upload copy for browser uploads). */
  path: string;
  /** Name the user knew the file by, when it differs from path (browser uploads). */
  originalName?: string;
  sha256: string;
  /** 1-based line where the record starts (JSON text, JSONL line or CSV row). */
  line: number;
  /** Byte offset of the record in the (decompressed) file, and its length in bytes. */
  offset: number;
  length: number;
  /** True when the file was gzip: offsets are into the decompressed bytes. */
  gzip?: boolean;
  /** Set when the file was not UTF-8: the record was decoded from this encoding, and offsets are into the decoded UTF-8 text. */
  encoding?: TextEncoding;
}

export interface ApiProvenance {
  kind: 'api';
  source: string;
  url: string;
  page: number;
  index: number;
}

export type Provenance = FileProvenance | ApiProvenance;

/** One row of the timeline: the model fields without the heavy parts. */
export interface EventRow {
  id: string;
  eventId: string | null;
  time: string | null;
  timeOriginal: string | null;
  timeFlag: TimeFlag | null;
  vendor: string;
  source: string;
  actor: string | null;
  actorType: ActorType;
  action: string | null;
  targetType: string | null;
  targetId: string | null;
  outcome: Outcome;
  requestId: string | null;
  ip: string | null;
  userAgent: string | null;
  hasDiff: boolean;
  /** Warnings attached at import (e.g. "same eventId, different content"). */
  flags: string[];
  /** With a full-text search: where the raw record matched (shared/search.ts). */
  match?: SearchSnippet;
  /** The stored raw record cannot be read back (which event, where, and what is wrong): raw is left empty. */
  damaged?: string;
}

/** The full event: a row plus the raw record and where it came from. */
export interface AuditEvent extends EventRow {
  before: unknown;
  after: unknown;
  /** The record's exact source text: JSON text or CSV row, byte for byte. */
  raw: string;
  provenance: Provenance;
}

/** The full event's fields in the order exports write them (normalized CSV columns). */
export const EVENT_FIELDS = [
  'id',
  'eventId',
  'time',
  'timeOriginal',
  'timeFlag',
  'vendor',
  'source',
  'actor',
  'actorType',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'requestId',
  'ip',
  'userAgent',
  'flags',
  'before',
  'after',
  'provenance',
  'raw',
] as const satisfies readonly (keyof AuditEvent)[];

/** Model fields a mapping can fill, in display order. */
export const MAPPED_FIELDS = [
  'time',
  'eventId',
  'actor',
  'actorType',
  'action',
  'targetType',
  'targetId',
  'outcome',
  'requestId',
  'ip',
  'userAgent',
  'before',
  'after',
] as const;
export type MappedField = (typeof MAPPED_FIELDS)[number];
