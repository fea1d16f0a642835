// One file into the case. A parse worker reads, maps and hashes the records; this (engine) thread
// de-duplicates and stores them batch by batch, yielding between batches so queries still get
// answered during a long import.
import fs from 'node:fs';
import path from 'node:path';
import type { FileImportReport } from '../../../shared/contract';
import type { Mapping } from '../../../shared/mapping';
import type { CaseStore } from '../store/case-store';
import { NUM_COLS, N_HASH, N_LINE, STR_COLS, S_EID, type PreparedBatch } from './prepared-batch';
import { NumberIndex, stringKey } from './number-index';
import { decodeEntry } from '../store/extras';
import { startParse } from './parse-stream';
import { fileSha256 } from './file-sha256';
import { RowMessages } from './row-messages';

export interface ImportOptions {
  originalName?: string;
  /** Called now and then with the bytes read so far and events stored. */
  onProgress?: (bytesDone: number, bytesTotal: number, events: number, phase?: 'storing' | 'indexing') => void;
  isCancelled?: () => boolean;
  /** Shared across the files of one job so later files de-duplicate against earlier ones. */
  dedup?: DedupState;
}

export interface DedupState {
  /** Content hash prefix → id of the first stored event with it (confirmed byte-wise on a hit). */
  hashes: NumberIndex;
  /** Key of vendor + event id → id of the first stored event with that id. */
  eventIds: NumberIndex;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
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

export async function importFile(store: CaseStore, file: string, opts: ImportOptions = {}): Promise<FileImportReport> {
  const display = opts.originalName ?? file;
  const report: FileImportReport = { path: display, format: 'unknown', vendor: 'unknown', imported: 0, duplicates: 0, skipped: 0, errors: [], warnings: [] };
  try {
    if (!fs.statSync(file).isFile()) throw new Error('not a regular file');
  } catch (e) {
    report.errors.push({ line: 0, message: `cannot read ${display}: ${(e as Error).message}` });
    return report;
  }
  const sha256 = await fileSha256(file);
  const already = store.findSourceBySha(sha256);
  if (already) {
    Object.assign(report, { format: already.format, vendor: already.vendor, duplicates: already.events, alreadyImported: true, sourceId: already.id });
    report.warnings.push({ line: 0, message: `already in this case as "${already.name}" (same SHA-256): nothing added` });
    return report;
  }

  const parse = await startParse(file, store.savedMappings());
  const head = parse.header;
  if (head.type === 'unreadable') {
    report.errors.push(...head.errors, { line: head.line, message: `${display}: ${head.message}` });
    report.skipped = head.errors.length;
    return report;
  }
  report.format = head.format;
  for (const note of head.notes) report.warnings.push({ line: 0, message: note });
  const vendor = head.mapping.vendor || vendorFromFileName(display);
  const mapping: Mapping = { ...head.mapping, vendor };
  report.vendor = vendor;

  const errors = new RowMessages();
  const warnings = new RowMessages();
  const dedup = opts.dedup ?? loadDedupState(store);
  const { segmentStart, firstRowid } = store.begin(Math.round(head.bytesTotal / 300));
  let srcId = -1;
  try {
    srcId = store.addSource({
      kind: 'file',
      name: opts.originalName ?? path.basename(file),
      path: path.resolve(file),
      originalName: opts.originalName ?? null,
      sha256,
      format: head.format,
      vendor,
      gzip: head.gzip,
      mapping,
    });
    report.sourceId = srcId;

    const storeBatch = (b: PreparedBatch) => {
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
      const rawAt = (i: number) => decodeEntry(Buffer.from(b.entries.buffer, b.entries.byteOffset + (i ? b.ends[i - 1] : 0), b.ends[i] - (i ? b.ends[i - 1] : 0))).raw;
      for (let i = 0; i < b.n; i++) {
        const o = i * NUM_COLS;
        const h = b.nums[o + N_HASH];
        const line = b.nums[o + N_LINE];
        const prior = dedup.hashes.get(h);
        if (prior >= 0) {
          const seen = store.dedupInfo(prior);
          if (seen.raw === rawAt(i)) {
            if (prior < firstRowid) {
              report.duplicates++;
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
        report.imported++;
      }
    };

    for await (const batch of parse.batches) {
      if (opts.isCancelled?.()) throw new ImportCancelled();
      storeBatch(batch);
      opts.onProgress?.(batch.bytesDone, head.bytesTotal, report.imported);
      // Let queued queries and cancel requests in before the next batch.
      await new Promise((r) => setImmediate(r));
    }
    if (opts.isCancelled?.()) throw new ImportCancelled();
    store.updateSource(srcId, { events: report.imported });
    opts.onProgress?.(head.bytesTotal, head.bytesTotal, report.imported, 'indexing');
    store.commit();
  } catch (e) {
    await parse.stop();
    store.rollback(segmentStart);
    // The tables now point at rows that no longer exist: the next import loads them afresh.
    if (opts.dedup) Object.assign(opts.dedup, loadDedupState(store));
    throw e;
  }
  await parse.stop();
  report.skipped = errors.total;
  report.errors = errors.finish();
  report.warnings.push(...warnings.finish());
  opts.onProgress?.(head.bytesTotal, head.bytesTotal, report.imported);
  return report;
}

/** A readable vendor name for an unknown source: the file's name without extensions. */
export function vendorFromFileName(name: string): string {
  const base = path.basename(name).replace(/(\.(gz|json|jsonl|ndjson|log|csv|txt))+$/i, '');
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'unknown';
}
