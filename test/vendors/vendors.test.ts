import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { loadSampleFile } from '../helpers/load-records';
import { VENDORS, getDescriptor, loadDescriptor, DescriptorError } from '../../src/main/vendors/index';
import { chooseMapping, compileMapping } from '../../src/main/engine/mapping/index';

const VENDOR_DIR = path.join(REPO_ROOT, 'src/main/vendors');
// The vendors are the folders holding a descriptor; the module must find every one of them.
const IDS = fs
  .readdirSync(VENDOR_DIR)
  .filter((d) => fs.existsSync(path.join(VENDOR_DIR, d, 'descriptor.json')))
  .sort();

test('every vendor folder is loaded and validates', () => {
  assert.ok(IDS.length >= 5, `${IDS.length} vendor folders`);
  assert.deepEqual(VENDORS.map((v) => v.vendor).sort(), IDS);
  for (const id of IDS) assert.equal(getDescriptor(id)?.vendor, id);
});

test('a bad descriptor throws naming the file and the error', () => {
  const good = JSON.parse(fs.readFileSync(path.join(VENDOR_DIR, 'opbox/descriptor.json'), 'utf8')) as Record<string, unknown>;
  assert.throws(
    () =>
      loadDescriptor('opbox/descriptor.json', {
        ...good,
        fields: { tyme: ['createdAt'] },
      }),
    (e: unknown) => e instanceof DescriptorError && /opbox\/descriptor\.json/.test(e.message) && /additional properties/.test(e.message),
  );
  assert.throws(
    () =>
      loadDescriptor('opbox/descriptor.json', {
        ...good,
        outcome: { actionPatterns: [{ pattern: '([', outcome: 'failure' }] },
      }),
    /opbox\/descriptor\.json: .*bad pattern/,
  );
  assert.throws(
    () =>
      loadDescriptor('opbox/descriptor.json', {
        ...good,
        fields: { time: ['a[unclosed'] },
      }),
    /bad path/,
  );
  assert.throws(() => loadDescriptor('invent/descriptor.json', good), /does not match its folder/);
});

test('sync settings in a descriptor: auth required with paging, every {name} of the path labelled', () => {
  const good = JSON.parse(fs.readFileSync(path.join(VENDOR_DIR, 'invent/descriptor.json'), 'utf8')) as Record<string, unknown> & {
    paging: Record<string, unknown>;
  };
  assert.doesNotThrow(() => loadDescriptor('invent/descriptor.json', good));
  const { auth: _auth, ...noAuth } = good;
  assert.throws(() => loadDescriptor('invent/descriptor.json', noAuth), /invent\/descriptor\.json: invalid vendor descriptor: .*auth/);
  assert.throws(() => loadDescriptor('invent/descriptor.json', { ...good, auth: { scheme: 'header', header: 'X Api Key' } }), /invalid vendor descriptor/);
  assert.doesNotThrow(() => loadDescriptor('invent/descriptor.json', { ...good, auth: { scheme: 'header', header: 'X-Api-Key', prefix: 'Token ' } }));
  assert.throws(
    () => loadDescriptor('invent/descriptor.json', { ...good, paging: { ...good.paging, endpoint: '/orgs/{orgId}/{team}/audit-logs' } }),
    /invent\/descriptor\.json: \/paging\/endpoint: \{team\} has no entry in \/pathParams/,
  );
  assert.throws(
    () => loadDescriptor('invent/descriptor.json', { ...good, paging: { ...good.paging, endpoint: '/audit-logs' } }),
    /\/pathParams: orgId not used in \/paging\/endpoint/,
  );
});

function samplesOf(id: string): string[] {
  const dir = path.join(VENDOR_DIR, id, 'samples');
  return fs.readdirSync(dir).map((f) => path.join(dir, f));
}

for (const id of IDS) {
  test(`${id}: every sample file is detected and mapped`, () => {
    const files = samplesOf(id);
    assert.ok(files.length > 0);
    for (const file of files) {
      const recs = loadSampleFile(file);
      assert.ok(recs.length >= 3, `${file}: a few records`);
      const m = chooseMapping(recs, {});
      assert.equal(m.vendor, id, `${path.basename(file)} detected`);
      assert.equal(m.origin, 'descriptor');
      const apply = compileMapping(m);
      for (const [i, r] of recs.entries()) {
        const o = apply(r);
        const where = `${path.basename(file)} record ${i}`;
        assert.notEqual(o.timeMs, null, `${where}: time`);
        assert.equal(o.timeFlag, null, `${where}: zoned time`);
        assert.ok(o.action, `${where}: action`);
        assert.notEqual(o.outcome, 'unknown', `${where}: outcome`);
        // Invent's system-originated entries carry no user at all.
        if (!(id === 'invent' && r.source === 'system')) assert.ok(o.actor, `${where}: actor`);
      }
    }
  });
}

