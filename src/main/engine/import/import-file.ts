// One file into the case. A parse worker reads, maps and hashes the records; this (engine) thread
// de-duplicates and stores them batch by batch, yielding between batches so queries still get
// answered during a long import.
import fs from 'node:fs';
import path from 'node:path';
import type { FileImportReport } from '../../../shared/contract';
import type { Mapping } from '../../../shared/mapping';
import type { CaseStore } from '../store/case-store';
import { COLS_PER_RECORD, type PreparedBatch } from './prepared-batch';
import { startParse } from './parse-stream';
import { fileSha256 } from './file-sha256';
import { RowMessages } from './row-messages';

export interface ImportOptions {
  originalName?: string;
  /** Called now and then with the bytes read so far and events stored. */
  onProgress?: (bytesDone: number, bytesTotal: number, events: number) => void;
  isCancelled?: () => boolean;
  /** Shared across the files of one job so later files de-duplicate against earlier ones. */
  dedup?: DedupState;
}

export interface DedupState {
  /** Content hash → source id that holds it. */
  hashes: Map<string, number>;
  /** vendor + eventId → content hash of the first event with that id. */
  eventIds: Map<string, string>;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

const EID = 9; // index of eventId within a record's model values

export function loadDedupState(store: CaseStore): DedupState {
  if (store.count() === 0) return { hashes: new Map(), eventIds: new Map() };
  return { hashes: store.storedHashes(), eventIds: store.storedEventIds() };
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
  const firstLineOfHash = new Map<string, number>();
  const { segmentStart } = store.begin(Math.round(head.bytesTotal / 300));
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
        warnings.add(b.lines[i], message, summary);
      }
      const keep: boolean[] = new Array(b.n);
      for (let i = 0; i < b.n; i++) {
        const hash = b.hashes[i];
        const owner = dedup.hashes.get(hash);
        if (owner !== undefined && owner !== srcId) {
          report.duplicates++;
          keep[i] = false;
          continue;
        }
        keep[i] = true;
        if (owner === srcId) {
          const msg = `identical to the record at line ${firstLineOfHash.get(hash)}`;
          addFlag(i, msg);
          warnings.add(b.lines[i], `${msg}: kept (each line is evidence)`, 'identical to an earlier record in this file: kept');
        } else {
          dedup.hashes.set(hash, srcId);
          firstLineOfHash.set(hash, b.lines[i]);
        }
        const eid = b.cols[i * COLS_PER_RECORD + EID];
        if (eid != null) {
          const key = `${vendor}\u0000${eid}`;
          const prior = dedup.eventIds.get(key);
          if (prior === undefined) dedup.eventIds.set(key, hash);
          else if (prior !== hash) {
            const msg = `same ${vendor} event id ${eid} as another event with different content`;
            addFlag(i, msg);
            warnings.add(b.lines[i], `${msg}: both kept`, 'same event id, different content: both kept');
          }
        }
      }
      // Usually every record is new: one append for the whole batch; otherwise only the kept entries.
      const allKept = keep.every(Boolean);
      const base = allKept ? store.appendEntries(b.entries) : 0;
      for (let i = 0; i < b.n; i++) {
        if (!keep[i]) continue;
        const start = i === 0 ? 0 : b.ends[i - 1];
        const len = b.ends[i] - start;
        const off = allKept ? base + start : store.appendEntries(b.entries.subarray(start, b.ends[i]));
        store.insert(srcId, b.cols, i * COLS_PER_RECORD, b.hashes[i], off, len, flagsOf.get(i) ?? null);
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
    store.commit();
  } catch (e) {
    await parse.stop();
    store.rollback(segmentStart);
    // Hashes this attempt added must not make a retry see its own rows as duplicates.
    for (const [h, s] of dedup.hashes) if (s === srcId) dedup.hashes.delete(h);
    for (const [k, h] of dedup.eventIds) if (!dedup.hashes.has(h)) dedup.eventIds.delete(k);
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
