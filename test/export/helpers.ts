// Shared by the export tests: run the written verify.mjs with node, and read a manifest.
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import { spawnSync } from 'node:child_process';

export const sha256 = (b: Buffer | string) => crypto.createHash('sha256').update(b).digest('hex');

export interface VerifyOutput {
  code: number;
  ok: boolean;
  rows: number;
  problems: string[];
  notes: string[];
  rowsComparedWithSources: number;
}

/** The standalone script, run exactly as an auditor would: `node DIR/verify.mjs DIR [--sources S] --json`. */
export function runVerifyMjs(dir: string, sources?: string): VerifyOutput {
  const r = spawnSync(process.execPath, [path.join(dir, 'verify.mjs'), dir, ...(sources ? ['--sources', sources] : []), '--json'], { encoding: 'utf8' });
  return { code: r.status ?? -1, ...(JSON.parse(r.stdout) as Omit<VerifyOutput, 'code'>) };
}

export interface ManifestRowT {
  row: number;
  id: string;
  sha256: string;
  rawSha256?: string;
  source: number;
  neutralised?: string[];
  redacted?: string[];
}

export function readManifest(dir: string): {
  data: { file: string; rows: number; sha256: string; framing: { kind: string; prefix: string; separator: string; suffix: string } };
  sources: { name: string; sha256: string; rows: number; importedAt: string }[];
  rows: ManifestRowT[];
  filter: { query: unknown; sentence: string };
  neutralisation: { cells: number };
  redactions: { fields: string[]; rows: Record<string, number> };
  auditdesk: string;
  tags: unknown[];
  notes: unknown[];
} {
  return JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8'));
}