test('openclaw: requestId, outcome and policy result, in JSON, JSONL and CSV alike', () => {
  for (const file of samplesOf('openclaw')) {
    const recs = loadSampleFile(file);
    const out = recs.map(compileMapping(chooseMapping(recs, {})));
    assert.deepEqual(
      out.map((o) => o.requestId),
      ['req-789', 'req-789', 'req-790', 'req-791'],
      file,
    );
    assert.deepEqual(
      out.map((o) => o.outcome),
      ['success', 'success', 'denied', 'pending'],
      file,
    );
    assert.equal(out[0]!.targetType, 'gmail');
    assert.equal(out[0]!.targetId, 'msg-456');
    assert.equal(out[0]!.actor, 'user-123');
  }
});

test('adminconsole: before/after from metadata, type:id resources, actor types, fix.failed', () => {
  for (const file of samplesOf('adminconsole')) {
    const recs = loadSampleFile(file);
    const out = recs.map(compileMapping(chooseMapping(recs, {})));
    const triaged = out[4]!;
    assert.deepEqual(triaged.before, { status: 'new', severity: null }, file);
    assert.deepEqual(triaged.after, { status: 'triaged', severity: 'high' }, file);
    assert.deepEqual(out[3]!.before, {
      name: 'Old PoC',
      slug: 'old-poc',
      archived: true,
    });
    assert.equal(out[0]!.targetType, 'key');
    assert.equal(out[0]!.targetId, 'key_7f3a9c21');
    assert.deepEqual(
      out.map((o) => o.actorType),
      ['human', 'agent', 'agent', 'system', 'human'],
      file,
    );
    assert.equal(out[2]!.outcome, 'failure');
    assert.equal(out[1]!.outcome, 'success');
  }
});

test('adminconsole: metadata left as JSON text (a CSV reader that does not parse cells) still yields before/after', () => {
  const recs = loadSampleFile(path.join(VENDOR_DIR, 'adminconsole/samples/admin-audit-export.csv')).map((r) => ({
    ...r,
    Metadata: JSON.stringify(r.Metadata),
  }));
  const out = recs.map(compileMapping(chooseMapping(recs, {})));
  assert.deepEqual(out[4]!.after, { status: 'triaged', severity: 'high' });
});

test('opbox: documented fields', () => {
  const recs = loadSampleFile(path.join(VENDOR_DIR, 'opbox/samples/audit-logs.json'));
  const o = compileMapping(chooseMapping(recs, {}))(recs[0]!);
  assert.equal(o.actor, 'will@example.com');
  assert.equal(o.actorType, 'human');
  assert.equal(o.targetType, 'FORM');
  assert.equal(o.targetId, 'cm_form_def456');
  assert.equal(o.ip, '203.0.113.42');
  assert.equal(o.eventId, 'cm_audit_abc123');
  assert.equal(new Date(o.timeMs!).toISOString(), '2026-02-27T10:30:00.000Z');
});

test('openindex: inferred fields in camelCase and snake_case exports; sync failures; agents', () => {
  for (const file of samplesOf('openindex')) {
    const recs = loadSampleFile(file);
    const m = chooseMapping(recs, {});
    assert.equal(getDescriptor('openindex')!.fields.time, undefined, 'OpenIndex documents no record fields');
    assert.ok(m.fields.time?.length, 'so the time path was inferred');
    const out = recs.map(compileMapping(m));
    assert.deepEqual(out[0]!.before, { status: 'todo' }, file);
    assert.deepEqual(out[0]!.after, { status: 'in_progress' }, file);
    assert.equal(out[1]!.actorType, 'agent', 'agent.claimed');
    const failed = out.find((o) => o.action === 'calendar_source.sync_failed')!;
    assert.equal(failed.outcome, 'failure');
    assert.equal(failed.actorType, 'system');
  }
});

test('invent: origin drives actor type; snake_case variant inferred', () => {
  for (const file of samplesOf('invent')) {
    const recs = loadSampleFile(file);
    const out = recs.map(compileMapping(chooseMapping(recs, {})));
    recs.forEach((r, i) => {
      const want = {
        app: 'human',
        admin: 'human',
        api: 'agent',
        system: 'system',
      }[String(r.source)];
      assert.equal(out[i]!.actorType, want, `${file} ${String(r.source)}`);
      assert.ok(out[i]!.ip || r.source === 'system', 'ip inferred');
    });
  }
});
