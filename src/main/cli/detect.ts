// `auditdesk detect`: the bundled Sigma rules (and a folder of the user's) run over a case.
import path from 'node:path';
import type { DetectResult } from '../../shared/detect';
import type { Command } from './command';
import { progressPrinter } from './progress';

export const detectCommand: Command = {
  name: 'detect',
  usage: `detect CASE [--rules DIR] [--json]  Sigma rules (bundled cloud rules, plus DIR's) over the case;
                                             query, facets and export take --finding RULE_ID for a rule's events`,
  async run({ engine, casePath, v }) {
    await engine.api.openCase({ path: casePath });
    const bar = progressPrinter();
    const off = engine.onEvent((e) => {
      if (e.type === 'progress' && e.progress.kind === 'detect') bar({ ...e.progress, file: e.progress.done ? '' : e.progress.file });
    });
    let r: DetectResult;
    try {
      r = await engine.api.detect({ ...(v.rules ? { rulesDir: path.resolve(v.rules) } : {}) });
    } finally {
      off();
    }
    for (const w of r.warnings) process.stderr.write(`auditdesk: ${w}\n`);
    if (v.json) {
      const rules = r.rules.map((x) => ({ id: x.id, title: x.title, level: x.level, hits: x.hits, skipped: x.skipped }));
      process.stdout.write(`${JSON.stringify({ rules, events: r.events })}\n`);
      return 0;
    }
    const ran = r.rules.filter((x) => !x.skipped);
    const hit = ran.filter((x) => x.hits > 0);
    const skipped = r.rules.filter((x) => x.skipped);
    const lines = [`${ran.length} rules run over ${r.events} events: ${hit.length} matched`];
    for (const x of hit) lines.push(`  ${x.level.padEnd(13)} ${String(x.hits).padStart(7)}  ${x.title}  [${x.id}] by ${x.author || 'unknown'}`);
    if (skipped.length) lines.push(`${skipped.length} rules skipped:`);
    for (const x of skipped) lines.push(`  ${x.file}: ${x.skipped}`);
    lines.push(`see a rule's events: auditdesk query ${casePath} --finding RULE_ID`);
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
