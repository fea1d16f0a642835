// `auditdesk trace`: every event of one request id across sources, in order, with offsets and gaps.
import type { FullTrace } from '../engine/worker/engine-client';
import { isFailure } from '../../shared/investigate';
import { fmtMs } from '../../shared/duration';
import { UsageError, type Command } from './command';
import { out } from './output';

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
  usage: `trace CASE REQUEST_ID [--json]`,
  async run({ engine, casePath, rest, v }) {
    if (rest.length !== 1 || !rest[0]) throw new UsageError('trace needs exactly one REQUEST_ID');
    const requestId = rest[0];
    await engine.api.openCase({ path: casePath });
    const trace = await engine.traceFull({ requestId });
    const doc = { requestId, events: trace.events, vendors: trace.vendors, truncated: trace.truncated };
    out(Boolean(v.json), doc, () => humanTrace(requestId, trace));
    return trace.events.length ? 0 : 1;
  },
};
