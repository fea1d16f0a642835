// `auditdesk views`: the case's saved views, each as its filters in words.
import { conditionLabel } from '../../shared/query';
import type { Command } from './command';

export const viewsCommand: Command = {
  name: 'views',
  usage: `views CASE [--json]                the case's saved views`,
  async run({ engine, casePath, v }) {
    await engine.api.openCase({ path: casePath });
    const views = await engine.api.listViews();
    if (v.json) {
      process.stdout.write(`${JSON.stringify({ views })}\n`);
      return 0;
    }
    const lines = views.map((view) => {
      const f = view.state.filters;
      const parts = [
        ...f.chips.map(conditionLabel),
        ...Object.entries(f.columns).map(([k, val]) => `${k} ~ ${val}`),
        f.text && `text "${f.text}"`,
        f.search && `search ${f.search}`,
        f.from && `from ${f.from}`,
        f.to && `to ${f.to}`,
        f.tag && `tag ${f.tag}`,
        f.bookmarked && 'bookmarked',
        f.noted && 'noted',
        f.order === 'desc' && 'newest first',
      ].filter(Boolean);
      return `${view.name}\t${parts.join(', ') || 'all events'}`;
    });
    process.stdout.write(`${lines.length ? lines.join('\n') : 'no saved views'}\n`);
    return 0;
  },
};
