// Mapping fill counts per corpus file: how many records get each model field from the mapping the
// app would choose with no help. The baseline file pins these so a change can only improve them.
import { loadCorpusFile, loadManifest } from './load-records';
import { chooseMapping, compileMapping } from '../../src/main/engine/mapping/index';

export const FILL_FIELDS = ['actor', 'action', 'outcomeKnown', 'ip', 'requestId', 'time', 'target'] as const;
export type FillField = (typeof FILL_FIELDS)[number];
export type FillCounts = { records: number; unknownOutcome: number } & Record<FillField, number>;

export function measureCorpus(): Record<string, FillCounts> {
  const out: Record<string, FillCounts> = {};
  for (const entry of loadManifest()) {
    if (entry.file.includes('INVALID')) continue;
    const records = loadCorpusFile(entry);
    const apply = compileMapping(chooseMapping(records, {}));
    const c: FillCounts = {
      records: records.length,
      actor: 0,
      action: 0,
      outcomeKnown: 0,
      ip: 0,
      requestId: 0,
      time: 0,
      target: 0,
      unknownOutcome: 0,
    };
    for (const r of records) {
      const m = apply(r);
      if (m.actor !== null) c.actor++;
      if (m.action !== null) c.action++;
      if (m.outcome !== 'unknown') c.outcomeKnown++;
      else c.unknownOutcome++;
      if (m.ip !== null) c.ip++;
      if (m.requestId !== null) c.requestId++;
      if (m.timeMs !== null) c.time++;
      if (m.targetId !== null || m.targetType !== null) c.target++;
    }
    out[entry.file] = c;
  }
  return out;
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${Math.round((100 * n) / d)}%`);

/** A markdown table, one row per file, "before → after" where two measurements are given. */
export function fillTable(after: Record<string, FillCounts>, before?: Record<string, FillCounts>): string {
  const head = ['file', 'n', ...FILL_FIELDS];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`];
  for (const [file, a] of Object.entries(after)) {
    const b = before?.[file];
    const cells = FILL_FIELDS.map((f) => {
      const now = pct(a[f], a.records);
      const was = b ? pct(b[f], b.records) : now;
      return was === now ? now : `${was} → **${now}**`;
    });
    lines.push(`| ${file} | ${a.records} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

/** What got worse than the baseline, one line per file and count; empty when nothing did. */
export function regressions(base: Record<string, FillCounts>, now: Record<string, FillCounts>): string[] {
  const out: string[] = [];
  for (const [file, b] of Object.entries(base)) {
    const n = now[file];
    if (!n) {
      out.push(`${file}: no longer measured`);
      continue;
    }
    for (const f of FILL_FIELDS) if (n[f] < b[f]) out.push(`${file}: ${f} filled ${n[f]}, baseline ${b[f]}`);
    if (n.unknownOutcome > b.unknownOutcome) out.push(`${file}: unknown outcome ${n.unknownOutcome}, baseline ${b.unknownOutcome}`);
  }
  return out;
}
