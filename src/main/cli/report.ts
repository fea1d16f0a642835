// `auditdesk report`: the incident report as one self-contained HTML file, with the evidence export of
// the events it cites beside it (FILE.evidence/) and, with --pdf, FILE.pdf printed by Chromium.
import path from 'node:path';
import { UsageError, type Command } from './command';
import { filterQuery } from './filters';
import { printPdf } from './report-pdf';

export const reportCommand: Command = {
  name: 'report',
  usage: `report CASE --out FILE.html [--pdf] [--q QUERY] [--trace REQID]... [--diff EVENTID]... [--title T] [--no-findings] [--json]
                                             incident report: annotated events, traces, diffs, the filter's histogram and
                                             findings; its events exported to FILE.evidence/, whose manifest hash it states`,
  async run({ engine, casePath, v }) {
    if (!v.out) throw new UsageError('report needs --out FILE.html');
    if (!/\.html?$/i.test(v.out)) throw new UsageError(`--out ${v.out}: the report is an HTML file, name it FILE.html`);
    const query = filterQuery(v, 'report');
    await engine.api.openCase({ path: casePath });
    const r = await engine.api.buildReport({
      out: path.resolve(v.out),
      query,
      traces: v.trace ?? [],
      diffs: v.diff ?? [],
      includeFindings: !v['no-findings'],
      ...(v.title ? { title: v.title } : {}),
    });
    const pdf = v.pdf ? r.file.replace(/\.html?$/i, '.pdf') : null;
    if (pdf) await printPdf(r.file, pdf);
    if (v.json) {
      process.stdout.write(`${JSON.stringify({ ...r, pdf })}\n`);
      return 0;
    }
    process.stdout.write(
      [
        `report of ${r.events} events written to ${r.file}${pdf ? ` and ${pdf}` : ''}`,
        `  evidence: ${r.evidenceDir}`,
        `  manifest.json SHA-256 ${r.manifestSha256} (stated in the report)`,
        `  check it with: auditdesk verify ${r.evidenceDir}   and   sha256sum ${path.join(r.evidenceDir, 'manifest.json')}`,
      ].join('\n') + '\n',
    );
    return 0;
  },
};
