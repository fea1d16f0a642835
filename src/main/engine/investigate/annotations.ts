// Bookmarks, tags and notes on events, in the case's own tables (schema.ts), saved through the
// annotations journal (store/annotation-journal.ts). Raw records are never touched; an annotation
// names its event by id.
import type { AnnotatedEvent, AnnotationChange, AnnotationFilter, AnnotationList, EventAnnotations } from '../../../shared/annotations';
import { MAX_NOTE_LENGTH, normaliseTag } from '../../../shared/annotations';
import type { CaseStore } from '../store/case-store';
import { eventRecord, type EventRecord } from '../store/annotation-records';

function eventId(store: CaseStore, id: string): number {
  const n = Number(id);
  const exists = Number.isInteger(n) && store.hasEvent(n);
  if (!exists) throw new Error(`no event ${id} in this case`);
  return n;
}

function read(store: CaseStore, id: number): EventAnnotations {
  return { id: String(id), ...store.annotationsOfEvent(id) };
}

export function annotationsOf(store: CaseStore, id: string): EventAnnotations {
  return read(store, eventId(store, id));
}

let lastStamp = 0;
/** Strictly increasing times, so "most recently annotated" is an order even within one millisecond. */
function stamp(): string {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  return new Date(lastStamp).toISOString();
}

/**
 * Applies a change; returns the event's annotations after it. Validates everything before writing;
 * saved to disk (annotations.jsonl) before it returns.
 */
export function annotate(store: CaseStore, c: AnnotationChange): EventAnnotations {
  let n = 0;
  store.changeAnnotations((db) => {
    n = eventId(store, c.id);
    const add = (c.addTags ?? []).map(normaliseTag);
    const remove = new Set((c.removeTags ?? []).map((t) => t.trim()));
    if (c.note != null && c.note.length > MAX_NOTE_LENGTH) throw new Error(`a note is at most ${MAX_NOTE_LENGTH} characters`);
    const before = eventRecord(db, n);
    const now = stamp();
    const next: EventRecord = { ...before, t: [...before.t] };
    if (c.bookmarked === true) next.b ??= now;
    if (c.bookmarked === false) next.b = null;
    for (const t of add) if (!next.t.some(([tag]) => tag === t)) next.t.push([t, now]);
    next.t = next.t.filter(([tag]) => !remove.has(tag)).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
    if (c.note !== undefined) next.n = c.note?.trim() ? [c.note, now] : null;
    return JSON.stringify(next) === JSON.stringify(before) ? null : next;
  });
  return read(store, n);
}

export function listAnnotations(store: CaseStore, f: AnnotationFilter = {}): AnnotationList {
  const limit = Math.min(Math.max(f.limit ?? 500, 1), 5000);
  const found = store.annotatedEvents(f);
  const rows = store.rowsById(found.slice(0, limit).map((r) => r[0]));
  const events: AnnotatedEvent[] = found.slice(0, limit).flatMap(([id, at]) => {
    const event = rows.get(id);
    return event ? [{ ...read(store, id), event, updatedAt: at }] : [];
  });
  return { events, total: found.length, tags: store.tagCounts() };
}
