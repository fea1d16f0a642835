// One test per class of mapping miss, on real records from the corpus. Where the corpus holds no
// record of a shape (an IP under `source`, a `txid`), real records are re-keyed into that shape and
// the values are checked against the originals.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpusFile, loadManifest } from '../helpers/load-records';
import { chooseMapping, compileMapping, type MappedFields } from '../../src/main/engine/mapping/index';
import { outcomeFromAction, outcomeFromWord, outcomeKind, readOutcome } from '../../src/main/engine/mapping/normalise-outcome';

type Rec = Record<string, unknown>;

function corpus(file: string): Rec[] {
  const entry = loadManifest().find((e) => e.file === file);
  assert.ok(entry, `${file} is in the corpus manifest`);
  return loadCorpusFile(entry);
}

function mapAll(records: Rec[]): { vendor: string; out: MappedFields[] } {
  const m = chooseMapping(records, {});
  const apply = compileMapping(m);
  return { vendor: m.vendor, out: records.map((r) => apply(r)) };
}

test('outcome: authorization granted flags (GCP authorizationInfo) say how a call ended', () => {
  const recs = corpus('gcp_audit/plaso_gcp_logging.jsonl');
  const { out } = mapAll(recs);
  let checked = 0;
  recs.forEach((r, i) => {
    const p = r.protoPayload as Rec | undefined;
    const auth = p?.authorizationInfo as { granted?: boolean }[] | undefined;
    if (!auth || p?.status !== undefined) return;
    checked++;
    assert.equal(out[i]!.outcome, auth.every((a) => a.granted === true) ? 'success' : 'denied', `record ${i}`);
  });
  assert.ok(checked >= 3, `${checked} records with granted flags and no status`);
  // An AuditLog with no status at all carries the default one, code 0 (OK); a non-audit entry
  // (jsonPayload) says nothing.
  recs.forEach((r, i) => {
    const p = r.protoPayload as Rec | undefined;
    if (p && p.status === undefined) assert.equal(out[i]!.outcome, 'success', `record ${i}`);
    if (!p) assert.equal(out[i]!.outcome, 'unknown', `record ${i}`);
  });
});

test('outcome: vocabularies and error words of real vendors', () => {
  // 1Password sign-in categories, Oracle/IBM style result codes, Auth0's description text.
  assert.equal(outcomeFromWord('credentials_failed'), 'failure');
  assert.equal(outcomeFromWord('mfa_failed'), 'failure');
  assert.equal(outcomeFromWord('firewall_failed'), 'denied');
  assert.equal(outcomeFromWord('firewall_reported_success'), 'success');
  assert.equal(outcomeFromWord('LOGIN_NO_ERROR'), 'success');
  assert.equal(outcomeFromWord('Wrong email or password.'), 'failure');
  assert.equal(outcomeFromWord('Failure'), 'failure');
  assert.equal(outcomeFromWord('LOGIN_ERROR_INVALID_PASSWORD'), 'failure'); // Salesforce LoginEvent
  assert.equal(outcomeFromWord('ACCESS_DENIED'), 'denied');
  assert.equal(outcomeFromWord('PartiallySucceeded'), 'warning'); // M365 ResultStatus
  assert.equal(outcomeFromWord('Active'), 'unknown');
  assert.equal(outcomeFromWord('NO'), 'failure'); // Snowflake LOGIN_HISTORY IS_SUCCESS
  // M365 sign-ins: LogonError is there only when the sign-in failed.
  assert.equal(readOutcome(outcomeKind('LogonError', ''), 'InvalidUserNameOrPassword', true), 'failure');
  assert.equal(readOutcome(outcomeKind('LogonError', ''), undefined, false), 'weak-success');
  // Error suffixes and words inside event codes; a leading subject word is no result.
  assert.equal(outcomeFromAction('UserLoginFailed'), 'failure');
  assert.equal(outcomeFromAction('User_FailedLogIn2fa'), 'failure');
  assert.equal(outcomeFromAction('failed_login'), 'failure');
  assert.equal(outcomeFromAction('login_failure'), 'failure');
  assert.equal(outcomeFromAction('access_denied'), 'denied');
  assert.equal(outcomeFromAction('AddBlockedSenderAddress'), 'unknown');
  assert.equal(outcomeFromAction('errorReporting.update'), 'unknown');
});

