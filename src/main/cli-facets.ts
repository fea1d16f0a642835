// `auditdesk facets`: the overview's facet panel from the shell, for the same filters as `query`.
import type { EngineClient } from './engine/worker/engine-client';
import type { Values } from './cli';
import { FACET_FIELDS, type FacetField } from '../shared/investigate';
import type { EventQuery } from '../shared/query';

type UsageErrorClass = new (message: string) => Error;

export async function cmdFacets(engine: EngineClient, casePath: string, q: EventQuery, v: Values, limit: number | undefined, UsageError: UsageErrorClass): Promise<number> {
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
}
