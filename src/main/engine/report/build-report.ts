// `buildReport`: the evidence export of every cited event first (through the export room, so its
// manifest is the one `auditdesk verify` checks), then the HTML that states that manifest's hash.
import fs from 'node:fs';
import path from 'node:path';
import { version } from '../../../../package.json';
import type { ReportRequest, ReportSummary } from '../../../shared/report';
import { evidenceDirOf } from '../../../shared/report';
import type { CaseStore } from '../store/case-store';
import { exportEvents, type ExportHooks } from '../export/export-events';
import { MANIFEST_FILE, type ManifestHead, type ManifestRow } from '../export/manifest';
import { collectReport } from './collect';
import { renderReport } from './render-html';

export async function buildReport(store: CaseStore, p: ReportRequest, hooks: ExportHooks): Promise<ReportSummary> {
  const exportsDir = path.join(store.dir, 'exports');
  const file = path.resolve(p.out ?? path.join(exportsDir, `${new Date().toISOString().replace(/[:.]/g, '-')}-report`, 'report.html'));
  if (!/\.html?$/i.test(file)) throw new Error(`${file}: a report is an HTML file: give it a name ending in .html`);
  if (fs.existsSync(file)) throw new Error(`${file} already exists: choose a new file name for the report`);
  const evidenceDir = evidenceDirOf(file);

  const data = collectReport(store, {
    query: p.query ?? {},
    traces: p.traces ?? [],
    diffs: p.diffs ?? [],
    includeFindings: p.includeFindings !== false,
  });
  if (!data.cited.size)
    throw new Error('the report would cite no event: bookmark, tag or note events, choose a trace or a diff, or run the detection rules first');

  // normalized JSONL holds every kind of source (CSV rows included) and the raw record inside each row.
  const summary = await exportEvents(store, { query: {}, ids: [...data.cited.keys()], format: 'jsonl', mode: 'normalized', out: evidenceDir }, hooks);
  const manifest = JSON.parse(fs.readFileSync(path.join(evidenceDir, MANIFEST_FILE), 'utf8')) as ManifestHead & { rows: ManifestRow[] };
  const html = renderReport(
    data,
    {
      dirName: path.basename(evidenceDir),
      manifestSha256: summary.manifestSha256,
      rows: new Map(manifest.rows.map((r) => [r.id, r])),
      sources: manifest.sources,
    },
    { title: p.title?.trim() || `Incident report: ${data.caseName}`, generatedAt: new Date().toISOString(), version },
  );
  // Written whole or not at all: a half-written report must never be taken for the report.
  const tmp = `${file}.partial`;
  fs.writeFileSync(tmp, html, { mode: 0o600 });
  fs.renameSync(tmp, file);

  const rel = path.relative(exportsDir, file).split(path.sep);
  return {
    file,
    evidenceDir,
    manifestSha256: summary.manifestSha256,
    events: data.cited.size,
    download: rel.length === 2 && !rel.includes('..') ? rel.join('/') : null,
  };
}
