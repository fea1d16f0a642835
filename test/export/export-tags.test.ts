// Exporting by tag or bookmark, and the manifest listing what the investigator said about the rows.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import { cli } from '../helpers/cli';

test('export --tag and --bookmarked write only those events, with their tags, notes and bookmarks in the manifest', () => {
  const casePath = path.join(tempDir(), 'tags.auditdesk');
  assert.equal(cli(['import', casePath, path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log'), '--json']).code, 0);
  const { events } = JSON.parse(cli(['query', casePath, '--json', '--limit', '5']).stdout) as { events: { id: string; raw: string }[] };
  const [a, b, c] = events;
  assert.equal(cli(['annotate', casePath, a.id, '--tag', 'suspicious', '--note', 'first login from a new device']).code, 0);
  assert.equal(cli(['annotate', casePath, b.id, '--tag', 'suspicious', '--bookmark']).code, 0);
  assert.equal(cli(['annotate', casePath, c.id, '--bookmark']).code, 0);

  const byTag = path.join(tempDir(), 'by-tag');
  const r = cli(['export', casePath, '--tag', 'suspicious', '--format', 'jsonl', '--raw', '--out', byTag, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const lines = fs
    .readFileSync(
      path.join(
        byTag,
        fs.readdirSync(byTag).find((f) => f.startsWith('events'))!,
      ),
      'utf8',
    )
    .split('\n')
    .filter(Boolean);
  assert.deepEqual(lines, [a.raw, b.raw]);
  const m = JSON.parse(fs.readFileSync(path.join(byTag, 'manifest.json'), 'utf8'));
  assert.equal(m.filter.query.tag, 'suspicious');
  assert.match(m.filter.sentence, /suspicious/);
  assert.deepEqual(m.tags, [
    { event: a.id, tag: 'suspicious' },
    { event: b.id, tag: 'suspicious' },
  ]);
  assert.deepEqual(m.notes, [{ event: a.id, note: 'first login from a new device' }]);
  assert.deepEqual(m.bookmarks, [b.id]);
  assert.equal(cli(['verify', byTag]).code, 0);

  const marked = path.join(tempDir(), 'bookmarked');
  assert.equal(cli(['export', casePath, '--bookmarked', '--format', 'csv', '--normalized', '--out', marked]).code, 0);
  const mm = JSON.parse(fs.readFileSync(path.join(marked, 'manifest.json'), 'utf8'));
  assert.deepEqual(
    mm.rows.map((row: { id: string }) => row.id),
    [b.id, c.id],
  );
  assert.deepEqual(mm.bookmarks, [b.id, c.id]);
});
