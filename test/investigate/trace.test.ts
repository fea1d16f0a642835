// Request-ID trace on a generated multi-vendor case: the engine, the session/actor fallback and the
// CLI's `trace --json` shape.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { freshEngine } from '../helpers/engine';
import { cli } from '../helpers/cli';
import { tempDir } from '../helpers/paths';
import { TRACE_ID, TRACE_STEPS, writeMultiVendorCase } from './multi-vendor';

test('a request id is traced across four vendors in time order with offsets and gaps', async () => {
  const { engine, dir } = await freshEngine();
  const { files } = writeMultiVendorCase(dir);
  await engine.importFiles({ paths: files });
  const trace = await engine.traceRequest({ requestId: TRACE_ID });
  assert.equal(trace.key, 'requestId');
  assert.deepEqual(
    trace.events.map((e) => e.vendor),
    TRACE_STEPS.map(([v]) => v),
  );
  assert.deepEqual(
    trace.events.map((e) => e.offsetMs),
    TRACE_STEPS.map(([, off]) => off),
  );
  assert.deepEqual(
    trace.events.map((e) => e.gapMs),
    [0, 850, 1450, 600, 58_100],
  );
  assert.deepEqual(trace.vendors, ['opbox', 'openclaw', 'adminconsole', 'openindex']);
  assert.ok(trace.events.every((e) => e.requestId === TRACE_ID));
  // The nested ids (metadata.request_id, context.requestId) were found, and failures kept their outcome.
  assert.deepEqual(
    trace.events.map((e) => e.outcome),
    ['success', 'success', 'success', 'denied', 'failure'],
  );

  // From any event of the trace, the same trace.
  const fromMiddle = await engine.traceEvent({ id: trace.events[2].id });
  assert.deepEqual(
    fromMiddle.events.map((e) => e.id),
    trace.events.map((e) => e.id),
  );

  const none = await engine.traceRequest({ requestId: 'req-does-not-exist' });
  assert.equal(none.events.length, 0);
  engine.close();
});

test('without a request id the trace follows the session id, else the actor around the event', async () => {
  const { engine, dir } = await freshEngine();
  const base = Date.UTC(2026, 0, 5, 9, 0, 0);
  const rec = (i: number, user: string, session: string | null, minutes: number) => ({
    id: `cm_audit_${i}`,
    action: 'UPDATE',
    resource: 'FORM',
    resourceId: `cm_res_${i}`,
    ipAddress: '203.0.113.9',
    createdAt: new Date(base + minutes * 60_000).toISOString(),
    user: { name: user, email: `${user}@example.com` },
    ...(session ? { metadata: { auth: { sessionId: session } } } : {}),
  });
  const lines = [
    rec(1, 'ann', 'sess-aaaa', 0),
    rec(2, 'ann', 'sess-aaaa', 5),
    rec(3, 'ann', 'sess-bbbb', 6),
    rec(4, 'bob', 'sess-aaaa', 7),
    rec(5, 'cat', null, 0),
    rec(6, 'cat', null, 20),
    rec(7, 'cat', null, 300),
  ];
  const file = path.join(dir, 'opbox.jsonl');
  fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
  await engine.importFiles({ paths: [file] });
  const all = (await engine.queryEvents({ limit: 100 })).events;
  const idOf = (eventId: string) => all.find((e) => e.eventId === eventId)!.id;

  const bySession = await engine.traceEvent({ id: idOf('cm_audit_1') });
  assert.equal(bySession.key, 'session');
  assert.equal(bySession.value, 'sess-aaaa');
  assert.deepEqual(
    bySession.events.map((e) => e.eventId),
    ['cm_audit_1', 'cm_audit_2'],
  );

  const byActor = await engine.traceEvent({ id: idOf('cm_audit_5') });
  assert.equal(byActor.key, 'actor');
  assert.equal(byActor.value, 'cat@example.com');
  // The event 5 hours later is outside the window around the starting event.
  assert.deepEqual(
    byActor.events.map((e) => e.eventId),
    ['cm_audit_5', 'cm_audit_6'],
  );
  assert.deepEqual(
    byActor.events.map((e) => e.offsetMs),
    [0, 20 * 60_000],
  );
  engine.close();
});

test('auditdesk trace CASE REQUEST_ID --json prints the documented shape; unknown ids exit 1', () => {
  const dir = tempDir();
  const casePath = path.join(dir, 'trace.auditdesk');
  const { files } = writeMultiVendorCase(dir, 50);
  assert.equal(cli(['import', casePath, ...files, '--json']).code, 0);

  const r = cli(['trace', casePath, TRACE_ID, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { requestId: string; events: { vendor: string; offsetMs: number; raw: string; provenance: { kind: string } }[] };
  assert.equal(doc.requestId, TRACE_ID);
  assert.deepEqual(
    doc.events.map((e) => e.offsetMs),
    TRACE_STEPS.map(([, off]) => off),
  );
  assert.ok(doc.events.every((e) => e.raw.includes(TRACE_ID) && e.provenance.kind === 'file'));

  const human = cli(['trace', casePath, TRACE_ID]);
  assert.equal(human.code, 0);
  assert.match(human.stdout, /5 events across opbox, openclaw, adminconsole, openindex/);
  assert.match(human.stdout, /✗ +\+1 min 1 s .*openindex/);

  const missing = cli(['trace', casePath, 'req-nope', '--json']);
  assert.equal(missing.code, 1);
  assert.deepEqual(JSON.parse(missing.stdout).events, []);
  assert.equal(cli(['trace', casePath]).code, 2);
});
