// A filter as one plain sentence, for people reading an export's manifest or the export dialog.
import type { EventQuery } from './query';

export function describeQuery(q: EventQuery, selected?: number): string {
  if (selected !== undefined) return `the ${selected} selected event${selected === 1 ? '' : 's'}`;
  const parts: string[] = [];
  for (const c of q.where ?? []) {
    parts.push(c.op === 'eq' ? `${c.field} is "${c.value}"` : `${c.field} contains "${c.value}"`);
  }
  if (q.q?.trim()) parts.push(`the query \`${q.q.trim()}\` matches`);
  for (const w of (q.text ?? '').split(/\s+/).filter(Boolean)) parts.push(`some field contains "${w}"`);
  if (q.search?.trim()) parts.push(`the raw record matches the full-text search "${q.search.trim()}"`);
  if (q.tag) parts.push(`the event is tagged "${q.tag}"`);
  if (q.bookmarked) parts.push('the event is bookmarked');
  if (q.noted) parts.push('the event has a note');
  if (q.finding) parts.push(`detection rule ${q.finding} matched the event`);
  if (q.from) parts.push(`time is at or after ${q.from}`);
  if (q.to) parts.push(`time is before ${q.to}`);
  const order = q.order === 'desc' ? 'newest first' : 'oldest first';
  return parts.length ? `events where ${parts.join(' and ')}, ${order}` : `all events of the case, ${order}`;
}
