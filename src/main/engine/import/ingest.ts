// Stores one prepared batch: de-duplicates by content (confirmed byte-wise) and flags same-id,
// other-content records. Shared by file import and API sync so both keep evidence the same way.
import type { CaseStore } from '../store/case-store';
import { decodeEntry } from '../store/extras';
import { NUM_COLS, N_HASH, N_LINE, STR_COLS, S_EID, type PreparedBatch } from './prepared-batch';
import { NumberIndex, stringKey } from './number-index';
import type { RowMessages } from './row-messages';

export interface DedupState {
  /** Content hash prefix → id of the first stored event with it (confirmed byte-wise on a hit). */
  hashes: NumberIndex;
  /** Key of vendor + event id → id of the first stored event with that id. */
  eventIds: NumberIndex;
}

export function loadDedupState(store: CaseStore): DedupState {
  const n = store.count();
  const state = { hashes: new NumberIndex(Math.max(n, 1 << 16)), eventIds: new NumberIndex(1 << 16) };
  if (n === 0) return state;
  store.eachHash((h, id) => state.hashes.setIfAbsent(h, id));
  store.eachEventId((vendor, eid, id) => state.eventIds.setIfAbsent(stringKey(`${vendor}\u0000${eid}`), id));
  return state;
}

const TIME_WARNING: Record<string, (t: string | null) => [string, string, string]> = {
  'no-zone': (t) => ['time has no zone: read as UTC', `time "${t}" has no zone: stored as UTC and flagged`, 'time has no zone: stored as UTC and flagged'],
  invalid: (t) => ['time is not a valid date', `time "${t}" is not a valid date: stored without a time`, 'invalid time: stored without a time'],
};

export interface IngestTarget {
  store: CaseStore;
  srcId: number;
  vendor: string;
  dedup: DedupState;
  /**
   * Ids from here on were stored by this same import. A file repeating a record is evidence and keeps
   * both (flagged); set to Infinity for API pages, where a repeat is the pager overlapping itself.
   */
  firstRowid: number;
  errors: RowMessages;
  warnings: RowMessages;
}

/** Stores a batch; per batch index, the id stored, or for a duplicate the id of the event it repeats. */
export function ingestBatch(t: IngestTarget, b: PreparedBatch): { imported: number; duplicates: number; ids: number[]; dupOf: number[] } {
  const { store, srcId, vendor, dedup, firstRowid, errors, warnings } = t;
  const res = { imported: 0, duplicates: 0, ids: new Array<number>(b.n).fill(-1), dupOf: new Array<number>(b.n).fill(-1) };
  for (const err of b.errors) errors.add(err.line, err.message, err.message.replace(/\d+/g, 'N').slice(0, 60));
  const flagsOf = new Map<number, string[]>();
  const addFlag = (i: number, f: string) => flagsOf.set(i, [...(flagsOf.get(i) ?? []), f]);
  for (const [i, kind, original] of b.timeFlags) {
    const w = TIME_WARNING[kind];
    if (!w) continue;
    const [flag, message, summary] = w(original);
    addFlag(i, flag);
    warnings.add(b.nums[i * NUM_COLS + N_LINE], message, summary);
  }
  const strs = JSON.parse(b.strs) as (string | null)[];
  // Entries go in as one append; a duplicate's bytes stay unreferenced in the append-only segment.
  const base = store.appendEntries(b.entries);
  const rawAt = (i: number) =>
    decodeEntry(Buffer.from(b.entries.buffer, b.entries.byteOffset + (i ? b.ends[i - 1] : 0), b.ends[i] - (i ? b.ends[i - 1] : 0))).raw;
  for (let i = 0; i < b.n; i++) {
    const o = i * NUM_COLS;
    const h = b.nums[o + N_HASH];
    const line = b.nums[o + N_LINE];
    const prior = dedup.hashes.get(h);
    if (prior >= 0) {
      const seen = store.dedupInfo(prior);
      if (seen.raw === rawAt(i)) {
        if (prior < firstRowid) {
          res.duplicates++;
          res.dupOf[i] = prior;
          continue;
        }
        const msg = `identical to the record at line ${seen.line}`;
        addFlag(i, msg);
        warnings.add(line, `${msg}: kept (each line is evidence)`, 'identical to an earlier record in this file: kept');
      }
    }
    const eid = strs[i * STR_COLS + S_EID];
    const eidKey = eid == null ? -1 : stringKey(`${vendor}\u0000${eid}`);
    if (eidKey >= 0) {
      const first = dedup.eventIds.get(eidKey);
      if (first >= 0) {
        const seen = store.dedupInfo(first);
        if (seen.eid === eid && seen.h !== h) {
          const msg = `same ${vendor} event id ${eid} as another event with different content`;
          addFlag(i, msg);
          warnings.add(line, `${msg}: both kept`, 'same event id, different content: both kept');
        }
      }
    }
    const start = i === 0 ? 0 : b.ends[i - 1];
    const id = store.insert(srcId, b.nums, o, strs, i * STR_COLS, base + start, b.ends[i] - start, flagsOf.get(i) ?? null);
    dedup.hashes.setIfAbsent(h, id);
    if (eidKey >= 0) dedup.eventIds.setIfAbsent(eidKey, id);
    res.ids[i] = id;
    res.imported++;
  }
  return res;
}
