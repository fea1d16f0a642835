// `auditdesk diff`: the before/after of a real Zoom record from the shell, its resource history, and
// the CLI's exit codes (0 done, 1 failed, 2 usage).
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { cli } from '../helpers/cli';
import { CORPUS_DIR, tempDir } from '../helpers/paths';
import type { EventDiff, ResourceHistory } from '../../src/shared/investigate';

test("diff CASE EVENT_ID prints the changed paths, --history the target's events in order; errors exit 1 or 2", () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'z.auditdesk');
  assert.equal(cli(['import', casePath, path.join(CORPUS_DIR, 'zoom/elastic_zoom_webhook_user_events_envelope.json')]).code, 0);
  const rows = (
    JSON.parse(cli(['query', casePath, '--limit', '1000', '--json']).stdout) as {
      events: { id: string; action: string; targetId: string; hasDiff?: boolean }[];
    }
  ).events;
  const settings = rows.find((r) => r.action === 'user.settings_updated' && r.targetId === 'uL34AAbbbbAAAAAAQsQ');
  assert.ok(settings, 'the Zoom settings update is in the case');

  const json = cli(['diff', casePath, settings.id, '--json']);
  assert.equal(json.code, 0, json.stderr);
  const d = JSON.parse(json.stdout) as EventDiff;
  assert.equal(d.id, settings.id);
  assert.deepEqual(d.changes, [{ path: 'settings.in_meeting.private_chat', kind: 'changed', before: true, after: false }]);
  const text = cli(['diff', casePath, settings.id]);
  assert.equal(text.code, 0);
  assert.match(text.stdout, /~ settings\.in_meeting\.private_chat: true -> false/);

  const hist = cli(['diff', casePath, settings.id, '--history', '--json']);
  assert.equal(hist.code, 0, hist.stderr);
  const h = JSON.parse(hist.stdout) as ResourceHistory;
  assert.equal(h.targetId, 'uL34AAbbbbAAAAAAQsQ');
  assert.ok(
    h.steps.some((s) => s.event.id === settings.id),
    "the event is one step of its target's history",
  );
  const times = h.steps.map((s) => s.event.time ?? '');
  assert.deepEqual(times, [...times].sort(), 'oldest first');
  assert.match(cli(['diff', casePath, settings.id, '--history']).stdout, new RegExp(`event ${settings.id} `));

  const plain = rows.find((r) => !r.hasDiff);
  assert.ok(plain, 'the file also has events without states');
  const r = cli(['diff', casePath, plain.id, '--json']);
  assert.equal(r.code, 1);
  assert.match((JSON.parse(r.stdout) as { error: string }).error, /carries no before\/after/);
  assert.equal(cli(['diff', casePath]).code, 2, 'no event id');
  assert.equal(cli(['diff', casePath, 'abc']).code, 2, 'not an event id');
});
