// A remap keeps the whole-case counts up (whole-case-tally.ts): each rewritten row's old values go out
// and its new ones in, so the first unfiltered look after it reads the counts instead of counting the
// case again. A real Kubernetes audit log is remapped next to a real Okta log that stays as it was.
import test, { type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { freshEngine, writeFile } from '../helpers/engine';
import { opboxJsonl } from '../helpers/generate';
import { CORPUS_DIR } from '../helpers/paths';
import { CaseStore } from '../../src/main/engine/store/case-store';
import { remapSource } from '../../src/main/engine/remap-source';
import { countRows, wholeCaseHead } from '../../src/main/engine/investigate/whole-case';
import { facets, summarize } from '../../src/main/engine/investigate/overview';
import { Engine } from '../../src/main/engine/engine';
import { FACET_FIELDS } from '../../src/shared/investigate';
import type { Mapping } from '../../src/shared/mapping';
import type { EventQuery } from '../../src/shared/query';

const K8S = path.join(CORPUS_DIR, 'kubernetes/audit2rbac_demo.log');
const OKTA = path.join(CORPUS_DIR, 'okta/elastic_okta_system_events.log');
/** Every row passes it (untimed rows sort after any time), but it is a filter: metrics and facets are counted from the rows. */
const EVERY_ROW: EventQuery = { from: '1970-01-01T00:00:00Z' };

/**
 * A case of the two logs (the Kubernetes one most of it), or with `generated` events beside them (then
 * it is a small part), imported by the engine (which keeps and saves the counts), opened as a store.
 */
async function caseOfLogs(generated = 0): Promise<{ store: CaseStore; k8s: number; casePath: string }> {
  const { engine, dir, casePath } = await freshEngine();
  const paths = [K8S, OKTA, ...(generated ? [writeFile(dir, 'opbox.jsonl', opboxJsonl(generated, 3))] : [])];
  const r = await engine.importFiles({ paths });
  assert.deepEqual(
    r.files.map((f) => f.imported),
    [37, 20, ...(generated ? [generated] : [])],
  );
  engine.close();
  const store = await CaseStore.open(casePath);
  return { store, k8s: store.sources().find((s) => s.name === 'audit2rbac_demo.log')!.id, casePath };
}

/**
 * The Kubernetes log read another way: the impersonated user as actor (absent on some records, and the
 * actor type follows it), the resource as action, the response status as outcome.
 */
function remapped(store: CaseStore, id: number): Mapping {
  const m = store.sourceMapping(id);
  return {
    ...m,
    origin: 'saved',
    fields: { ...m.fields, actor: ['impersonatedUser.username'], action: ['objectRef.resource'], outcome: ['responseStatus.status'] },
  };
}

const overview = (store: CaseStore, q: EventQuery) => ({ summary: summarize(store, q), facets: facets(store, q, FACET_FIELDS, 50) });
const values = (o: ReturnType<typeof overview>, field: string) => o.facets.find((f) => f.field === field)!.values;

async function keptThroughRemap(t: TestContext, generated: number): Promise<void> {
  const { store, k8s, casePath } = await caseOfLogs(generated);
  assert.ok(store.wholeCaseHead(), 'the import kept counts');
  const before = overview(store, {});

  await remapSource(store, k8s, remapped(store, k8s));
  const kept = store.wholeCaseHead();
  assert.ok(kept, 'the counts were kept through the remap (the overview need not count the rows)');
  assert.deepEqual(kept, countRows(store)!.head(), 'the kept counts are those of the rows');

  const after = overview(store, {});
  for (const field of ['actor', 'action', 'outcome', 'actorType'])
    assert.notDeepEqual(values(after, field), values(before, field), `the remap changed ${field}`);
  assert.ok(!values(after, 'actor').some((v) => v.value === 'system:admin'), 'an actor no row has any more is gone');
  assert.notEqual(after.summary.distinctActors, before.summary.distinctActors);
  assert.deepEqual(after, overview(store, EVERY_ROW), 'the unfiltered overview is what the rows say');
  store.close();

  // Reopened: the counts saved with the remap are read back, and the engine answers from them.
  const reopened = await CaseStore.open(casePath);
  try {
    assert.deepEqual(reopened.wholeCaseHead(), kept, 'the case file holds the counts as the remap left them');
  } finally {
    reopened.close();
  }
  const engine = new Engine(() => {});
  t.after(() => engine.close());
  await engine.openCase({ path: casePath });
  assert.deepEqual(await engine.summarize({}), await engine.summarize(EVERY_ROW));
  assert.deepEqual(
    await engine.facets({ query: {}, fields: [...FACET_FIELDS], limit: 50 }),
    await engine.facets({ query: EVERY_ROW, fields: [...FACET_FIELDS], limit: 50 }),
  );
}

test('a remap keeps the whole-case counts: they equal a recount, answer the overview and are saved', async (t) => {
  // The old values are read by a scan of the table when the source is most of the case, else along its index.
  await t.test('the source is most of the case', (t) => keptThroughRemap(t, 0));
  await t.test('the source is a small part of the case', (t) => keptThroughRemap(t, 400));
});

/** Runs a remap that fails after its rows were rewritten (as a full disk would, before the commit). */
async function failingRemap(store: CaseStore, id: number): Promise<void> {
  const updateSource = store.updateSource;
  store.updateSource = () => {
    throw new Error('no space left on device');
  };
  try {
    await assert.rejects(remapSource(store, id, remapped(store, id)), /no space left/);
  } finally {
    store.updateSource = updateSource;
  }
}

test('a remap that fails leaves the counts as they were, saved or only just made from the rows', async (t) => {
  const { store, k8s } = await caseOfLogs();
  t.after(() => store.close());
  const saved = store.wholeCaseHead();
  assert.ok(saved);
  await failingRemap(store, k8s);
  assert.deepEqual(store.wholeCaseHead(), saved, 'the counts read from the case file are unchanged');
  assert.deepEqual(saved, countRows(store)!.head(), 'and the rows are as they were');

  // Counts made from the rows and not saved yet (a case from before they were kept, just looked at).
  store.withDb((db) => db.run("DELETE FROM meta WHERE key LIKE 'overview%'"));
  store.save();
  store.dropCaches();
  assert.equal(store.wholeCaseHead(), null);
  const counted = wholeCaseHead(store);
  assert.deepEqual(store.wholeCaseHead(), counted, 'kept in memory');
  await failingRemap(store, k8s);
  assert.deepEqual(store.wholeCaseHead(), counted, 'still kept after the rollback');

  // The same remap, succeeding, goes on from them.
  await remapSource(store, k8s, remapped(store, k8s));
  assert.deepEqual(store.wholeCaseHead(), countRows(store)!.head());
});

test('a remap of a case without counts keeps none: the next unfiltered look counts the rows', async (t) => {
  const { store, k8s } = await caseOfLogs();
  t.after(() => store.close());
  store.withDb((db) => db.run("DELETE FROM meta WHERE key LIKE 'overview%'"));
  store.save();
  store.dropCaches();
  await remapSource(store, k8s, remapped(store, k8s));
  assert.equal(store.wholeCaseHead(), null);
  assert.deepEqual(overview(store, {}), overview(store, EVERY_ROW));
  assert.deepEqual(store.wholeCaseHead(), countRows(store)!.head(), 'counted from the rows and kept');
});
