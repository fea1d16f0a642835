// Writes the events a filter (or a selection) matches to a folder: the data file, manifest.json,
// SHA256SUMS and a standalone verify.mjs. Rows stream from the store in query order in batches, so
// the export never holds more than a batch; the data file and every row are hashed as they are written.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { version } from '../../../../package.json';
import type { ExportRequest, ExportSummary } from '../../../shared/export';
import { DATA_FILE, EXPORT_FORMATS, REDACTABLE_FIELDS } from '../../../shared/export';
import { describeQuery } from '../../../shared/describe-query';
import { encodingField, type CaseStore } from '../store/case-store';
import { exportAnnotations } from './export-annotations';
import { NEUTRALISE_PREFIX, NEUTRALISE_RULE } from './csv-cell';
import { csvLayoutFor } from './csv-layout';
import { MANIFEST_FILE, SUMS_FILE, VERIFY_FILE, type ManifestHead, type ManifestRow, type ManifestSource } from './manifest';
import { ManifestFile, syncAndClose, widestHead } from './manifest-file';
import { redactEvent, REDACTION_MARKER } from './redact';
import { RowRefused, formatRow, framingFor } from './row-format';
import { verifyScript } from './verify-script';
import { CsvRowWriter, NORMALIZED_COLUMNS_SQL, RAW_COLUMNS_SQL } from './csv-rows';
import { RowHasher } from './row-hasher';
import type { Framing, CsvLayout } from './row-format';
import type { EventQuery } from '../../../shared/query';
import { parseQuery } from '../../../shared/ql';

export class ExportCancelled extends Error {}

export interface ExportHooks {
  onProgress(rowsDone: number, rowsTotal: number): void;
  isCancelled(): boolean;
}

const BATCH = 4000;
const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

/** Exports each lane has started in this process: tests read it to prove the lane they cover ran. */
export const lanesRun = { fastCsv: 0, perEvent: 0 };

