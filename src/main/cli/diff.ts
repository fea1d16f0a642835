// `auditdesk diff`: the before/after view of one event (its changed paths), or with --history every
// event on the same target in order, each with what changed since the state before it.
import { UsageError, type Command } from './command';
import type { ChangedPath } from '../../shared/investigate';

const show = (v: unknown) => (v === undefined ? '(absent)' : JSON.stringify(v));

function changeLines(changes: ChangedPath[], indent: string): string[] {
  if (!changes.length) return [`${indent}(no changes)`];
  return changes.map((c) =>
    c.kind === 'added'
      ? `${indent}+ ${c.path}: ${show(c.after)}`
      : c.kind === 'removed'
        ? `${indent}- ${c.path}: ${show(c.before)}`
        : `${indent}~ ${c.path}: ${show(c.before)} -> ${show(c.after)}`,
  );
}

export const diffCommand: Command = {
  name: 'diff',
  usage: `diff CASE EVENT_ID [--history] [--json]
                    the event's before/after as changed paths; --history: every event on its target, in order`,
  async run({ engine, casePath, rest, v }) {
    if (rest.length !== 1 || !/^\d+$/.test(rest[0] ?? '')) throw new UsageError('diff needs exactly one EVENT_ID (a number, as query shows it)');
    const id = rest[0];
    await engine.api.openCase({ path: casePath });
    if (v.history) {
      const h = await engine.api.resourceHistory({ id });
      if (v.json) process.stdout.write(`${JSON.stringify(h)}\n`);
      else {
        const lines = [`${h.targetType ?? 'target'} ${h.targetId}: ${h.steps.length} events${h.truncated ? ' (the first ones only)' : ''}`];
        for (const s of h.steps) {
          lines.push(`event ${s.event.id}  ${s.event.time ?? '(no time)'}  ${s.event.actor ?? '-'}  ${s.event.action ?? '-'}  ${s.event.outcome}`);
          lines.push(...changeLines(s.changes, '    '));
        }
        process.stdout.write(`${lines.join('\n')}\n`);
      }
      return 0;
    }
    const d = await engine.api.eventDiff({ id });
    if (v.json) process.stdout.write(`${JSON.stringify(d)}\n`);
    else
      process.stdout.write(
        `${[`event ${d.id}: ${d.changes.length} changed paths (+ added, - removed, ~ changed)`, ...changeLines(d.changes, '  ')].join('\n')}\n`,
      );
    return 0;
  },
};
