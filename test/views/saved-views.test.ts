// Saved views: stored in the case by name, validated, renamed, deleted, kept across reopening and
// created on cases written before they existed.
import test from 'node:test';
import assert from 'node:assert/strict';
import { rewriteAsOldCase } from '../helpers/old-case';
import { freshEngine } from '../helpers/engine';
import { Engine } from '../../src/main/engine/engine';
import type { ViewState } from '../../src/shared/views';

const STATE: ViewState = {
  filters: {
    text: 'export',
    search: '"bulk export"',
    from: '2024-03-01',
    to: '2024-03-02',
    columns: { actor: 'ali' },
    chips: [{ field: 'vendor', op: 'eq', value: 'okta' }],
    tag: 'exfil',
    bookmarked: true,
    noted: false,
    order: 'desc',
  },
  hiddenColumns: ['requestId'],
};

test('save, list, refuse duplicates, overwrite, rename, delete; saved with the case', async () => {
  const { engine, casePath } = await freshEngine();
  assert.deepEqual(await engine.listViews(), []);
  const saved = await engine.saveView({ name: '  Okta exports ', state: STATE });
  assert.equal(saved.name, 'Okta exports', 'the name is trimmed');
  assert.deepEqual(saved.state, STATE);
  await assert.rejects(engine.saveView({ name: 'Okta exports', state: STATE }), /already exists/);
  await assert.rejects(engine.saveView({ name: '   ', state: STATE }), /needs a name/);
  await assert.rejects(
    engine.saveView({ name: 'bad', state: { ...STATE, filters: { ...STATE.filters, chips: [{ field: 'password' as never, op: 'eq', value: 'x' }] } } }),
    /unknown field "password"/,
  );
  const replaced = await engine.saveView({ name: 'Okta exports', state: { ...STATE, hiddenColumns: [] }, overwrite: true });
  assert.deepEqual(replaced.state.hiddenColumns, []);
  assert.equal(replaced.createdAt, saved.createdAt, 'replacing keeps when it was first saved');
  await engine.saveView({
    name: 'all failures',
    state: { filters: { ...STATE.filters, chips: [{ field: 'outcome', op: 'eq', value: 'failure' }] }, hiddenColumns: [] },
  });
  assert.deepEqual(
    (await engine.listViews()).map((v) => v.name),
    ['all failures', 'Okta exports'],
    'listed by name, case-insensitively',
  );

  await assert.rejects(engine.renameView({ from: 'Okta exports', to: 'all failures' }), /already exists/);
  await assert.rejects(engine.renameView({ from: 'nope', to: 'x' }), /no view named "nope"/);
  const renamed = await engine.renameView({ from: 'Okta exports', to: 'Okta bulk exports' });
  assert.deepEqual(renamed.state.hiddenColumns, []);
  assert.deepEqual(await engine.deleteView({ name: 'all failures' }), { deleted: true });
  assert.deepEqual(await engine.deleteView({ name: 'all failures' }), { deleted: false });
  engine.close();

  const again = new Engine();
  await again.openCase({ path: casePath });
  const views = await again.listViews();
  assert.deepEqual(
    views.map((v) => v.name),
    ['Okta bulk exports'],
    'saved on close',
  );
  assert.deepEqual(views[0].state.filters, STATE.filters);
  again.close();
});

test('a case written before saved views existed gets the table on open', async () => {
  const { engine, casePath } = await freshEngine();
  engine.close();
  await rewriteAsOldCase(casePath, 'DROP TABLE saved_views');

  const old = new Engine();
  await old.openCase({ path: casePath });
  assert.deepEqual(await old.listViews(), []);
  await old.saveView({ name: 'legacy', state: STATE });
  assert.equal((await old.listViews()).length, 1);
  old.close();
});

test('CLI: auditdesk views CASE lists the saved views', async () => {
  const { engine, casePath } = await freshEngine();
  await engine.saveView({ name: 'okta', state: STATE });
  engine.close();
  const { cli } = await import('../helpers/cli');
  const json = cli(['views', casePath, '--json']);
  assert.equal(json.code, 0, json.stderr);
  assert.deepEqual(
    (JSON.parse(json.stdout) as { views: { name: string; state: ViewState }[] }).views.map((v) => [v.name, v.state]),
    [['okta', STATE]],
  );
  const human = cli(['views', casePath]);
  assert.match(
    human.stdout,
    /^okta\tvendor = okta, actor ~ ali, text "export", search "bulk export", from 2024-03-01, to 2024-03-02, tag exfil, bookmarked, newest first\n$/,
  );
});
