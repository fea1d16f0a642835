// `auditdesk facets`: the overview's facet panel from the shell, for the same filters as `query`.
import { FACET_FIELDS, type FacetField } from '../../shared/investigate';
import { UsageError, type Command } from './command';
import { filterQuery } from './filters';
import { intOption } from './output';

export const facetsCommand: Command = {
  name: 'facets',
  usage: `facets CASE [--q QUERY] [--where ...] [--text WORDS] [--search Q] [--from T] [--to T] [--tag T] [--bookmarked]
                      [--noted] [--finding RULE_ID] [--field F]... [--limit N] [--json]
                      top values with counts; F: ${FACET_FIELDS.join(' | ')} (default all); N: 1 to 100 (default 8)`,
  async run({ engine, casePath, v }) {
    const q = filterQuery(v, 'facets');
    const limit = intOption(v.limit, 'limit');
    const fields = (v.field ?? []) as FacetField[];
    const unknown = fields.find((f) => !(FACET_FIELDS as readonly string[]).includes(f));
    if (unknown) throw new UsageError(`--field "${unknown}" is not a facet; one of: ${FACET_FIELDS.join(', ')}`);
    if (limit !== undefined && (limit < 1 || limit > 100)) throw new UsageError('--limit takes 1 to 100 for facets');
    await engine.api.openCase({ path: casePath });
    const { total } = await engine.api.summarize(q);
    const facets = await engine.api.facets({ query: q, ...(fields.length ? { fields } : {}), limit: limit ?? 8 });
    if (v.json) {
      process.stdout.write(`${JSON.stringify({ total, facets })}\n`);
      return 0;
    }
    const width = Math.max(1, ...facets.flatMap((f) => f.values.map((x) => String(x.count).length)));
    const lines = [`${total} events match`];
    for (const f of facets) {
      lines.push(`${f.field}:`);
      for (const x of f.values) lines.push(`  ${String(x.count).padStart(width)}  ${x.value ?? '(none)'}`);
      if (!f.values.length) lines.push('  (no events)');
    }
    process.stdout.write(`${lines.join('\n')}\n`);
    return 0;
  },
};
