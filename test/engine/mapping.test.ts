import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chooseMapping, compileMapping, inferMapping, reviewMapping, shapeKey } from '../../src/main/engine/mapping/index';
import { getPath, parsePath } from '../../src/shared/mapping-paths';
import { collectPaths } from '../../src/main/engine/mapping/flatten';
import type { Mapping } from '../../src/shared/mapping';
import { OPBOX_LIKE_MAPPING } from '../helpers/opbox-mapping';

test('path notation: keys, indexes, first-with-value, filters, decode, quoted keys, flat dotted keys', () => {
  const rec = {
    a: { b: [{ c: null }, { c: 'second' }] },
    params: [
      { name: 'OLD_VALUE', value: 'x' },
      { name: 'NEW_VALUE', value: 'y' },
    ],
    message: '{"actor":{"email":"e@x.io"},"n":1}',
    'meta.remote_ip': '1.2.3.4',
    event_type: { '.tag': 'member_change' },
    'TimeGenerated [UTC]': 't',
    ips: ['::1'],
    events: [{ name: 'CHANGE' }],
  };
  assert.equal(getPath(rec, 'a.b[1].c'), 'second');
  assert.equal(getPath(rec, 'a.b[].c'), 'second');
  assert.equal(getPath(rec, 'params[name=NEW_VALUE].value'), 'y');
  assert.equal(getPath(rec, 'message->actor.email'), 'e@x.io');
  assert.equal(getPath(rec, 'message.actor.email'), 'e@x.io', 'a key into JSON text decodes it');
  assert.equal(getPath(rec, 'meta.remote_ip'), '1.2.3.4');
  assert.equal(getPath(rec, '["meta.remote_ip"]'), '1.2.3.4');
  assert.equal(getPath(rec, 'event_type[".tag"]'), 'member_change');
  assert.equal(getPath(rec, '["TimeGenerated [UTC]"]'), 't');
  assert.equal(getPath(rec, 'ips[0]'), '::1');
  assert.equal(getPath(rec, 'events.name'), 'CHANGE', 'a key on a list reads its first element with that key');
  assert.equal(getPath(rec, 'nope.deeper'), undefined);
  assert.throws(() => parsePath('a[unclosed'));
});

test('flatten names paths in the notation, into JSON strings and name/value lists', () => {
  const stats = collectPaths([
    {
      message: '{"uuid":"u1"}',
      'meta.caller_id': 'x',
      parameters: [
        { name: 'A', value: 1 },
        { name: 'B', value: 2 },
      ],
      'Event DateTime': 'z',
    },
  ]);
  for (const p of ['message->uuid', '["meta.caller_id"]', 'parameters[name=A].value', 'Event DateTime']) assert.ok(stats.has(p), p);
});

test('compileMapping normalises text, nulls and objects', () => {
  const m: Mapping = {
    vendor: 'x',
    origin: 'inferred',
    shapeKey: '',
    fields: {
      actor: ['who'],
      action: ['what'],
      ip: ['ip'],
      requestId: ['meta.request_id', 'x-request-id'],
      targetId: ['target'],
    },
  };
  const f = compileMapping(m);
  const o = f({
    who: { type: 'user', user: { id: 'U1', name: 'Ann', email: 'ann@x.io' } },
    what: '  login  ',
    ip: 'null',
    'x-request-id': 'r1',
    target: '-',
  });
  assert.equal(o.actor, 'ann@x.io');
  assert.equal(o.actorType, 'human');
  assert.equal(o.action, 'login');
  assert.equal(o.ip, null);
  assert.equal(o.requestId, 'r1');
  assert.equal(o.targetId, null);
  assert.equal(o.timeFlag, 'missing');
});

test('outcome readers: words, HTTP codes, error fields, action suffixes', () => {
  const f = compileMapping({
    vendor: 'x',
    origin: 'inferred',
    shapeKey: '',
    fields: { action: ['a'], outcome: ['status_code', 'errorCode', 'result'] },
  });
  assert.equal(f({ status_code: 403 }).outcome, 'denied');
  assert.equal(f({ status_code: '500' }).outcome, 'failure');
  assert.equal(f({ status_code: 201 }).outcome, 'success');
  assert.equal(f({ errorCode: 'AccessDenied' }).outcome, 'denied');
  assert.equal(f({ errorCode: 'ThrottlingException' }).outcome, 'failure');
  assert.equal(f({ result: 'FAILURE' }).outcome, 'failure');
  assert.equal(f({}).outcome, 'success', 'an error field that is absent means it worked');
  assert.equal(f({ a: 'fix.failed' }).outcome, 'failure');
  const g = compileMapping({
    vendor: 'x',
    origin: 'inferred',
    shapeKey: '',
    fields: { action: ['a'] },
  });
  assert.equal(g({ a: 'sync_failed' }).outcome, 'failure');
  assert.equal(g({ a: 'login' }).outcome, 'unknown');
});

test('shapeKey is stable under key order and picks the common shape', () => {
  const a = shapeKey([{ x: 1, y: 2 }, { y: 3, x: 4 }, { z: 1 }]);
  const b = shapeKey([{ y: 1, x: 2 }]);
  assert.equal(a, b);
  assert.notEqual(a, shapeKey([{ x: 1 }]));
});

