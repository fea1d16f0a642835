// `auditdesk verify`: runs verify.mjs itself (the file each export gets a copy of), so the CLI and the
// standalone script are one implementation.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { verifyScriptPath } from '../engine/export/verify-script';
import type { Command } from './command';

interface VerifyResult {
  ok: boolean;
  rows: number;
  dataSha256: string | null;
  sourcesChecked: number;
  rowsComparedWithSources: number;
  problems: string[];
  notes: string[];
}

export const verifyCommand: Command = {
  name: 'verify',
  usage: `verify DIR [--sources DIR] [--json]`,
  async run({ casePath: dir, v }) {
    if (!fs.existsSync(path.join(dir, 'manifest.json'))) throw new Error(`${path.resolve(dir)} has no manifest.json: not an AuditDesk export`);
    const mod = (await import(/* @vite-ignore */ pathToFileURL(verifyScriptPath()).href)) as {
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
  },
};
