// Every real corpus file: the mapping chosen for it must fill the model fields wherever the
// manifest names a source path that holds a value.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { loadCorpusFile, loadManifest, type ManifestEntry } from '../helpers/load-records';
import { chooseMapping, compileMapping, type MappedFields } from '../../src/main/engine/mapping/index';
import { getPath } from '../../src/shared/mapping-paths';
import { parseTime, formatUtc } from '../../src/shared/time';
import { VENDORS } from '../../src/main/vendors/index';

type Rec = Record<string, unknown>;

/**
 * Manifest notation → our path notation. Parenthesised text is commentary; alternatives are split
 * on " / " and " OR "; each alternative's path is its first token.
 */
export function manifestPaths(spec: string): string[] {
  let s = spec;
  let prev = '';
  while (prev !== s) {
    prev = s;
    s = s.replace(/\([^()]*\)/g, ' ');
  }
  const out: string[] = [];
  for (const alt of s.split(/ \/ | OR /)) {
    const t = alt.trim();
    if (t === '' || t.startsWith('—')) continue;
    if (t.startsWith('col:')) {
      // Column names may hold spaces ("Event DateTime", "TimeGenerated [UTC]").
      const body = t
        .slice(4)
        .replace(/\s+[-;].*$/, '')
        .trim();
      const arrow = body.indexOf('->');
      const col = arrow >= 0 ? body.slice(0, arrow) : body;
      out.push(`[${JSON.stringify(col.trim())}]${arrow >= 0 ? body.slice(arrow) : ''}`);
      continue;
    }
    const tok = t.split(/\s/)[0]!.replace(/[),;]+$/, '');
    const pos = /^pos:(\d+)$/.exec(tok);
    out.push(pos ? `col${Number(pos[1]) + 1}` : tok);
  }
  return out;
}

function nonEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') {
    const t = v.trim();
    return t !== '' && t !== '-' && t !== 'null';
  }
  return true;
}

const FIELD_OF: Record<string, keyof MappedFields> = {
  actor: 'actor',
  action: 'action',
  request_id: 'requestId',
  event_id: 'eventId',
  ip: 'ip',
};

/**
 * Narrow, named exceptions where the manifest's "request id" is the log entry's own id. We map
 * those to eventId (which is what they are) and check eventId instead.
 */
const REQUEST_ID_IS_ENTRY_ID: Record<string, string> = {
  'auth0/sentinel_auth0am_cl_array.json': 'log_id is the Auth0 log event id (placeholder "LOG_ID")',
  'gcp_audit/plaso_gcp_logging.jsonl': 'insertId is the Cloud Logging entry id',
};

const files = loadManifest().filter((e) => !e.file.includes('INVALID'));
const mapped = new Map<string, { entry: ManifestEntry; records: Rec[]; out: MappedFields[]; vendor: string }>();
for (const entry of files) {
  const records = loadCorpusFile(entry);
  const mapping = chooseMapping(records, {});
  const apply = compileMapping(mapping);
  mapped.set(entry.file, {
    entry,
    records,
    out: records.map((r) => apply(r)),
    vendor: mapping.vendor,
  });
}

for (const entry of files) {
  test(`corpus: ${entry.file}`, () => {
    const { records, out } = mapped.get(entry.file)!;
    assert.equal(records.length, entry.records, 'record count');
    const checked: string[] = [];
    for (const [mf, spec] of Object.entries(entry.fields)) {
      if (!spec) continue;
      if (mf === 'time') {
        const paths = manifestPaths(spec);
        records.forEach((rec, i) => {
          const src = paths.map((p) => getPath(rec, p)).find(nonEmpty);
          if (src === undefined) return;
          const ours = out[i]!;
          if (parseTime(src).ms === null) {
            assert.ok(ours.timeMs !== null || ours.timeFlag === 'invalid', `record ${i}: invalid source time ${String(src)} must be flagged`);
          } else {
            assert.notEqual(ours.timeMs, null, `record ${i}: time from ${paths.join(' / ')} = ${String(src)}`);
          }
        });
        checked.push('time');
        continue;
      }
      let field = FIELD_OF[mf];
      if (!field) continue;
      if (mf === 'request_id' && REQUEST_ID_IS_ENTRY_ID[entry.file]) field = 'eventId';
      const paths = manifestPaths(spec);
      records.forEach((rec, i) => {
        const src = paths.map((p) => getPath(rec, p)).find(nonEmpty);
        if (src === undefined) return;
        assert.ok(nonEmpty(out[i]![field]), `record ${i}: ${field} empty though ${paths.join(' / ')} = ${JSON.stringify(src).slice(0, 80)}`);
      });
      checked.push(field);
    }
    assert.ok(checked.includes('time') || !entry.fields.time, 'time was checked');
  });
}

