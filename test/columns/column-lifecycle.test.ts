// The columns follow the table: rows appended by an import, a source's rows rewritten by a remap (or a
// failed one rolled back), and no answers from them while an import's transaction is open.
import test from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { CORPUS_DIR } from '../helpers/paths';
import { assertAgree, battery, storeOf } from './agreement';
import { columnQuery, columnsOf } from '../../src/main/engine/columns/column-path';
import { remapSource } from '../../src/main/engine/remap-source';
import type { Mapping } from '../../src/shared/mapping';
import type { CaseStore } from '../../src/main/engine/store/case-store';

const K8S = path.join(CORPUS_DIR, 'kubernetes/audit2rbac_demo.log');
const OKTA = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');

function remapped(store: CaseStore, id: number): Mapping {
  const m = store.sourceMapping(id);
  return {
    ...m,
    origin: 'saved',
    fields: { ...m.fields, actor: ['impersonatedUser.username'], action: ['objectRef.resource'], outcome: ['responseStatus.status'], time: ['stageTimestamp'] },
  };
}

const check = (store: CaseStore) =>
  assertAgree(
    store,
    battery(store.query({ limit: 10_000 }).events).filter((_, i) => i % 3 === 0),
  );

test('columns read once follow imports, remaps and a failed remap, and stay out of an open import', async (t) => {
  const { engine, dir } = await freshEngine();
  t.after(() => engine.close());
  await engine.importFiles({ paths: [K8S] });
  const store = storeOf(engine);
  const cols = columnsOf(store)!;
  assert.equal(cols.length, 37);

  // Appended on import: the same column set, grown.
  await engine.importFiles({ paths: [OKTA, writeFile(dir, 'opbox.jsonl', opboxJsonl(500, 5))] });
  assert.equal(columnsOf(store), cols, 'appended to, not read again');
  assert.equal(cols.length, 557);
  assert.ok(check(store) > 50);

  // A remap rewrites the Kubernetes source's rows (actor, action, outcome and time change).
  const k8s = store.sources().find((s) => s.name === 'audit2rbac_demo.log')!.id;
  const before = columnQuery(store, { where: [{ field: 'vendor', op: 'eq', value: store.source(k8s).vendor }], limit: 100 })!;
  await engine.saveMapping({ sourceId: k8s, mapping: remapped(store, k8s), reapply: true });
  assert.equal(columnsOf(store), cols, 'the source rebuilt in place');
  const after = columnQuery(store, { where: [{ field: 'vendor', op: 'eq', value: store.source(k8s).vendor }], limit: 100 })!;
  assert.notDeepEqual(
    after.events.map((e) => [e.actor, e.action]),
    before.events.map((e) => [e.actor, e.action]),
  );
  assert.ok(check(store) > 50);

  // A remap that fails before its commit leaves the columns (and the table) as they were.
  const updateSource = store.updateSource;
  store.updateSource = () => {
    throw new Error('no space left on device');
  };
  try {
    await assert.rejects(remapSource(store, k8s, { ...remapped(store, k8s), fields: { ...remapped(store, k8s).fields, actor: ['verb'] } }), /no space left/);
  } finally {
    store.updateSource = updateSource;
  }
  assert.deepEqual(columnQuery(store, { where: [{ field: 'vendor', op: 'eq', value: store.source(k8s).vendor }], limit: 100 }), after);
  assert.ok(check(store) > 50);

  // While an import's transaction is open its rows may roll back: the columns do not answer.
  const { segmentStart } = store.begin(1);
  try {
    assert.equal(columnQuery(store, {}), null);
  } finally {
    store.rollback(segmentStart);
  }
  assert.ok(columnQuery(store, {}));
});
