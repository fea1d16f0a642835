// `auditdesk export` and `auditdesk verify`: thin shells over the engine's export and the very
// verify.mjs text written next to every export (so both verifiers are one implementation).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { EngineClient } from './engine/worker/engine-client';
import { parseCondition, type EventQuery } from '../shared/query';
import { EXPORT_FORMATS, REDACTABLE_FIELDS, type ExportFormat, type RedactableField } from '../shared/export';
import { VERIFY_SCRIPT } from './engine/export/verify-script';
import { progressPrinter } from './cli-progress';
import { checkedQuery } from './cli-query';
import type { Values } from './cli';

interface VerifyResult {
  ok: boolean;
  rows: number;
  dataSha256: string | null;
  sourcesChecked: number;
  rowsComparedWithSources: number;
  problems: string[];
  notes: string[];
}

export async function cmdExport(engine: EngineClient, casePath: string, v: Values, UsageError: new (m: string) => Error): Promise<number> {
  if (!v.format || !EXPORT_FORMATS.includes(v.format as ExportFormat)) throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`);
  if (!v.out) throw new UsageError('export needs --out DIR (a new or empty folder)');
  if (v.raw && v.normalized) throw new UsageError('choose one of --raw and --normalized');
  for (const f of v.redact ?? []) {
    if (!REDACTABLE_FIELDS.includes(f as RedactableField)) throw new UsageError(`cannot redact "${f}"; one of: ${REDACTABLE_FIELDS.join(', ')}`);
  }
  let query: EventQuery;
  try {
    if ((v.tag?.length ?? 0) > 1) throw new Error('export takes one --tag');
    query = {
      where: (v.where ?? []).map(parseCondition),
      ...(v.q !== undefined ? { q: checkedQuery(v.q, UsageError) } : {}),
      text: v.text,
      from: v.from,
      to: v.to,
      ...(v.tag?.length ? { tag: v.tag[0] } : {}),
      ...(v.bookmarked ? { bookmarked: true } : {}),
      ...(v.noted ? { noted: true } : {}),
      ...(v.search ? { search: v.search } : {}),
    };
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
  if (!query.where?.length) delete query.where;
  for (const k of ['text', 'from', 'to'] as const) if (query[k] === undefined) delete query[k];
  await engine.api.openCase({ path: casePath });
  const bar = progressPrinter();
  const off = engine.onEvent((e) => {
    if (e.type === 'progress' && e.progress.kind === 'export') bar({ ...e.progress, file: v.out ?? '' });
  });
  const summary = await engine.api.exportEvents({
    query,
    ids: v.id,
    format: v.format as ExportFormat,
    mode: v.normalized ? 'normalized' : 'raw',
    out: path.resolve(v.out),
    redact: (v.redact ?? []) as RedactableField[],
  });
  off();
  bar({ jobId: '', kind: 'export', file: '', fileIndex: 0, fileCount: 1, bytesDone: 1, bytesTotal: 1, events: 0, done: true });
  process.stdout.write(
    v.json
      ? `${JSON.stringify(summary)}\n`
      : [
          `${summary.rows} events (${summary.filter}) written to ${summary.dir}`,
          `  ${summary.dataFile}: ${summary.framing}; SHA-256 ${summary.dataSha256}`,
          `  manifest.json SHA-256 ${summary.manifestSha256} (send this to the recipient separately: it pins the manifest)`,
          ...(summary.neutralisedCells ? [`  ${summary.neutralisedCells} CSV cells neutralised against spreadsheet formulas (listed in the manifest)`] : []),
          ...(summary.redactedRows ? [`  ${summary.redactedRows} rows redacted (listed in the manifest)`] : []),
          `  check it with: auditdesk verify ${summary.dir}   or   node ${path.join(summary.dir, 'verify.mjs')}`,
        ].join('\n') + '\n',
  );
  return 0;
}

/** Runs the verify.mjs text itself (written to a temp file and imported), so the CLI and the standalone script agree. */
export async function cmdVerify(dir: string, v: Values): Promise<number> {
  if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${path.resolve(dir)} has no manifest.json: not an AuditDesk export`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-verify-'));
  const script = path.join(tmp, 'verify.mjs');
  fs.writeFileSync(script, VERIFY_SCRIPT);
  try {
    const mod = (await import(/* @vite-ignore */ pathToFileURL(script).href)) as {
      verifyExport(dir: string, sources: string | null): VerifyResult;
    };
    const r = mod.verifyExport(path.resolve(dir), v.sources ? path.resolve(v.sources) : null);
    if (v.json) process.stdout.write(`${JSON.stringify(r)}\n`);
    else {
      const lines = [...r.problems.map((p) => `FAIL ${p}`), ...r.notes.map((n) => `note ${n}`)];
      lines.push(
        `${r.ok ? 'OK' : 'FAILED'} ${path.resolve(dir)}: ${r.rows} rows` +
          (r.dataSha256 ? `, data SHA-256 ${r.dataSha256}` : '') +
          (v.sources ? `, ${r.rowsComparedWithSources} rows compared with ${r.sourcesChecked} source files` : ''),
      );
      process.stdout.write(`${lines.join('\n')}\n`);
    }
    return r.ok ? 0 : 1;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