export async function exportEvents(store: CaseStore, req: ExportRequest, hooks: ExportHooks): Promise<ExportSummary> {
  if (!EXPORT_FORMATS.includes(req.format)) throw new Error(`unknown export format "${req.format}"; one of: ${EXPORT_FORMATS.join(', ')}`);
  if (req.mode !== 'raw' && req.mode !== 'normalized') throw new Error(`export mode is raw or normalized, got "${String(req.mode)}"`);
  const redact = req.redact ?? [];
  for (const f of redact) {
    if (!REDACTABLE_FIELDS.includes(f)) throw new Error(`cannot redact "${f}"; one of: ${REDACTABLE_FIELDS.join(', ')}`);
  }
  const query = { ...req.query, limit: undefined, offset: undefined };
  delete query.limit;
  delete query.offset;
  const ids = req.ids?.map((id) => {
    if (!/^\d+$/.test(id)) throw new Error(`"${id}" is not an event id`);
    return Number(id);
  });
  const dir = path.resolve(req.out ?? path.join(store.dir, 'exports', new Date().toISOString().replace(/[:.]/g, '-')));
  if (fs.existsSync(dir) && fs.readdirSync(dir).length) throw new Error(`${dir} is not empty: export into a new or empty folder`);
  const { count: total, sourceIds } = store.matching(query, ids);

  const sourceIndex = new Map<number, number>();
  const sources: ManifestSource[] = sourceIds.map((id, index) => {
    sourceIndex.set(id, index);
    const s = store.source(id);
    return {
      index,
      kind: 'file',
      name: s.name,
      path: s.path,
      originalName: s.originalName,
      sha256: s.sha256,
      format: s.format,
      vendor: s.vendor,
      importedAt: s.importedAt,
      gzip: store.sourceGzip(id),
      ...encodingField(store.sourceEncoding(id)),
      rows: 0,
    };
  });
  if (req.mode === 'raw' && req.format !== 'csv') {
    const csv = sources.find((s) => s.format.startsWith('csv'));
    if (csv) {
      throw new Error(
        `raw ${req.format.toUpperCase()} holds JSON records, but some of these events are CSV rows from ${csv.name}: export them as CSV (their original rows) or normalized (the event model)`,
      );
    }
  }
  const layout = req.format === 'csv' && req.mode === 'raw' ? csvLayoutFor(sources) : null;
  const framing = framingFor(req.format, req.mode, layout);

  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const dataName = DATA_FILE[req.format];
  const dataPath = path.join(dir, dataName);
  const dataFd = fs.openSync(dataPath, 'w', 0o600);
  const sentence = describeQuery(query, ids?.length);
  const annotations = exportAnnotations(store, query, ids);
  const redactedRows: Partial<Record<(typeof redact)[number], number>> = {};
  const headOf = (c: { rows: number; bytes: number; sha256: string; neutralisedCells: number; neutralisedRows: number }): ManifestHead => ({
    kind: 'auditdesk-evidence-export',
    manifestVersion: 1,
    auditdesk: version,
    exportedAt: new Date().toISOString(),
    case: { name: store.name, path: store.dir },
    filter: { query, ...(query.q !== undefined ? { tree: parseQuery(query.q) } : {}), ...(req.ids ? { ids: req.ids } : {}), sentence },
    data: { file: dataName, format: req.format, mode: req.mode, framing, rows: c.rows, bytes: c.bytes, sha256: c.sha256 },
    sources,
    neutralisation: {
      prefix: NEUTRALISE_PREFIX,
      rule: req.format === 'csv' ? NEUTRALISE_RULE : 'JSON exports are never neutralised',
      // Header names count too; data.framing.neutralisedHeader lists them with the header as the source has it.
      cells: c.neutralisedCells + (framing.neutralisedHeader?.columns.length ?? 0),
      rows: c.neutralisedRows,
    },
    redactions: { marker: REDACTION_MARKER, fields: redact, rows: redactedRows },
    ...annotations,
    annotationsNote:
      'Bookmarks, tags and notes put on the exported events in AuditDesk, by event id (rows[].id): what the investigator said, not part of the evidence.',
    howToVerify: `node ${VERIFY_FILE} [--sources DIR]  (or: sha256sum -c ${SUMS_FILE}; see "Evidence" in the AuditDesk README)`,
  });
  const manifest = new ManifestFile(
    path.join(dir, MANIFEST_FILE),
    widestHead(headOf({ rows: 0, bytes: 0, sha256: '', neutralisedCells: 0, neutralisedRows: 0 }), total),
  );
  const rowsFd = manifest.fd;
  const dataHash = crypto.createHash('sha256');
  let dataBytes = 0;
  const writeData = (text: string) => {
    const buf = Buffer.from(text, 'utf8');
    dataHash.update(buf);
    fs.writeSync(dataFd, buf);
    dataBytes += buf.length;
  };

  let rows = 0;
  let neutralisedCells = 0;
  let neutralisedRows = 0;
  let redactedAny = 0;
  let dataSha256: string;
  try {
    const fast =
      req.format === 'csv' && !redact.length
        ? await streamCsv(store, query, ids, req.mode, layout, framing, sources, sourceIndex, dataFd, rowsFd, total, hooks)
        : null;
    if (fast) {
      ({ rows, neutralisedCells, neutralisedRows, dataBytes, dataSha256 } = fast);
    } else {
      lanesRun.perEvent++;
      writeData(framing.prefix);
      let dataChunk: string[] = [];
      let rowChunk: string[] = [];
      const flush = () => {
        if (dataChunk.length) writeData(dataChunk.join(''));
        if (rowChunk.length) fs.writeSync(rowsFd, rowChunk.join(''));
        dataChunk = [];
        rowChunk = [];
      };
      let lastProgress = 0;
      hooks.onProgress(0, total);
      for (const { event: stored, rawBytes, srcId } of store.eachEvent(query, { ids, diff: req.mode === 'normalized' })) {
        const { event, redacted } = redactEvent(stored, redact);
        let formatted;
        try {
          formatted = formatRow(event, rows + 1, req.format, req.mode, layout);
        } catch (e) {
          if (e instanceof RowRefused) {
            const p = stored.provenance;
            const where = p.kind === 'file' ? `${p.originalName ?? p.path} line ${p.line}` : `${p.url} page ${p.page}`;
            throw new Error(`row ${rows + 1} (event ${stored.id}, from ${where}) ${e.message}`);
          }
          throw e;
        }
        const text = formatted.text;
        rows++;
        const rowSha = sha256(text);
        const entry: ManifestRow = { row: rows, id: stored.id, sha256: rowSha, source: 0 };
        const altered = req.mode === 'normalized' || text !== stored.raw;
        if (altered) entry.rawSha256 = sha256(rawBytes);
        const p = stored.provenance;
        entry.source = sourceIndex.get(srcId) ?? 0;
        sources[entry.source].kind = p.kind;
        if (p.kind === 'file') Object.assign(entry, { line: p.line, offset: p.offset, length: p.length });
        else Object.assign(entry, { url: p.url, page: p.page, index: p.index });
        if (formatted.neutralised.length) {
          entry.neutralised = formatted.neutralised;
          neutralisedCells += formatted.neutralised.length;
          neutralisedRows++;
        }
        if (redacted.length) {
          entry.redacted = redacted;
          redactedAny++;
          for (const f of redacted) redactedRows[f] = (redactedRows[f] ?? 0) + 1;
        }
        sources[entry.source].rows++;
        dataChunk.push(rows === 1 ? text : framing.separator + text);
        rowChunk.push(rows === 1 ? JSON.stringify(entry) : `,\n${JSON.stringify(entry)}`);
        if (rows % BATCH === 0) {
          flush();
          const now = Date.now();
          if (now - lastProgress > 100) {
            lastProgress = now;
            hooks.onProgress(rows, total);
          }
          // Let the worker answer other calls (and a cancel) between batches.
          await new Promise((r) => setImmediate(r));
          if (hooks.isCancelled()) throw new ExportCancelled('export cancelled');
        }
      }
      flush();
      writeData(framing.suffix);
      dataSha256 = dataHash.digest('hex');
    }
    if (rows !== total) throw new Error(`the case changed during export (${rows} rows written, ${total} expected)`);
  } catch (e) {
    // Either lane: a failed or cancelled export leaves no partial folder behind.
    fs.closeSync(dataFd);
    manifest.abandon();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  // The data file's sync runs while the manifest is finished (its own sync and hash).
  const [, manifestSha256] = await Promise.all([
    syncAndClose(dataFd),
    manifest.finish(headOf({ rows, bytes: dataBytes, sha256: dataSha256, neutralisedCells, neutralisedRows })),
  ]);

  const verifier = verifyScript();
  fs.writeFileSync(path.join(dir, VERIFY_FILE), verifier, { mode: 0o644 });
  const sums = [`${dataSha256}  ${dataName}`, `${manifestSha256}  ${MANIFEST_FILE}`, `${sha256(verifier)}  ${VERIFY_FILE}`];
  fs.writeFileSync(path.join(dir, SUMS_FILE), `${sums.join('\n')}\n`, { mode: 0o644 });
  hooks.onProgress(rows, total);
  return {
    dir,
    files: [dataName, MANIFEST_FILE, SUMS_FILE, VERIFY_FILE],
    dataFile: dataName,
    rows,
    dataSha256,
    manifestSha256,
    format: req.format,
    mode: req.mode,
    filter: sentence,
    neutralisedCells: neutralisedCells + (framing.neutralisedHeader?.columns.length ?? 0),
    redactedRows: redactedAny,
    framing: framing.description,
  };
}

// Small enough that a batch's rows die young (fewer old-generation collections), large enough for few segment reads.
const FAST_BATCH = 2048;

/**
 * CSV rows straight from the store's columns and segment, a batch at a time: this thread writes each
 * row's cells before its record, a second thread (row-hasher.ts) adds the record, hashes and writes
 * while the next batch is formatted. Same bytes as the per-event lane. Null when the store cannot
 * hand out column bytes; the caller takes the per-event lane.
 */
async function streamCsv(
  store: CaseStore,
  query: EventQuery,
  ids: number[] | undefined,
  mode: 'raw' | 'normalized',
  layout: CsvLayout | null,
  framing: Framing,
  sources: ManifestSource[],
  sourceIndex: Map<number, number>,
  dataFd: number,
  rowsFd: number,
  total: number,
  hooks: ExportHooks,
): Promise<{ rows: number; neutralisedCells: number; neutralisedRows: number; dataBytes: number; dataSha256: string } | null> {
  const writer = new CsvRowWriter(store, mode, layout, sources, sourceIndex);
  const columns = mode === 'normalized' ? NORMALIZED_COLUMNS_SQL : RAW_COLUMNS_SQL;
  const batches = store.entryBatches(query, { ids, ...columns, batch: FAST_BATCH, spare: writer.spareEntries });
  if (!batches) return null;
  lanesRun.fastCsv++;
  const hasher = new RowHasher(dataFd, rowsFd, framing, (heads, entries) => writer.recycle(heads, entries));
  try {
    let lastProgress = 0;
    hooks.onProgress(0, total);
    for await (const batch of batches) {
      await hasher.push(writer.writeBatch(batch));
      const now = Date.now();
      if (now - lastProgress > 100) {
        lastProgress = now;
        hooks.onProgress(writer.state.rows, total);
      }
      // Let the worker answer other calls (and a cancel) between batches.
      await new Promise((r) => setImmediate(r));
      if (hooks.isCancelled()) throw new ExportCancelled('export cancelled');
    }
    const { sha256: dataSha256, bytes: dataBytes } = await hasher.finish();
    return { ...writer.state, dataBytes, dataSha256 };
  } finally {
    hasher.close();
  }
}
