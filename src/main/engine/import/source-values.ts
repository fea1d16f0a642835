// Re-reading a source's records as values (for mapping review and re-mapping). The raw text is the
// evidence; values are re-derived from it: JSON sources parse the stored raw text, CSV sources are
// read again from their file (a CSV row alone cannot be parsed without its header and delimiter).
import fs from 'node:fs';
import type { SourceInfo } from '../../../shared/contract';
import type { CaseStore } from '../store/case-store';
import { openRecordReader } from './open-reader';
import { fileSha256 } from './file-sha256';

export interface SourceValue {
  eventId: number;
  value: Record<string, unknown>;
}

export async function* sourceValues(store: CaseStore, src: SourceInfo, limit = Infinity): AsyncGenerator<SourceValue> {
  let n = 0;
  if (src.format.startsWith('json')) {
    for (const ev of store.eventsOfSource(src.id)) {
      if (n++ >= limit) return;
      yield { eventId: ev.id, value: JSON.parse(ev.raw) as Record<string, unknown> };
    }
    return;
  }
  if (!fs.existsSync(src.path) || (await fileSha256(src.path)) !== src.sha256) {
    throw new Error(`${src.name}: the original file is needed to re-read CSV rows, and ${src.path} is missing or changed`);
  }
  const byOffset = new Map<number, number>();
  for (const ev of store.eventsOfSource(src.id)) if (ev.extras.fo != null) byOffset.set(ev.extras.fo, ev.id);
  const reader = await openRecordReader(src.path);
  for await (const batch of reader.batches()) {
    for (const rec of batch.records) {
      const id = byOffset.get(rec.offset);
      if (id === undefined) continue;
      if (n++ >= limit) return;
      yield { eventId: id, value: rec.value };
    }
  }
}
