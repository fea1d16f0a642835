// The generated cases the feature screenshots are staged on: each a folder to copy per scene, and the
// case in it that serve opens.
import fs from 'node:fs';
import path from 'node:path';
import { cli } from '../../test/helpers/cli';
import { opboxJsonl } from '../../test/helpers/generate';
import { writeMultiVendorCase } from '../../test/investigate/multi-vendor';
import type { CaseKind } from './scenes';

export interface ShotCase {
  /** The folder copied for each scene. */
  root: string;
  /** The case serve starts with, relative to root. */
  start: string;
}

function importInto(casePath: string, files: string[]): void {
  const r = cli(['import', casePath, ...files, '--json']);
  if (r.code !== 0) throw new Error(`import into ${casePath} failed: ${r.stderr}`);
}

/** opbox events re-dated: 2,000 in early 2012, one in mid 2016, 50 in late 2024 (two runs of empty years). */
function decadeFile(file: string): void {
  const times = [
    ...Array.from({ length: 2000 }, (_, i) => Date.UTC(2012, 0, 3) + i * 3_600_000),
    Date.UTC(2016, 6, 1),
    ...Array.from({ length: 50 }, (_, i) => Date.UTC(2024, 10, 1) + i * 86_400_000),
  ];
  const lines = opboxJsonl(times.length).trim().split('\n');
  const dated = lines.map((l, i) => JSON.stringify({ ...(JSON.parse(l) as object), createdAt: new Date(times[i]).toISOString() }));
  fs.writeFileSync(file, `${dated.join('\n')}\n`);
}

export function makeCases(dir: string): Record<CaseKind, ShotCase> {
  fs.mkdirSync(path.join(dir, 'files'), { recursive: true });
  const files = writeMultiVendorCase(path.join(dir, 'files'), 100).files;
  const multi = { root: path.join(dir, 'multi'), start: 'investigation.auditdesk' };
  importInto(path.join(multi.root, multi.start), files);

  const decade = { root: path.join(dir, 'decade'), start: 'decade.auditdesk' };
  const decadeLog = path.join(dir, 'files', 'opbox-audit-2012-2024.jsonl');
  decadeFile(decadeLog);
  importInto(path.join(decade.root, decade.start), [decadeLog]);

  // A cases folder with a case at its top and one in a sub-folder, for the picker's Browse… and recent list.
  const cases = { root: path.join(dir, 'cases'), start: 'incident-2026-03.auditdesk' };
  importInto(path.join(cases.root, cases.start), files.slice(0, 2));
  importInto(path.join(cases.root, 'sub', 'b.auditdesk'), files.slice(2));
  return { multi, decade, cases };
}