test('chooseMapping: saved mapping for the same shape, else inference', () => {
  const recs = [
    {
      when_it_happened: '2024-01-01T00:00:00Z',
      who_did_it: 'a@x.io',
      thing: 'widget.made',
    },
    {
      when_it_happened: '2024-01-02T00:00:00Z',
      who_did_it: 'b@x.io',
      thing: 'widget.broken',
    },
  ];
  const saved: Mapping = {
    vendor: 'widgets',
    origin: 'saved',
    shapeKey: shapeKey(recs),
    fields: {
      time: ['when_it_happened'],
      actor: ['who_did_it'],
      action: ['thing'],
    },
  };
  const m = chooseMapping(recs, { saved: [saved] });
  assert.equal(m.origin, 'saved');
  assert.equal(m.vendor, 'widgets');
  const inferred = chooseMapping(recs, {});
  assert.equal(inferred.origin, 'inferred');
  assert.equal(inferred.vendor, '', 'nothing telling: the caller names it after the file');
});

test('inference: header-less positional CSV by value shape', () => {
  const rows = [
    ['10.0.0.1', 'RepositoryCreatedEvent', 'jsmith', '1400681373433', 'PROJECT/p', '-', '@8KJQAGx969x543x0', 'tmpqqw'],
    ['10.0.0.2', 'UserLoggedInEvent', 'admin', '1400681410000', '-', '-', '@8KJQAGx969x544x0', '6ywzi6'],
    ['10.0.0.2', 'UserLoggedOutEvent', '-', '1400681420000', '-', '-', '-', '-'],
  ].map((r) => Object.fromEntries(r.map((v, i) => [`col${i + 1}`, v])));
  const m = inferMapping(rows);
  assert.deepEqual(m.fields.time, ['col4']);
  assert.deepEqual(m.fields.ip, ['col1']);
  assert.deepEqual(m.fields.action, ['col2']);
  assert.deepEqual(m.fields.actor, ['col3']);
  assert.deepEqual(m.fields.requestId, ['col7']);
  assert.ok((m.confidence?.time ?? 0) > 0);
});

test('inference: prefers event time over ingestion time, and falls back per record', () => {
  const recs = [
    {
      receiveTimestamp: '2024-01-01T00:00:05Z',
      timestamp: '2024-01-01T00:00:00Z',
      actor: { email: 'a@x.io' },
      verb: 'get',
    },
    {
      receiveTimestamp: '2024-01-01T00:01:05Z',
      timestamp: '2024-01-01T00:01:00Z',
      actor: { email: 'a@x.io' },
      verb: 'list',
    },
  ];
  assert.equal(inferMapping(recs).fields.time?.[0], 'timestamp');
  const zoomish = [
    {
      payload: { time_stamp: 1568121370000, object: { id: 'a' } },
      event: 'user.updated',
    },
    {
      payload: { object: { id: 'b', date_time: '2019-09-10T14:36:10Z' } },
      event: 'user.signed_in',
    },
  ];
  assert.deepEqual(inferMapping(zoomish).fields.time, ['payload.time_stamp', 'payload.object.date_time']);
});

test('reviewMapping lists paths with examples and mapped samples', () => {
  const recs = [
    {
      createdAt: '2026-02-27T10:30:00.000Z',
      action: 'CREATE',
      resource: 'FORM',
      resourceId: 'f1',
      user: { email: 'w@x.io' },
      ipAddress: '203.0.113.42',
    },
  ];
  const m = chooseMapping(recs, {});
  const r = reviewMapping(recs, m, 7);
  assert.equal(r.sourceId, 7);
  assert.ok(r.paths.some((p) => p.path === 'user.email' && p.example === 'w@x.io'));
  assert.deepEqual(r.samples.find((s) => s.field === 'actor')?.values, ['w@x.io']);
  assert.deepEqual(r.samples.find((s) => s.field === 'time')?.values, ['2026-02-27T10:30:00.000Z']);
});

// Its speed on 1M such records is measured by `npm run bench` (bench/measure-mapping.ts); here, what it yields.
test('compileMapping on Opbox-like records: each mapped field, the email before the name, request id fallbacks, states, bad times', () => {
  const m = OPBOX_LIKE_MAPPING;
  const apply = compileMapping(m);
  const actions = ['CREATE', 'UPDATE', 'DELETE', 'APPROVE', 'addon.install'];
  const base = Date.UTC(2026, 0, 1);
  for (let i = 0; i < 2000; i++) {
    const r = apply({
      id: `cm_audit_${i}`,
      action: actions[i % 5],
      resource: 'FORM',
      resourceId: `cm_form_${i % 977}`,
      metadata: { name: 'Contact Us', requestId: `req-${i}` },
      ipAddress: '203.0.113.42',
      userAgent: 'Mozilla/5.0',
      createdAt: new Date(base + i * 1000).toISOString(),
      user: { name: 'Will Lilley', email: `user${i % 50}@example.com` },
    });
    assert.deepEqual(
      [r.timeMs, r.timeFlag, r.eventId, r.actor, r.action, r.targetType, r.targetId, r.ip, r.userAgent, r.requestId],
      [
        base + i * 1000,
        null,
        `cm_audit_${i}`,
        `user${i % 50}@example.com`,
        actions[i % 5],
        'FORM',
        `cm_form_${i % 977}`,
        '203.0.113.42',
        'Mozilla/5.0',
        `req-${i}`,
      ],
      `record ${i}`,
    );
  }
  const states = apply({ id: 's', action: 'UPDATE', createdAt: '2026-01-01T00:00:00Z', metadata: { before: { title: 'Old' }, after: { title: 'New' } } });
  assert.deepEqual([states.before, states.after], [{ title: 'Old' }, { title: 'New' }]);
  const fallback = apply({
    id: 'f',
    action: 'DELETE',
    createdAt: 'not a time',
    user: { name: 'Will Lilley' },
    requestId: 'req-top',
    metadata: { requestId: 'req-meta' },
  });
  assert.deepEqual(
    [fallback.actor, fallback.requestId, fallback.timeMs, fallback.timeOriginal, fallback.timeFlag],
    ['Will Lilley', 'req-top', null, 'not a time', 'invalid'],
  );
});