test('corpus: no file is detected as one of the five built-in vendors', () => {
  const ids = new Set(VENDORS.map((v) => v.vendor));
  for (const [file, m] of mapped) assert.ok(!ids.has(m.vendor), `${file} detected as ${m.vendor}`);
});

test('corpus: inferred source names', () => {
  const v = (f: string) => mapped.get(f)!.vendor;
  assert.equal(v('aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json'), 'aws');
  assert.equal(v('aws_cloudtrail/plaso_aws_cloudtrail_lookup_events.jsonl'), 'aws');
  assert.equal(v('google_workspace/elastic_gws_admin_updated.log'), 'google-workspace');
  assert.equal(v('kubernetes/audit2rbac_demo.log'), 'kubernetes');
  assert.equal(v('okta/elastic_okta_system_events.log'), 'okta');
  assert.equal(v('gcp_audit/plaso_gcp_logging.jsonl'), 'gcp');
  assert.equal(v('atlassian_bitbucket/plaso_atlassian-bitbucket-audit.log'), 'bitbucket');
  assert.equal(v('salesforce/elastic_salesforce_setupaudittrail.log'), 'salesforce');
});

const get = (file: string) => mapped.get(file)!;

test('corpus values: times', () => {
  const jira = get('atlassian_jira/demisto_jira_auditing_records_envelope.json').out[0]!;
  assert.equal(formatUtc(jira.timeMs!), '2022-04-12T18:45:42.967Z');
  assert.equal(jira.timeFlag, null);
  const lookup = get('aws_cloudtrail/plaso_aws_cloudtrail_lookup_events.jsonl').out[0]!;
  assert.equal(lookup.timeOriginal, '2022-02-08 09:23:37+11:00');
  assert.equal(formatUtc(lookup.timeMs!), '2022-02-07T22:23:37.000Z');
  for (const r of get('m365_unified_audit/plaso_microsoft_audit_log.jsonl').out) assert.equal(r.timeFlag, 'no-zone');
  assert.equal(formatUtc(get('m365_unified_audit/plaso_microsoft_audit_log.jsonl').out[0]!.timeMs!), '2022-05-07T12:55:53.000Z');
  const bw = get('bitwarden/sentinel_bitwarden_eventlogs_ingestedlogs.csv').out[0]!;
  assert.equal(formatUtc(bw.timeMs!), '2024-05-12T10:39:53.540Z');
  // Its column is titled "TimeGenerated [UTC]": the header names the zone, so no flag.
  assert.equal(bw.timeFlag, null);
  const bb = get('atlassian_bitbucket/plaso_atlassian-bitbucket-audit.log').out[0]!;
  assert.equal(formatUtc(bb.timeMs!), '2014-05-21T14:09:21.906Z');
  // 1Password's outer @timestamp is second=62; the event's own time inside message is used.
  const op = get('1password/elastic_1password_auditevents.json').out[0]!;
  assert.equal(formatUtc(op.timeMs!), '2022-10-24T21:16:52.827Z');
  const zoom = get('zoom/elastic_zoom_webhook_user_events_envelope.json').out;
  assert.equal(zoom.filter((r) => r.timeMs !== null).length, 7, 'time_stamp on 3 records, object.date_time on 4');
});

