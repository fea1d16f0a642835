// `auditdesk export`: the events of a filter or a selection to a folder with manifest.json and verify.mjs.
import path from 'node:path';
import { EXPORT_FORMATS, REDACTABLE_FIELDS, type ExportFormat, type RedactableField } from '../../shared/export';
import { progressPrinter } from './progress';
import { UsageError, type Command } from './command';
import { filterQuery } from './filters';

export const exportCommand: Command = {
  name: 'export',
  usage: `export CASE [--q QUERY] [--where ...] [--text WORDS] [--search Q] [--from T] [--to T] [--tag T] [--bookmarked]
                      [--noted] [--finding RULE_ID] [--id ID]...
                      --format json|jsonl|csv [--raw|--normalized] [--redact FIELD]... --out DIR [--json]`,
  async run({ engine, casePath, v }) {
    if (!v.format || !EXPORT_FORMATS.includes(v.format as ExportFormat)) throw new UsageError(`export needs --format ${EXPORT_FORMATS.join('|')}`);
    if (!v.out) throw new UsageError('export needs --out DIR (a new or empty folder)');
    if (v.raw && v.normalized) throw new UsageError('choose one of --raw and --normalized');
    for (const f of v.redact ?? []) {
      if (!REDACTABLE_FIELDS.includes(f as RedactableField)) throw new UsageError(`cannot redact "${f}"; one of: ${REDACTABLE_FIELDS.join(', ')}`);
    }
    const query = filterQuery(v, 'export');
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
  },
};
