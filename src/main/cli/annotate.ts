// `auditdesk annotate`: bookmark, tag or note one event.
import { UsageError, type Command } from './command';
import { out } from './output';

export const annotateCommand: Command = {
  name: 'annotate',
  usage: `annotate CASE EVENT_ID [--tag T]... [--untag T]... [--bookmark | --unbookmark] [--note TEXT] [--json]`,
  async run({ engine, casePath, rest, v }) {
    if (rest.length !== 1 || !rest[0]) throw new UsageError('annotate needs exactly one EVENT_ID');
    if (v.bookmark && v.unbookmark) throw new UsageError('--bookmark and --unbookmark exclude each other');
    await engine.api.openCase({ path: casePath });
    const a = await engine.api.annotate({
      id: rest[0],
      ...(v.bookmark ? { bookmarked: true } : v.unbookmark ? { bookmarked: false } : {}),
      ...(v.tag?.length ? { addTags: v.tag } : {}),
      ...(v.untag?.length ? { removeTags: v.untag } : {}),
      ...(v.note !== undefined ? { note: v.note } : {}),
    });
    out(
      Boolean(v.json),
      a,
      () => `event ${a.id}: ${a.bookmarked ? 'bookmarked' : 'not bookmarked'}; tags: ${a.tags.join(', ') || '-'}; note: ${a.note ?? '-'}`,
    );
    return 0;
  },
};
