// `auditdesk trace`: every event of one request id across sources, in order, with offsets and gaps.
import type { FullTrace } from '../engine/worker/engine-client';
import { isFailure } from '../../shared/investigate';
import { fmtMs } from '../../shared/duration';
import { UsageError, type Command } from './command';
import { out } from './output';
import { checkedQuery } from './query-language';

function humanTrace(requestId: string, trace: FullTrace): string {
  if (!trace.events.length) return `no events with request id ${requestId}`;
  const lines = [`request ${requestId}: ${trace.events.length} events across ${trace.vendors.join(', ')}`];
  for (const e of trace.events) {
    const mark = isFailure(e.outcome) ? '✗' : ' ';
    const offset = e.offsetMs === null ? '(no time)' : `+${fmtMs(e.offsetMs)}`;
    const gap = e.gapMs ? `  (gap ${fmtMs(e.gapMs)})` : '';
    lines.push(`${mark} ${offset.padStart(12)}  ${e.time ?? '-'}  ${e.vendor}  ${e.actor ?? '-'}  ${e.action ?? '-'}  ${e.outcome}${gap}`);
  }
  if (trace.truncated) lines.push('… more events matched; the trace shows the first ones');
  return lines.join('\n');
}

export const traceCommand: Command = {
  name: 'trace',
  usage: `trace CASE REQUEST_ID [--q QUERY] [--json]   --q: only the steps the query matches
trace CASE --q QUERY [--json]                the trace of the oldest event the query matches`,
  async run({ engine, casePath, rest, v }) {
    const q = v.q !== undefined ? checkedQuery(v.q) : undefined;
    if (rest.length > 1 || (!rest[0] && q === undefined)) throw new UsageError('trace needs exactly one REQUEST_ID, or --q QUERY');
    await engine.api.openCase({ path: casePath });
    let requestId = rest[0];
    if (!requestId) {
      const first = (await engine.api.queryEvents({ q, where: [{ field: 'requestId', op: 'contains', value: '' }], limit: 1 })).events[0];
      if (!first) throw new Error(`no event with a request id matches --q ${q}`);
      requestId = first.requestId!;
    }
    const trace = await engine.traceFull({ requestId });
    if (rest[0] && q !== undefined) {
      // Only the steps the query matches; offsets and gaps stay those of the whole trace.
      const ids = new Set(
        (await engine.api.queryEvents({ q, where: [{ field: 'requestId', op: 'eq', value: requestId }], limit: 10_000 })).events.map((e) => e.id),
      );
      trace.events = trace.events.filter((e) => ids.has(e.id));
    }
    const doc = { requestId, events: trace.events, vendors: trace.vendors, truncated: trace.truncated };
    out(Boolean(v.json), doc, () => humanTrace(requestId, trace));
    return trace.events.length ? 0 : 1;
  },
};