test('corpus values: actors, actions, ids', () => {
  const op = get('1password/elastic_1password_auditevents.json').out[0]!;
  assert.equal(op.actor, 'test.actor@domain.com');
  assert.equal(op.action, 'suspend');
  assert.equal(op.ip, '89.160.20.156');
  const bb = get('atlassian_bitbucket/plaso_atlassian-bitbucket-audit.log').out;
  assert.deepEqual(
    bb.map((r) => r.actor),
    ['admin', 'admin', 'jsmith', 'admin', null],
  );
  assert.equal(bb[0]!.action, 'RestrictedRefAddedEvent');
  assert.equal(bb[0]!.requestId, '@8KJQAGx969x538x0');
  assert.equal(bb[2]!.ip, '63.246.22.199,172.16.1.187');
  assert.equal(bb[3]!.requestId, null, '"-" means missing');
  const auth0 = get('auth0/sentinel_auth0am_cl_array.json').out;
  assert.equal(auth0[0]!.actor, 'API Explorer Application', 'client-credential event: no user, so the client');
  const okta = get('okta/elastic_okta_system_events.log').out;
  assert.equal(okta[0]!.requestId, 'XkccyyMli2Uay2I93ZgRzQAAB0c');
  assert.ok(
    okta.every((r) => r.ip !== 'null'),
    'the string "null" is no IP',
  );
  const k8s = get('kubernetes/audit2rbac_demo.log').out[0]!;
  assert.equal(k8s.requestId, '033d17af-082d-4b24-aa22-627752e83d71');
  assert.equal(k8s.outcome, 'denied');
  assert.equal(get('gitlab/elastic_gitlab_audit.log').out[0]!.ip, '208.58.198.174');
  assert.equal(get('dropbox/demisto_dropbox_team_log_events_envelope.json').out[0]!.action, 'member_change_status');
  assert.equal(get('dropbox/demisto_dropbox_team_log_events_envelope.json').out[0]!.actor, 'example@example.com');
  const lookup = get('aws_cloudtrail/plaso_aws_cloudtrail_lookup_events.jsonl');
  assert.equal(lookup.out[0]!.requestId, '5e2d469d-002a-40b1-9922-a2e7dca03332');
  for (const r of get('m365_unified_audit/plaso_microsoft_audit_log.jsonl').out) assert.ok(r.actor && !r.actor.includes('[object'));
  for (const { out } of mapped.values())
    for (const r of out) for (const v of [r.actor, r.action, r.targetId, r.targetType, r.requestId]) assert.ok(!v?.includes('[object Object]'));
});

test('corpus values: outcomes', () => {
  for (const r of get('aws_cloudtrail/awslabs_SerializerTestFile_records_envelope.json').out) assert.equal(r.outcome, 'failure', 'errorCode present');
  for (const r of get('aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json').out) assert.equal(r.outcome, 'success', 'no errorCode');
  const ali = get('alibaba_actiontrail/sentinel_alibaba_cloud_actiontrail_auditevent_ingestedlogs.csv').out;
  assert.equal(ali[4]!.outcome, 'denied', 'Forbidden.RAM');
  assert.equal(ali[0]!.outcome, 'success');
  const okta = get('okta/elastic_okta_system_events.log');
  okta.records.forEach((rec, i) => {
    const want = String((rec.outcome as Record<string, unknown>).result).toUpperCase();
    const expected =
      want === 'SUCCESS'
        ? 'success'
        : want === 'FAILURE'
          ? 'failure'
          : want === 'DENY'
            ? 'denied'
            : want === 'ALLOW'
              ? 'success'
              : want === 'CHALLENGE'
                ? 'pending'
                : want === 'SKIPPED'
                  ? 'warning'
                  : 'unknown';
    assert.equal(okta.out[i]!.outcome, expected, `okta record ${i} (${want})`);
  });
  assert.equal(get('cloudflare/elastic_cloudflare_logpush_audit.log').out[0]!.outcome, 'success');
  assert.equal(get('entra_id_signin/elastic_azure_signinlogs_raw.log').out[0]!.outcome, 'failure', 'resultType 50140');
  assert.equal(get('entra_id_audit/elastic_azure_auditlogs_raw.log').out[0]!.outcome, 'success');
  const auth0 = get('auth0/sentinel_auth0am_cl_array.json');
  auth0.records.forEach((rec, i) => {
    const code = String(rec.type);
    if (code.startsWith('s')) assert.equal(auth0.out[i]!.outcome, 'success', code);
    if (code.startsWith('f')) assert.equal(auth0.out[i]!.outcome, 'failure', code);
  });
  const m365 = get('m365_unified_audit/plaso_microsoft_audit_log.jsonl').out;
  assert.ok(
    m365.every((r) => r.outcome === 'success'),
    'ResultStatus True / Success',
  );
});

