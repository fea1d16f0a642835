// The case database layout. Only model fields and indexes live in sql.js (the heap is the scarce
// resource); raw records and display-only extras live in the append-only segment file.
import { ACTOR_TYPES, OUTCOMES, type ActorType, type Outcome, type TimeFlag } from '../../../shared/event';

export const SCHEMA_VERSION = 1;

/** Sort key for events without a usable time, so they sort after every real time. */
/** The events table's column of each model field stored as text (one place: SQL, columns and sorting use it). */
export const TEXT_COLUMN_OF = {
  eventId: 'eid',
  actor: 'actor',
  action: 'action',
  targetType: 'ttype',
  targetId: 'tid',
  requestId: 'req',
  ip: 'ip',
} as const;

export const NO_TIME = 8_640_000_000_000_000;

export const CREATE_TABLES = `
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS sources(
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  path TEXT NOT NULL,
  original_name TEXT,
  sha256 TEXT NOT NULL,
  format TEXT NOT NULL,
  vendor TEXT NOT NULL,
  events INTEGER NOT NULL DEFAULT 0,
  imported_at TEXT NOT NULL,
  gzip INTEGER NOT NULL DEFAULT 0,
  mapping TEXT NOT NULL,
  encoding TEXT
);
CREATE TABLE IF NOT EXISTS sync_sources(
  name TEXT PRIMARY KEY,
  source_id INTEGER,
  settings TEXT NOT NULL,
  state TEXT NOT NULL,
  report TEXT,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS saved_mappings(shape_key TEXT PRIMARY KEY, mapping TEXT NOT NULL, saved_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS events(
  id INTEGER PRIMARY KEY,
  t INTEGER NOT NULL,
  tflag INTEGER,
  src INTEGER NOT NULL,
  actor TEXT,
  atype INTEGER NOT NULL,
  action TEXT,
  ttype TEXT,
  tid TEXT,
  outcome INTEGER NOT NULL,
  req TEXT,
  eid TEXT,
  ip TEXT,
  h INTEGER NOT NULL,
  off INTEGER NOT NULL,
  len INTEGER NOT NULL,
  flags TEXT
);
CREATE TABLE IF NOT EXISTS bookmarks(event_id INTEGER PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tags(event_id INTEGER NOT NULL, tag TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY(tag, event_id));
CREATE INDEX IF NOT EXISTS tags_event ON tags(event_id);
CREATE TABLE IF NOT EXISTS notes(event_id INTEGER PRIMARY KEY, text TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS saved_views(name TEXT PRIMARY KEY, state TEXT NOT NULL, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS findings(rule TEXT NOT NULL, event_id INTEGER NOT NULL, PRIMARY KEY(rule, event_id));`;

/** Columns added to existing tables since schema 1, added on open to a case that lacks them. */
export const ADDED_COLUMNS: { table: string; column: string; ddl: string }[] = [
  // The text encoding a file source was decoded from; NULL for UTF-8 (and every source before it).
  { table: 'sources', column: 'encoding', ddl: 'ALTER TABLE sources ADD COLUMN encoding TEXT' },
];

/**
 * Secondary indexes. Built after a bulk import rather than maintained row by row: a sorted build is
 * several times faster than a million random B-tree inserts in sql.js.
 */
export const INDEXES: Record<string, string> = {
  ev_t: 'CREATE INDEX IF NOT EXISTS ev_t ON events(t)',
  ev_action: 'CREATE INDEX IF NOT EXISTS ev_action ON events(action, t)',
  ev_actor: 'CREATE INDEX IF NOT EXISTS ev_actor ON events(actor, t)',
  ev_req: 'CREATE INDEX IF NOT EXISTS ev_req ON events(req)',
  ev_src: 'CREATE INDEX IF NOT EXISTS ev_src ON events(src, t)',
};

const TIME_FLAGS: TimeFlag[] = ['no-zone', 'invalid', 'missing'];

export const encodeOutcome = (o: Outcome): number => OUTCOMES.indexOf(o);
export const decodeOutcome = (n: number): Outcome => OUTCOMES[n] ?? 'unknown';
export const encodeActorType = (a: ActorType): number => ACTOR_TYPES.indexOf(a);
export const decodeActorType = (n: number): ActorType => ACTOR_TYPES[n] ?? 'unknown';
export const encodeTimeFlag = (f: TimeFlag | null): number | null => (f ? TIME_FLAGS.indexOf(f) : null);
export const decodeTimeFlag = (n: number | null): TimeFlag | null => (n == null ? null : (TIME_FLAGS[n] ?? null));
