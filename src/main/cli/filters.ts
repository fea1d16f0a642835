// The filter flags of query, facets and export, parsed once: --q, --where, --text, --search, --from, --to,
// --tag, --bookmarked, --noted, --finding. Only the flags given appear in the query.
import { parseCondition, type EventQuery } from '../../shared/query';
import { UsageError, type Values } from './command';
import { checkedQuery } from './query-language';

export function filterQuery(v: Values, command: string): EventQuery {
  try {
    if ((v.tag?.length ?? 0) > 1) throw new Error(`${command} takes one --tag`);
    const where = (v.where ?? []).map(parseCondition);
    return {
      ...(where.length ? { where } : {}),
      ...(v.q !== undefined ? { q: checkedQuery(v.q) } : {}),
      ...(v.text !== undefined ? { text: v.text } : {}),
      ...(v.search ? { search: v.search } : {}),
      ...(v.from !== undefined ? { from: v.from } : {}),
      ...(v.to !== undefined ? { to: v.to } : {}),
      ...(v.tag?.length ? { tag: v.tag[0] } : {}),
      ...(v.bookmarked ? { bookmarked: true } : {}),
      ...(v.noted ? { noted: true } : {}),
      ...(v.finding ? { finding: v.finding } : {}),
    };
  } catch (e) {
    throw e instanceof UsageError ? e : new UsageError((e as Error).message);
  }
}
