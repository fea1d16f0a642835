// `auditdesk info`: what a case holds, and whether it is read-only or damaged.
import type { Command } from './command';
import { out } from './output';

export const infoCommand: Command = {
  name: 'info',
  usage: `info CASE [--json]`,
  async run({ engine, casePath, v }) {
    const info = await engine.api.openCase({ path: casePath });
    out(
      Boolean(v.json),
      {
        events: info.events,
        sources: info.sources,
        timeRange: info.timeRange,
        path: info.path,
        readOnly: Boolean(info.readOnly),
        ...(info.damaged ? { damaged: info.damaged } : {}),
        ...(info.warnings ? { warnings: info.warnings } : {}),
      },
      () =>
        [
          `${info.path}: ${info.events} events${info.timeRange ? ` from ${info.timeRange.from} to ${info.timeRange.to}` : ''}${info.readOnly ? ' (read-only)' : ''}${info.damaged ? `\n  DAMAGED: ${info.damaged}` : ''}`,
          ...info.sources.map((s) => `  [${s.id}] ${s.name}: ${s.events} events, ${s.vendor}, ${s.format}, sha256 ${s.sha256.slice(0, 16)}…`),
        ].join('\n'),
    );
    return 0;
  },
};