test('corpus values: actor types', () => {
  const okta = get('okta/elastic_okta_system_events.log');
  assert.equal(okta.out[0]!.actorType, 'human');
  assert.equal(okta.out[okta.out.length - 1]!.actorType, 'system', 'SystemPrincipal');
  const ct = get('aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
  ct.records.forEach((rec, i) => {
    const t = (rec.userIdentity as Record<string, unknown>).type;
    const want = t === 'IAMUser' ? 'human' : t === 'AssumedRole' ? 'agent' : 'system';
    assert.equal(ct.out[i]!.actorType, want, String(t));
  });
  assert.equal(get('google_workspace/elastic_gws_admin_updated.log').out[0]!.actorType, 'human');
  assert.equal(get('kubernetes/audit2rbac_demo.log').out[0]!.actorType, 'system', 'system:admin');
});

test('corpus values: before/after', () => {
  const cf = get('cloudflare/elastic_cloudflare_logpush_audit.log').out[0]!;
  assert.deepEqual(cf.before, { key3: 'value4', key4: 'value4' });
  assert.deepEqual(cf.after, { key1: 'value1', key2: 'value2' });
  const jira = get('atlassian_jira/demisto_jira_auditing_records_envelope.json').out[0]!;
  assert.deepEqual(jira.before, { email: 'user@atlassian.com' });
  assert.deepEqual(jira.after, { email: 'newuser@atlassian.com' });
  const dbx = get('dropbox/demisto_dropbox_team_log_events_envelope.json').out[0]!;
  assert.deepEqual(dbx.before, { '.tag': 'not_joined' });
  assert.deepEqual(dbx.after, { '.tag': 'active' });
  const zoom = get('zoom/elastic_zoom_webhook_user_events_envelope.json');
  const updated = zoom.records.map((r, i) => [r, zoom.out[i]!] as const).filter(([r]) => getPath(r, 'zoom.payload.old_object') !== undefined);
  assert.ok(updated.length > 0);
  for (const [, o] of updated) {
    assert.ok(o.before && typeof o.before === 'object');
    assert.ok(o.after && typeof o.after === 'object');
  }
  const notUpdated = zoom.out.filter((_, i) => getPath(zoom.records[i], 'zoom.payload.old_object') === undefined);
  assert.ok(
    notUpdated.every((o) => o.after === null),
    'object alone is the target, not an after-state',
  );
  const entra = get('entra_id_audit/elastic_azure_auditlogs_raw.log').out;
  assert.ok(entra.some((o) => o.before !== null && o.after !== null));
  const gitlab = get('gitlab/elastic_gitlab_audit.log').out[1]!;
  assert.equal(gitlab.before, 'Private');
  assert.equal(gitlab.after, 'Public');
  const gws = get('google_workspace/elastic_gws_admin_updated.log');
  gws.records.forEach((rec, i) => {
    if (getPath(rec, 'events.parameters[name=OLD_VALUE].value') !== undefined) assert.notEqual(gws.out[i]!.before, null);
    if (getPath(rec, 'events.parameters[name=NEW_VALUE].value') !== undefined) assert.notEqual(gws.out[i]!.after, null);
  });
  // GitHub's old_role/new_role are on different records: not a change pair.
  assert.ok(get('github/elastic_github_enterprise_audit.log').out.every((o) => o.before === null));
});
