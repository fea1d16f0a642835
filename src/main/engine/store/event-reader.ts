// Events read back whole: the model row from sql.js joined with its raw record and extras from the
// segment, provenance from its source. A damaged segment entry is named, never guessed at.
import type { Database } from 'sql.js';
import type { AuditEvent, EventRow } from '../../../shared/event';
import type { TextEncoding } from '../../../shared/text-encoding';
import { compileDiffMapping } from '../mapping';
import { parseJsonExact } from '../import/exact-json';
import type { Catalog } from './catalog';
import type { Segment } from './segment';
import { decodeEntry, type EventExtras } from './extras';
import { NO_TIME, decodeActorType, decodeOutcome, decodeTimeFlag } from './schema';
import { scalar } from './scalar';
import { SEGMENT_FILE } from './case-files';
import { DamagedEntry, damagedEntry, entryDamage } from './entry-damage';

export const ROW_COLUMNS = 'id,t,tflag,src,actor,atype,action,ttype,tid,outcome,req,eid,ip,off,len,flags';

export type RowValues = [
  number,
  number,
  number | null,
  number,
  string | null,
  number,
  string | null,
  string | null,
  string | null,
  number,
  string | null,
  string | null,
  string | null,
  number,
  number,
  string | null,
];

export type FullEvent = { event: AuditEvent; rawBytes: Buffer; srcId: number };

export { DamagedEntry };

export class EventReader {
  private appliers = new Map<number, ReturnType<typeof compileDiffMapping>>();

  constructor(
    private readonly db: Database,
    private readonly segment: Segment,
    private readonly catalog: Catalog,
  ) {}

  /** A source's mapping changed: its before/after are derived with the new one. */
  forgetSource(id: number): void {
    this.appliers.delete(id);
  }

