// Before/after diff on real vendor records (Jira, Dropbox, Zoom) and resource history.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { CORPUS_DIR } from '../helpers/paths';
import { changedPaths } from '../../src/main/engine/investigate/changed-paths';

test('changed paths: added, removed, changed, nested and in arrays', () => {
  assert.deepEqual(changedPaths({ a: 1, b: { c: [1, 2] }, gone: true }, { a: 2, b: { c: [1, 3, 4] }, new: 'x' }), [
    { path: 'a', kind: 'changed', before: 1, after: 2 },
    { path: 'b.c[1]', kind: 'changed', before: 2, after: 3 },
    { path: 'b.c[2]', kind: 'added', after: 4 },
    { path: 'gone', kind: 'removed', before: true },
    { path: 'new', kind: 'added', after: 'x' },
  ]);
  assert.deepEqual(changedPaths(null, { key_id: 'k1' }), [{ path: 'key_id', kind: 'added', after: 'k1' }]);
  assert.deepEqual(changedPaths({ '.tag': 'a' }, { '.tag': 'b' }), [{ path: '[".tag"]', kind: 'changed', before: 'a', after: 'b' }]);
  assert.deepEqual(changedPaths({ x: 1 }, { x: 1 }), []);
});

test('real records: Zoom, Jira and Dropbox before/after give their changed paths', async () => {
  const { engine } = await freshEngine();
  for (const f of [
    'zoom/elastic_zoom_webhook_user_events_envelope.json',
    'atlassian_jira/demisto_jira_auditing_records_envelope.json',
    'dropbox/demisto_dropbox_team_log_events_envelope.json',
  ]) {
    await engine.importFiles({ paths: [path.join(CORPUS_DIR, f)] });
  }
  const rows = (await engine.queryEvents({ limit: 1000 })).events;
  const withDiff = rows.filter((r) => r.hasDiff);
  assert.ok(withDiff.length >= 7);

  // Zoom user.settings_updated: the record's own old_object/object say private chat was turned off.
  const settings = withDiff.find((r) => r.vendor === 'zoom' && r.action === 'user.settings_updated' && r.targetId === 'uL34AAbbbbAAAAAAQsQ')!;
  const d = await engine.eventDiff({ id: settings.id });
  assert.deepEqual(d.changes, [{ path: 'settings.in_meeting.private_chat', kind: 'changed', before: true, after: false }]);

  const jira = withDiff.find((r) => r.vendor === 'jira')!;
  assert.deepEqual(
    (await engine.eventDiff({ id: jira.id })).changes.map((c) => [c.path, c.kind]),
    [['email', 'changed']],
  );
  const dropbox = withDiff.find((r) => r.vendor === 'dropbox' && r.action === 'member_change_admin_role')!;
  const dd = await engine.eventDiff({ id: dropbox.id });
  assert.deepEqual(dd.changes, [{ path: '[".tag"]', kind: 'changed', before: 'member_only', after: 'team_admin' }]);

  const plain = rows.find((r) => !r.hasDiff);
  if (plain) await assert.rejects(engine.eventDiff({ id: plain.id }), /carries no before\/after/);
  engine.close();
});

test('resource history: every event on the target, oldest first, diffs between consecutive states', async () => {
  const { engine, dir } = await freshEngine();
  const base = Date.UTC(2025, 2, 13, 10, 0, 0);
  const rec = (id: string, i: number, resource: string, before?: unknown, after?: unknown) => ({
    id,
    created_at: new Date(base + i * 60_000).toISOString(),
    action: before === undefined ? 'key.viewed' : 'key.updated',
    actor: 'dana@acme.dev',
    actor_type: 'human',
    resource,
    metadata: before === undefined ? { note: 'x' } : { before, after },
  });
  const recs = [
    rec('k_0', 0, 'key:key_1', null, { scopes: ['read'], revoked: false }),
    rec('k_1', 1, 'key:key_1'),
    rec('k_other', 1, 'key:key_2', null, { scopes: [] }),
    rec('k_2', 2, 'key:key_1', { scopes: ['read'], revoked: false }, { scopes: ['read', 'write'], revoked: true }),
  ];
  const file = path.join(dir, 'adminconsole.json');
  fs.writeFileSync(file, JSON.stringify({ entries: recs }));
  await engine.importFiles({ paths: [file] });
  const rows = (await engine.queryEvents({ limit: 100 })).events;
  const last = rows.find((r) => r.eventId === 'k_2')!;
  assert.ok(last.targetId, 'the work item is the target');
  const h = await engine.resourceHistory({ id: last.id });
  assert.deepEqual(
    h.steps.map((s) => s.event.eventId),
    ['k_0', 'k_1', 'k_2'],
  );
  assert.deepEqual(
    h.steps.map((s) => s.changes.map((c) => `${c.kind} ${c.path}`)),
    [['added scopes', 'added revoked'], [], ['added scopes[1]', 'changed revoked']],
  );
  engine.close();
});
