// One file into the case: sniff, map, de-duplicate, store. Streams batch by batch and yields to the
// event loop between batches so the engine keeps answering queries during a long import.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileImportReport } from '../../../shared/contract';
import type { Mapping } from '../../../shared/mapping';
import type { CaseStore, StoredEvent } from '../store/case-store';
import { NO_TIME, encodeActorType, encodeOutcome, encodeTimeFlag } from '../store/schema';
import { encodeEntry, type EventExtras } from '../store/extras';
import { chooseMapping, compileMapping } from '../mapping';
import { openRecordReader } from './open-reader';
import { FileFormatError, type SourceRecord } from './source-record';
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
  hashes: Map<string, number>;
  eventIds: Map<string, string>;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

const SAMPLE_SIZE = 200;

export function loadDedupState(store: CaseStore): DedupState {
  if (store.count() === 0) return { hashes: new Map(), eventIds: new Map() };
  return { hashes: store.storedHashes(), eventIds: store.storedEventIds() };
}

export async function importFile(store: CaseStore, file: string, opts: ImportOptions = {}): Promise<FileImportReport> {
  const display = opts.originalName ?? file;
  const report: FileImportReport = {
    path: display,
    format: 'unknown',
    vendor: 'unknown',
    imported: 0,
    duplicates: 0,
    skipped: 0,
    errors: [],
    warnings: [],
  };
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
    if (!stat.isFile()) throw new Error('not a regular file');
  } catch (e) {
    report.errors.push({ line: 0, message: `cannot read ${display}: ${(e as Error).message}` });
    return report;
  }
  const sha256 = await fileSha256(file);
  const already = store.findSourceBySha(sha256);
  if (already) {
    Object.assign(report, {
      format: already.format,
      vendor: already.vendor,
      duplicates: already.events,
      alreadyImported: true,
      sourceId: already.id,
    });
    report.warnings.push({ line: 0, message: `already in this case as "${already.name}" (same SHA-256): nothing added` });
    return report;
  }

  let reader;
  try {
    reader = await openRecordReader(file);
  } catch (e) {
    if (e instanceof FileFormatError) {
      report.errors.push({ line: e.line, message: `${display}: ${e.message}` });
      return report;
    }
    throw e;
  }
  report.format = reader.format;
  for (const note of reader.notes) report.warnings.push({ line: 0, message: note });

  const errors = new RowMessages();
  const warnings = new RowMessages();
  const dedup = opts.dedup ?? loadDedupState(store);
  const iterator = reader.batches()[Symbol.asyncIterator]();

  // The mapping is chosen from the first records, before anything is stored.
  const pending: SourceRecord[] = [];
  let bytesDone = 0;
  let exhausted = false;
  while (pending.length < SAMPLE_SIZE && !exhausted) {
    const next = await iterator.next();
    if (next.done) exhausted = true;
    else {
      pending.push(...next.value.records);
      for (const err of next.value.errors) errors.add(err.line, err.message, errorKind(err.message));
      bytesDone = next.value.bytesDone;
    }
  }
  if (!pending.length) {
    report.skipped = errors.total;
    report.errors.push(...errors.finish());
    if (!report.errors.length) report.errors.push({ line: 0, message: `${display}: no records found` });
    return report;
  }
  const mapping = chooseMapping(
    pending.slice(0, SAMPLE_SIZE).map((r) => r.value),
    { saved: store.savedMappings() },
  );
  const vendor = mapping.vendor || vendorFromFileName(display);
  const finalMapping: Mapping = { ...mapping, vendor };
  report.vendor = vendor;
  const apply = compileMapping(finalMapping);

  const avgRecord = Math.max(1, bytesDone / Math.max(1, pending.length));
  const { segmentStart } = store.begin(Math.round(reader.bytesTotal / avgRecord));
  let srcId = -1;
  try {
    srcId = store.addSource({
      kind: 'file',
      name: opts.originalName ?? path.basename(file),
      path: path.resolve(file),
      originalName: opts.originalName ?? null,
      sha256,
      format: reader.format,
      vendor,
      gzip: reader.gzip,
      mapping: finalMapping,
    });
    report.sourceId = srcId;
    const firstLineOfHash = new Map<string, number>();
    const storeRecord = (rec: SourceRecord) => {
      const hash = crypto.hash('sha256', rec.raw, 'base64');
      const owner = dedup.hashes.get(hash);
      if (owner !== undefined && owner !== srcId) {
        report.duplicates++;
        return;
      }
      const flags: string[] = [];
      if (owner === srcId) {
        const first = firstLineOfHash.get(hash);
        const msg = `identical to the record at line ${first}`;
        flags.push(msg);
        warnings.add(rec.line, `${msg}: kept (each line is evidence)`, 'identical to an earlier record in this file');
      } else {
        dedup.hashes.set(hash, srcId);
        firstLineOfHash.set(hash, rec.line);
      }
      let f;
      try {
        f = apply(rec.value);
      } catch (e) {
        errors.add(rec.line, `cannot map record: ${(e as Error).message}`, 'cannot map record');
        return;
      }
      if (f.eventId) {
        const key = `${vendor}\u0000${f.eventId}`;
        const prior = dedup.eventIds.get(key);
        if (prior === undefined) dedup.eventIds.set(key, hash);
        else if (prior !== hash) {
          const msg = `same ${vendor} event id ${f.eventId} as another event with different content`;
          flags.push(msg);
          warnings.add(rec.line, `${msg}: both kept`, 'same event id, different content: both kept');
        }
      }
      if (f.timeFlag === 'no-zone') {
        flags.push('time has no zone: read as UTC');
        warnings.add(rec.line, `time "${f.timeOriginal}" has no zone: stored as UTC and flagged`, 'time has no zone: stored as UTC and flagged');
      } else if (f.timeFlag === 'invalid') {
        flags.push('time is not a valid date');
        warnings.add(rec.line, `time "${f.timeOriginal}" is not a valid date: stored without a time`, 'invalid time: stored without a time');
      }
      const extras: EventExtras = { to: f.timeOriginal, ln: rec.line, fo: rec.offset, fb: rec.length };
      if (f.timeFlag) extras.tf = f.timeFlag;
      if (f.userAgent) extras.ua = f.userAgent;
      if (flags.length) extras.fl = flags;
      if (f.before !== undefined && f.before !== null) extras.b = f.before;
      if (f.after !== undefined && f.after !== null) extras.a = f.after;
      const ev: StoredEvent = {
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
        hash,
        entry: encodeEntry(extras, rec.raw),
      };
      store.insert(srcId, ev);
      report.imported++;
    };

    for (const rec of pending) storeRecord(rec);
    opts.onProgress?.(bytesDone, reader.bytesTotal, report.imported);
    while (!exhausted) {
      if (opts.isCancelled?.()) throw new ImportCancelled();
      const next = await iterator.next();
      if (next.done) break;
      for (const err of next.value.errors) errors.add(err.line, err.message, errorKind(err.message));
      for (const rec of next.value.records) storeRecord(rec);
      opts.onProgress?.(next.value.bytesDone, reader.bytesTotal, report.imported);
      // Let queued queries and cancel requests in before the next batch.
      await new Promise((r) => setImmediate(r));
    }
    if (opts.isCancelled?.()) throw new ImportCancelled();
    store.updateSource(srcId, { events: report.imported });
    store.commit();
  } catch (e) {
    store.rollback(segmentStart);
    // Hashes this attempt added must not make a retry see its own rows as duplicates.
    for (const [h, s] of dedup.hashes) if (s === srcId) dedup.hashes.delete(h);
    throw e;
  }
  report.skipped = errors.total;
  report.errors = errors.finish();
  report.warnings.push(...warnings.finish());
  opts.onProgress?.(reader.bytesTotal, reader.bytesTotal, report.imported);
  return report;
}

function errorKind(message: string): string {
  return message.replace(/\d+/g, 'N').slice(0, 60);
}

/** A readable vendor name for an unknown source: the file's name without extensions or dates. */
export function vendorFromFileName(name: string): string {
  const base = path.basename(name).replace(/(\.(gz|json|jsonl|ndjson|log|csv|txt))+$/i, '');
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slug || 'unknown';
}