test('outcome: a failure inside a response element (CloudTrail ConsoleLogin)', () => {
  // Real CloudTrail records, given the ConsoleLogin response CloudTrail writes for console sign-ins.
  const recs = corpus('aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json').map((r, i) => ({
    ...r,
    eventName: 'ConsoleLogin',
    responseElements: { ConsoleLogin: i % 2 ? 'Failure' : 'Success' },
  }));
  const { out } = mapAll(recs);
  out.forEach((o, i) => assert.equal(o.outcome, i % 2 ? 'failure' : 'success', `record ${i}`));
  // What a response returns is no verdict: RunInstances' instanceState "pending" is the instance's.
  const lookup = corpus('aws_cloudtrail/plaso_aws_cloudtrail_lookup_events.jsonl');
  const run = lookup.findIndex((r) => r.EventName === 'RunInstances');
  assert.ok(String(lookup[run]!.CloudTrailEvent).includes('"instanceState":{"code":0,"name":"pending"}'));
  assert.equal(mapAll(lookup).out[run]!.outcome, 'success', 'no errorCode');
});

test('actor: a stringified dict is mapped to the identity inside it, not the whole text', () => {
  const recs = corpus('aws_s3_honeybucket/AWS_S3_HoneyBucketLogs.csv');
  const { out } = mapAll(recs);
  recs.forEach((r, i) => {
    const raw = String(r['User ID']);
    assert.ok(raw.startsWith('{'), 'the column holds a Python dict');
    // CloudTrail's principalId names the caller; an anonymous caller has only an account.
    const want = /'principalId': '([^']+)'/.exec(raw)?.[1] ?? /'accountId': '([^']+)'/.exec(raw)?.[1];
    assert.equal(out[i]!.actor, want, `record ${i}: ${raw}`);
  });
});

