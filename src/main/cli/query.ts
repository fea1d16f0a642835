// `auditdesk query`: a page of the events a filter matches; exit 1 when a shown event is damaged.
import { parseSort, SORT_FIELDS, type EventQuery } from '../../shared/query';
import { UsageError, type Command } from './command';
import { filterQuery } from './filters';
import { intOption, out } from './output';

function sortOption(text: string | undefined): Pick<EventQuery, 'sort' | 'order'> {
  if (text === undefined) return {};
  try {
    return parseSort(text);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export const queryCommand: Command = {
  name: 'query',
  usage: `query CASE [--q QUERY] [--where FIELD=VALUE]... [--where FIELD~TEXT]... [--text WORDS] [--search Q]
                     [--from T] [--to T] [--tag T] [--bookmarked] [--noted] [--finding RULE_ID]
                     [--limit N] [--offset N] [--json]
                     [--sort FIELD[:desc]]  FIELD: time (default), ${SORT_FIELDS.join(', ')}`,
  async run({ engine, casePath, v }) {
    const q: EventQuery = {
      ...filterQuery(v, 'query'),
      ...sortOption(v.sort),
      limit: intOption(v.limit, 'limit') ?? 100,
      offset: intOption(v.offset, 'offset') ?? 0,
    };
    await engine.api.openCase({ path: casePath });
    const res = await engine.queryFull(q);
    out(Boolean(v.json), res, () =>
      [
        `${res.total} events match; showing ${res.events.length} from ${q.offset}`,
        ...res.events.map((e) =>
          [
            e.time ?? '(no time)',
            e.vendor,
            e.actor ?? '-',
            e.action ?? '-',
            e.targetType || e.targetId ? `${e.targetType ?? ''}:${e.targetId ?? ''}` : '-',
            e.outcome,
            e.requestId ?? '-',
          ].join('  '),
        ),
      ].join('\n'),
    );
    const damaged = res.events.filter((e) => e.damaged);
    for (const e of damaged) process.stderr.write(`auditdesk: DAMAGED ${e.damaged}\n`);
    return damaged.length ? 1 : 0;
  },
};
