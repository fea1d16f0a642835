// Re-derives a source's model fields with a corrected mapping. The raw records are untouched: only the
// derived columns change, and the display extras are re-appended (the segment is append-only).
import type { Mapping } from '../../shared/mapping';
import type { CaseStore } from './store/case-store';
import { compileMapping } from './mapping';
import { sourceValues } from './import/source-values';
import { NO_TIME, encodeActorType, encodeOutcome, encodeTimeFlag } from './store/schema';

export async function remapSource(store: CaseStore, sourceId: number, mapping: Mapping): Promise<void> {
  const src = store.source(sourceId);
  const apply = compileMapping(mapping);
  const updates: { id: number; f: ReturnType<typeof apply> }[] = [];
  for await (const { eventId, value } of sourceValues(store, src)) updates.push({ id: eventId, f: apply(value) });
  const { segmentStart } = store.begin(0);
  try {
    store.withDb((db) => {
      const stmt = db.prepare(
        'UPDATE events SET t=?,tflag=?,actor=?,atype=?,action=?,ttype=?,tid=?,outcome=?,req=?,eid=?,ip=? WHERE id=?',
      );
      try {
        for (const { id, f } of updates) {
          stmt.run([
            f.timeMs ?? NO_TIME,
            encodeTimeFlag(f.timeFlag ?? (f.timeMs == null ? 'missing' : null)),
            f.actor,
            encodeActorType(f.actorType),
            f.action,
            f.targetType,
            f.targetId,
            encodeOutcome(f.outcome),
            f.requestId,
            f.eventId,
            f.ip,
            id,
          ]);
        }
      } finally {
        stmt.free();
      }
    });
    store.updateSource(sourceId, { mapping, vendor: mapping.vendor || src.vendor });
    store.commit();
  } catch (e) {
    store.rollback(segmentStart);
    throw e;
  }
}