test('actor: an AWS service caller is named by the service that invoked the call', () => {
  const recs = corpus('aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
  const { out } = mapAll(recs);
  let services = 0;
  recs.forEach((r, i) => {
    const who = r.userIdentity as Rec;
    if (who.type !== 'AWSService') return;
    services++;
    assert.equal(out[i]!.actor, who.invokedBy, `record ${i}`);
  });
  assert.ok(services > 0);
});

test('actor: a sign-in with no actor names the user it signed in (Zoom user.signed_in)', () => {
  const recs = corpus('zoom/elastic_zoom_webhook_user_events_envelope.json');
  const { out } = mapAll(recs);
  const signIn = recs.findIndex((r) => (r.zoom as Rec).event === 'user.signed_in');
  assert.ok(signIn >= 0);
  const obj = ((recs[signIn]!.zoom as Rec).payload as Rec).object as Rec;
  assert.equal(out[signIn]!.actor, obj.email);
  // Other events keep "no actor" rather than borrowing the object.
  const notes = recs.findIndex((r) => (r.zoom as Rec).event === 'user.personal_notes_updated');
  assert.equal(out[notes]!.actor, null);
});

test('actor and outcome: a sign-in attempts log names the target user and reads its category', () => {
  // Real 1Password events in the documented sign-in attempts shape (no actor; target_user, client,
  // category), as /api/v2/signinattempts returns them.
  const audit = corpus('1password/elastic_1password_auditevents.json').map((r) => JSON.parse(String(r.message)) as Rec);
  const categories = ['success', 'credentials_failed', 'mfa_failed', 'firewall_failed'];
  const recs = [...audit, ...audit].map((a, i) => ({
    uuid: `${String(a.uuid)}-${i}`,
    session_uuid: (a.session as Rec).uuid,
    timestamp: a.timestamp,
    category: categories[i % 4],
    type: categories[i % 4] === 'success' ? 'credentials_ok' : categories[i % 4],
    target_user: a.actor_details,
    client: { app_name: '1Password Browser Extension', ip_address: (a.session as Rec).ip },
  }));
  const { vendor, out } = mapAll(recs);
  assert.equal(vendor, '1password');
  out.forEach((o, i) => {
    assert.equal(o.actor, ((recs[i]!.target_user as Rec).email as string) ?? null, `record ${i}`);
    assert.equal(o.ip, (recs[i]!.client as Rec).ip_address, `record ${i}`);
    assert.equal(o.outcome, ['success', 'failure', 'failure', 'denied'][i % 4], `record ${i} ${recs[i]!.category}`);
  });
});

test('ip: addresses under source / client / remote / origin keys', () => {
  // Real Okta records, their client address re-keyed the ways other vendors write it.
  const okta = corpus('okta/elastic_okta_system_events.log');
  const shapes: ((ip: unknown) => Rec)[] = [
    (ip) => ({ source: { ip } }),
    (ip) => ({ client: { address: ip } }),
    (ip) => ({ remote: { addr: ip } }),
    (ip) => ({ origin: ip }),
  ];
  for (const shape of shapes) {
    const recs = okta.map((r) => {
      // Without Okta's other copies of the address (request.ipChain), as other vendors send it.
      const { client, request: _chain, ...rest } = r as Rec & { client: Rec };
      return { ...rest, ...shape(client?.ipAddress) };
    });
    const { out } = mapAll(recs);
    recs.forEach((_, i) => {
      const ip = ((okta[i] as Rec).client as Rec | undefined)?.ipAddress;
      const want = typeof ip === 'string' && ip !== 'null' ? ip : null; // Okta writes "null"
      assert.equal(out[i]!.ip, want, `${JSON.stringify(shape('x'))} record ${i}`);
    });
  }
});

test('time: the event time wins over the time the record was stored or received', () => {
  // Real Okta events as Log Analytics stores them (Okta_CL): TimeGenerated is the ingestion time,
  // published_t the event's.
  const okta = corpus('okta/elastic_okta_system_events.log');
  const recs = okta.map((r) => {
    const { published, ...rest } = r as Rec;
    return { TimeGenerated: '2030-01-01T00:00:00Z', storedAt: '2030-01-01T00:00:00Z', published_t: published, ...rest };
  });
  const { out } = mapAll(recs);
  okta.forEach((r, i) => assert.equal(out[i]!.timeMs, Date.parse(String(r.published)), `record ${i}`));
});

test('request id: vendor variants (txid, x-request-id, trace id)', () => {
  const gitlab = corpus('gitlab/elastic_gitlab_audit.log');
  for (const key of ['txid', 'x-request-id', 'trace_id', 'transactionId']) {
    const recs = gitlab.map((r) => {
      const { correlation_id, ...rest } = r as Rec;
      return correlation_id === undefined ? rest : { ...rest, [key]: correlation_id };
    });
    const { out } = mapAll(recs);
    recs.forEach((_, i) => assert.equal(out[i]!.requestId, (gitlab[i] as Rec).correlation_id ?? null, `${key} ${i}`));
  }
});

test('action: the operation performed, not the log entry type (Vault request/response)', () => {
  const recs = corpus('hashicorp_vault/elastic_vault_audit.log');
  const { out } = mapAll(recs);
  recs.forEach((r, i) => {
    const op = (r.request as Rec | undefined)?.operation;
    if (op !== undefined) assert.equal(out[i]!.action, op, `record ${i}`);
    else assert.equal(out[i]!.action, r.type, `record ${i}: no operation, the entry type is all there is`);
  });
});

test('value lookups: Bitwarden event codes show as labels; the raw record keeps the code', () => {
  for (const file of ['bitwarden/sentinel_bitwarden_eventlogs_rawlogs_envelope.json', 'bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv']) {
    const recs = corpus(file);
    const before = JSON.stringify(recs);
    const m = chooseMapping(recs, {});
    assert.equal(m.lookups?.action?.['1000'], 'User_LoggedIn');
    const apply = compileMapping(m);
    const actions = new Set(recs.map((r) => apply(r).action));
    assert.ok(actions.has('User_LoggedIn') && actions.has('Cipher_Updated'), [...actions].join(', '));
    assert.equal(JSON.stringify(recs), before, 'records are not changed');
    // Documented failure codes: a failed log-in reads as a failure.
    const failed = apply({ ...recs[0]!, type: 1005, eventType: '1005' });
    assert.equal(failed.action, 'User_FailedLogIn');
    assert.equal(failed.outcome, 'failure');
  }
});
