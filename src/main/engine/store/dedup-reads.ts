// What de-duplication reads of the stored events: content hash prefixes, vendor event ids, and the
// few columns that confirm a hit.
import type { Database } from 'sql.js';
import type { Segment } from './segment';
import { decodeEntry } from './extras';

/** Calls fn with each stored event's content hash prefix and id, for de-duplication. */
export function eachHash(db: Database, fn: (h: number, id: number) => void): void {
  const stmt = db.prepare('SELECT h, id FROM events');
  try {
    while (stmt.step()) {
      const r = stmt.get() as [number, number];
      fn(r[0], r[1]);
    }
  } finally {
    stmt.free();
  }
}

/** Calls fn with each stored event's vendor, vendor event id and id. */
export function eachEventId(db: Database, fn: (vendor: string, eid: string, id: number) => void): void {
  const stmt = db.prepare('SELECT s.vendor, e.eid, e.id FROM events e JOIN sources s ON s.id = e.src WHERE e.eid IS NOT NULL');
  try {
    while (stmt.step()) {
      const r = stmt.get() as [string, string, number];
      fn(r[0], r[1], r[2]);
    }
  } finally {
    stmt.free();
  }
}

/** The few columns de-duplication needs to confirm a hash hit. */
export function dedupInfo(db: Database, segment: Segment, id: number): { src: number; h: number; eid: string | null; raw: string; line: number } {
  const r = db.exec('SELECT src, h, eid, off, len FROM events WHERE id = ?', [id])[0]?.values[0];
  if (!r) throw new Error(`no event ${id} in this case`);
  const { extras, raw } = decodeEntry(segment.read(Number(r[3]), Number(r[4])));
  return { src: Number(r[0]), h: Number(r[1]), eid: (r[2] as string | null) ?? null, raw, line: extras.ln ?? 0 };
}
