// One file into the case. A parse worker reads, maps and hashes the records; this (engine) thread
// de-duplicates and stores them batch by batch, yielding between batches so queries still get
// answered during a long import.
import fs from 'node:fs';
import path from 'node:path';
import type { FileImportReport } from '../../../shared/contract';
import type { Mapping } from '../../../shared/mapping';
import type { CaseStore } from '../store/case-store';
import type { PreparedBatch } from './prepared-batch';
import { ingestBatch, loadDedupState, type DedupState } from './ingest';
import { startParse } from './parse-stream';
import { fileSha256 } from './file-sha256';
import { RowMessages } from './row-messages';
import { caseFullError, isDatabaseFull } from '../store/sqlite-full';

export { loadDedupState, type DedupState } from './ingest';

export interface ImportOptions {
  originalName?: string;
  /** Called now and then with the bytes read so far and events stored. */
  onProgress?: (bytesDone: number, bytesTotal: number, events: number, phase?: 'storing' | 'indexing') => void;
  isCancelled?: () => boolean;
  /** Shared across the files of one job so later files de-duplicate against earlier ones. */
  dedup?: DedupState;
  /** Bound of one record's decompressed bytes (default 64 MiB): larger records are reported, not read. */
  maxRecordBytes?: number;
}

export class ImportCancelled extends Error {
  constructor() {
    super('import cancelled');
  }
}

export async function importFile(store: CaseStore, file: string, opts: ImportOptions = {}): Promise<FileImportReport> {
  const display = opts.originalName ?? file;
  const report: FileImportReport = { path: display, format: 'unknown', vendor: 'unknown', imported: 0, duplicates: 0, skipped: 0, errors: [], warnings: [] };
  // Stat once: the length is fixed here, and exactly these bytes are hashed and read, even if
  // the file grows while it imports.
  let start: fs.Stats;
  try {
    start = fs.statSync(file);
    if (!start.isFile()) throw new Error('not a regular file');
  } catch (e) {
    report.errors.push({ line: 0, message: `cannot read ${display}: ${(e as Error).message}` });
    return report;
  }
  const length = start.size;
  const sha256 = await fileSha256(file, length);
  const already = store.findSourceBySha(sha256);
  if (already) {
    Object.assign(report, { format: already.format, vendor: already.vendor, duplicates: already.events, alreadyImported: true, sourceId: already.id });
    report.warnings.push({ line: 0, message: `already in this case as "${already.name}" (same SHA-256): nothing added` });
    return report;
  }

  // Refused (another process is changing the case) before a parse thread is started for nothing.
  store.claimWrites();
  const parse = await startParse(file, store.savedMappings(), { maxRecordBytes: opts.maxRecordBytes, length });
  const head = parse.header;
  if (head.type === 'unreadable') {
    report.errors.push(...head.errors, { line: head.line, message: `${display}: ${head.message}` });
    report.skipped = head.errors.length;
    return report;
  }
  report.format = head.format;
  if (head.encoding !== 'utf-8') report.encoding = head.encoding;
  for (const note of head.notes) report.warnings.push({ line: 0, message: note });
  const vendor = head.mapping.vendor || vendorFromFileName(display);
  const mapping: Mapping = { ...head.mapping, vendor };
  report.vendor = vendor;

  const errors = new RowMessages();
  const warnings = new RowMessages();
  const dedup = opts.dedup ?? loadDedupState(store);
  const { segmentStart, firstRowid } = await (async () => {
    try {
      return store.begin(Math.round(head.bytesTotal / 300));
    } catch (e) {
      await parse.stop();
      throw e;
    }
  })();
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
      encoding: head.encoding,
      mapping,
    });
    report.sourceId = srcId;

    const target = { store, srcId, vendor, dedup, firstRowid, errors, warnings };
    const storeBatch = (b: PreparedBatch) => {
      const r = ingestBatch(target, b);
      report.imported += r.imported;
      report.duplicates += r.duplicates;
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
    throw isDatabaseFull(e) ? caseFullError(e, display, report.imported) : e;
  }
  await parse.stop();
  report.skipped = errors.total;
  report.errors = errors.finish();
  report.warnings.push(...warnings.finish());
  const changed = changedWhileRead(file, display, start);
  if (changed) report.warnings.push({ line: 0, message: changed });
  opts.onProgress?.(head.bytesTotal, head.bytesTotal, report.imported);
  return report;
}

/** Says so when the file is not as it was when the import started (it grew, shrank or was rewritten). */
function changedWhileRead(file: string, display: string, start: fs.Stats): string | null {
  let now: fs.Stats;
  try {
    now = fs.statSync(file);
  } catch (e) {
    return `${display} went away during import (${(e as Error).message}): its first ${start.size} bytes were imported and hashed`;
  }
  if (now.size > start.size) {
    return `${display} grew during import (${start.size} bytes at the start, ${now.size} now): only its first ${start.size} bytes were imported and hashed; import it again later for the rest`;
  }
  if (now.size < start.size) {
    return `${display} shrank during import (${start.size} bytes at the start, ${now.size} now): the stored SHA-256 is of its first ${start.size} bytes as they were then`;
  }
  if (now.mtimeMs !== start.mtimeMs) {
    return `${display} was modified during import: the stored SHA-256 is of its bytes when the import started; check the file and import it again`;
  }
  return null;
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