  /** Timeline rows of the given ids (missing ids are left out). */
  rowsById(ids: number[], withRaw?: (row: EventRow, raw: string) => void): Map<number, EventRow> {
    const byId = new Map<number, EventRow>();
    const stmt = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM events ${idsWhere(ids).sql}`);
    try {
      stmt.bind(ids);
      while (stmt.step()) {
        const { row: r, raw } = this.toRow(stmt.get() as RowValues, true);
        withRaw?.(r, raw);
        byId.set(Number(r.id), r);
      }
    } finally {
      stmt.free();
    }
    return byId;
  }

  /** Whether an event of this id is stored. */
  has(id: number): boolean {
    return this.db.exec('SELECT 1 FROM events WHERE id = ?', [id]).length > 0;
  }

  getEvent(id: string): AuditEvent {
    const n = Number(id);
    const stmt = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM events WHERE id = ?`);
    try {
      stmt.bind([Number.isInteger(n) ? n : -1]);
      if (!stmt.step()) throw new Error(`no event ${id} in this case`);
      return this.fullEvent(stmt.get() as RowValues, true).event;
    } finally {
      stmt.free();
    }
  }

  /** A row whose raw record is damaged, as an event: the row as the timeline shows it, marked, no raw record. */
  damagedEvent(r: EventRow): AuditEvent {
    const src = this.catalog.source(Number(scalar(this.db, 'SELECT src FROM events WHERE id = ?', [Number(r.id)])));
    return { ...r, before: null, after: null, raw: '', provenance: { kind: 'file', path: src.path, sha256: src.sha256, line: 0, offset: 0, length: 0 } };
  }

  /** Every row a WHERE and ORDER BY select, as full events, one at a time. */
  *eachEvent(where: string, params: (string | number | null)[], order: string, diff: boolean): Generator<FullEvent> {
    const stmt = this.db.prepare(`SELECT ${ROW_COLUMNS} FROM events ${where} ${order}`);
    try {
      stmt.bind(params);
      while (stmt.step()) yield this.fullEvent(stmt.get() as RowValues, diff);
    } finally {
      stmt.free();
    }
  }

  /** Before/after of an event as events show them (re-derived from a JSON record's raw text when not stored). */
  diffOf(srcId: number, extras: EventExtras, raw: string): { before: unknown; after: unknown } {
    if (extras.d && extras.b === undefined && extras.a === undefined) return this.deriveDiff(srcId, raw);
    return { before: extras.b ?? null, after: extras.a ?? null };
  }

  /** The raw record stored at a segment position (the query language's raw.PATH terms). */
  rawAt(off: number, len: number): string {
    return decodeEntry(this.segment.read(off, len)).raw;
  }

  /** An event's raw record and display extras. */
  entry(id: number): { raw: string; extras: EventExtras } {
    const r = this.db.exec('SELECT off, len FROM events WHERE id = ?', [id])[0]?.values[0];
    if (!r) throw new Error(`no event ${id} in this case`);
    return decodeEntry(this.segment.read(Number(r[0]), Number(r[1])));
  }

  /** Every stored event of a source, oldest first by insertion: used to re-derive fields. */
  *eventsOfSource(src: number): Generator<{ id: number; raw: string; extras: EventExtras }> {
    const stmt = this.db.prepare('SELECT id, off, len FROM events WHERE src = ? ORDER BY id');
    try {
      stmt.bind([src]);
      while (stmt.step()) {
        const [id, off, len] = stmt.get() as [number, number, number];
        const { extras, raw } = decodeEntry(this.segment.read(off, len));
        yield { id, raw, extras };
      }
    } finally {
      stmt.free();
    }
  }

  private fullEvent(v: RowValues, diff: boolean): FullEvent {
    const { row, extras, raw, srcId, rawBytes } = this.toRow(v);
    const src = this.catalog.source(srcId);
    const provenance: AuditEvent['provenance'] =
      extras.url != null
        ? { kind: 'api', source: src.name, url: extras.url, page: extras.pg ?? 0, index: extras.ix ?? 0 }
        : {
            kind: 'file',
            path: src.path,
            ...(src.originalName ? { originalName: src.originalName } : {}),
            sha256: src.sha256,
            line: extras.ln ?? 0,
            offset: extras.fo ?? 0,
            length: extras.fb ?? 0,
            ...(this.catalog.sourceGzip(srcId) ? { gzip: true } : {}),
            ...encodingField(this.catalog.sourceEncoding(srcId)),
          };
    let before: unknown = extras.b ?? null;
    let after: unknown = extras.a ?? null;
    if (diff && extras.d && extras.b === undefined && extras.a === undefined) ({ before, after } = this.deriveDiff(srcId, raw));
    return { event: { ...row, before, after, raw, provenance }, rawBytes, srcId };
  }

  /** Before/after of a JSON record, re-derived from its raw text with its source's mapping. */
  private deriveDiff(srcId: number, raw: string): { before: unknown; after: unknown } {
    let apply = this.appliers.get(srcId);
    if (!apply) {
      apply = compileDiffMapping(this.catalog.sourceMapping(srcId));
      this.appliers.set(srcId, apply);
    }
    const f = apply(parseJsonExact(raw) as Record<string, unknown>);
    return { before: f.before ?? null, after: f.after ?? null };
  }

  /** An event's segment entry, decoded; a damaged one is an error naming the event, its source and offset. */
  private readEntry(id: number, src: number, off: number, len: number): { extras: EventExtras; raw: string; entry: Buffer } {
    try {
      const entry = this.segment.read(off, len);
      const damage = entryDamage(entry, 0, entry.length);
      if (damage) throw new Error(damage);
      return { ...decodeEntry(entry), entry };
    } catch (e) {
      throw damagedEntry(id, this.catalog.source(src).name, SEGMENT_FILE, off, len, (e as Error).message);
    }
  }

  /** tolerant: a damaged entry gives a row marked damaged (a page shows the rest) instead of an error. */
  private toRow(v: RowValues, tolerant = false): { row: EventRow; extras: EventExtras; raw: string; srcId: number; rawBytes: Buffer } {
    const [id, t, tflag, src, actor, atype, action, ttype, tid, outcome, req, eid, ip, off, len, flags] = v;
    let extras: EventExtras = {};
    let raw = '';
    let rawBytes: Buffer = Buffer.alloc(0);
    let damaged: string | null = null;
    try {
      const e = this.readEntry(id, src, off, len);
      ({ extras, raw } = e);
      rawBytes = e.entry.subarray(4 + e.entry.readUInt32LE(0));
    } catch (e) {
      if (!tolerant || !(e instanceof DamagedEntry)) throw e;
      damaged = e.message;
    }
    const source = this.catalog.source(src);
    const row: EventRow = {
      id: String(id),
      eventId: eid,
      time: t >= NO_TIME ? null : new Date(t).toISOString(),
      timeOriginal: extras.to ?? null,
      timeFlag: decodeTimeFlag(tflag),
      vendor: source.vendor,
      source: source.name,
      actor,
      actorType: decodeActorType(atype),
      action,
      targetType: ttype,
      targetId: tid,
      outcome: decodeOutcome(outcome),
      requestId: req,
      ip,
      userAgent: extras.ua ?? null,
      hasDiff: extras.d === 1 || extras.b !== undefined || extras.a !== undefined,
      flags: flags ? (JSON.parse(flags) as string[]) : [],
      ...(damaged ? { damaged } : {}),
    };
    return { row, extras, raw, srcId: src, rawBytes };
  }
}

/** A WHERE clause matching exactly the given event ids (none: nothing). */
export function idsWhere(ids: readonly number[]): { sql: string; params: number[] } {
  return { sql: `WHERE id IN (${ids.map(() => '?').join(',') || 'NULL'})`, params: [...ids] };
}

/** The provenance field of a decoded source; none for UTF-8, so UTF-8 provenance is as it always was. */
export function encodingField(encoding: TextEncoding | null): { encoding?: TextEncoding } {
  return encoding ? { encoding } : {};
}
