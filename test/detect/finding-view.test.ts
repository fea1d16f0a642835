// A saved view keeps a finding filter (the rule's id and title for its chip), as it keeps a tag filter.
import test from 'node:test';
import assert from 'node:assert/strict';
import { freshEngine } from '../helpers/engine';

test('a saved view with a finding chip reopens with it', async (t) => {
  const { engine } = await freshEngine();
  t.after(() => engine.close());
  const filters = { text: '', search: '', from: '', to: '', columns: {}, chips: [], tag: '', bookmarked: false, noted: false, order: 'asc' as const };
  const withFinding = { ...filters, finding: '905d389b-b853-46d0-9d3d-dea0d3a3cd49', findingTitle: 'AWS STS AssumeRole Misuse' };
  await engine.saveView({ name: 'assume role', state: { filters: withFinding, hiddenColumns: [] } });
  await engine.saveView({ name: 'plain', state: { filters, hiddenColumns: [] } });
  const views = await engine.listViews();
  assert.deepEqual(views.find((v) => v.name === 'assume role')?.state.filters, withFinding);
  assert.deepEqual(views.find((v) => v.name === 'plain')?.state.filters, filters);
});
