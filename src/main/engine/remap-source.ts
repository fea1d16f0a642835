// Re-derives a source's model fields with a corrected mapping. The raw records are untouched: the
// derived columns are updated, and each event's display extras (original time text, before/after)
// are appended anew beside an exact copy of its raw text (the segment is append-only).
import type { Mapping } from '../../shared/mapping';
import type { CaseStore } from './store/case-store';
import { compileMapping } from './mapping';
import { sourceValues } from './import/source-values';
import { encodeEntry, extrasFor } from './store/extras';
import { NO_TIME, encodeActorType, encodeOutcome, encodeTimeFlag } from './store/schema';

export async function remapSource(store: CaseStore, sourceId: number, mapping: Mapping): Promise<void> {
  const src = store.source(sourceId);
  const apply = compileMapping(mapping);
  const updates: { id: number; f: ReturnType<typeof apply> }[] = [];
  for await (const { eventId, value } of sourceValues(store, src)) updates.push({ id: eventId, f: apply(value) });
  const { segmentStart } = store.begin(0);
  try {
    const entries = updates.map(({ id, f }) => {
      const { raw, extras: old } = store.entry(id);
      const extras = extrasFor(f, { ln: old.ln, fo: old.fo, fb: old.fb, url: old.url, pg: old.pg, ix: old.ix }, !src.format.startsWith('json'));
      const entry = encodeEntry(extras, raw);
      return { off: store.appendEntries(entry), len: entry.length };
    });
    // The whole-case counts follow the rewrite (the overview need not count the case again): each row's
    // old values out, its new values in.
    store.uncountRows(
      sourceId,
      updates.map((u) => u.id),
    );
    store.rewriteRows(
      sourceId,
      updates.map(({ id, f }, i) => ({
        id,
        t: f.timeMs ?? NO_TIME,
        tflag: encodeTimeFlag(f.timeFlag ?? (f.timeMs == null ? 'missing' : null)),
        actor: f.actor,
        atype: encodeActorType(f.actorType),
        action: f.action,
        ttype: f.targetType,
        tid: f.targetId,
        outcome: encodeOutcome(f.outcome),
        req: f.requestId,
        eid: f.eventId,
        ip: f.ip,
        off: entries[i].off,
        len: entries[i].len,
      })),
    );
    store.updateSource(sourceId, { mapping, vendor: mapping.vendor || src.vendor });
    store.commit();
  } catch (e) {
    store.rollback(segmentStart);
    throw e;
  }
}
