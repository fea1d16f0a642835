// Real SigmaHQ rules (the bundled set) against real records of the corpus. Expectations come from each
// rule's text (quoted in the comments), checked on the records by plain code, never from the engine's output.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { loadRules } from '../../src/main/engine/detect/load-rules';
import { RecordView } from '../../src/main/engine/detect/record-view';
import type { SigmaRule } from '../../src/main/engine/detect/sigma-rule';
import { candidates, planOf } from '../../src/main/engine/detect/run-detect';
import { cannotMatch, textKeys } from '../../src/main/engine/detect/raw-prefilter';
import { CORPUS_DIR } from '../helpers/paths';

type Rec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const rules = loadRules();
const byId = (id: string): SigmaRule => {
  const r = rules.find((x) => x.id === id);
  assert.ok(r, `bundled rule ${id}`);
  assert.equal(r.skipped, null);
  return r;
};
const lines = (rel: string): Rec[] =>
  fs
    .readFileSync(path.join(CORPUS_DIR, rel), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Rec);
const view = new RecordView();
const hit = (r: SigmaRule, rec: unknown): boolean => {
  view.reset(rec);
  return r.match(view);
};

test('the bundled set: SigmaHQ cloud, GitHub, Bitbucket and Okta rules, every one runnable, with licence and attribution', () => {
  assert.ok(rules.length >= 250, `${rules.length} rules`);
  const products = new Set(rules.map((r) => r.logsource.product));
  for (const p of ['aws', 'azure', 'gcp', 'github', 'm365', 'okta', 'bitbucket']) assert.ok(products.has(p), p);
  assert.ok(rules.some((r) => r.logsource.service?.startsWith('google_workspace')));
  assert.deepEqual(
    rules.filter((r) => r.skipped).map((r) => `${r.file}: ${r.skipped}`),
    [],
  );
  const dir = path.join(__dirname, '../../src/main/engine/detect/rules');
  assert.match(fs.readFileSync(path.join(dir, 'LICENSE.md'), 'utf8'), /Detection Rule License \(DRL\) 1\.1/);
  assert.match(fs.readFileSync(path.join(dir, 'README.md'), 'utf8'), /SigmaHQ/);
  assert.ok(
    rules.every((r) => r.author),
    'every bundled rule names its author',
  );
});

test('AWS STS AssumeRole Misuse: userIdentity.type AssumedRole and sessionIssuer.type Role, on a real CloudTrail file', () => {
  // selection: userIdentity.type: AssumedRole; userIdentity.sessionContext.sessionIssuer.type: Role
  const rule = byId('905d389b-b853-46d0-9d3d-dea0d3a3cd49');
  const recs = lines('aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json');
  const should = (r: Rec) => r.userIdentity?.type === 'AssumedRole' && r.userIdentity?.sessionContext?.sessionIssuer?.type === 'Role';
  const yes = recs.filter(should);
  assert.ok(yes.length > 0 && yes.length < recs.length, `${yes.length} of ${recs.length}`);
  for (const r of recs) assert.equal(hit(rule, r), should(r), r.eventName as string);
  // Near miss: the same record, issued by a user instead of a role.
  const near = structuredClone(yes[0]!);
  near.userIdentity.sessionContext.sessionIssuer.type = 'User';
  assert.equal(hit(rule, near), false);
});

test('Azure "Number Of Resource Creation Or Deployment Activities": its keywords in a real activity log', () => {
  // keywords: Microsoft.Compute/virtualMachines/write, Microsoft.Resources/deployments/write
  const rule = byId('d2d901db-7a75-45a1-bc39-0cbf00812192');
  const text = fs.readFileSync(path.join(CORPUS_DIR, 'azure_activity/plaso_azure_activity_log.jsonl'), 'utf8').split('\n').filter(Boolean);
  const should = (l: string) => l.includes('Microsoft.Compute/virtualMachines/write') || l.includes('Microsoft.Resources/deployments/write');
  assert.equal(text.filter(should).length, 1);
  for (const l of text) assert.equal(hit(rule, JSON.parse(l)), should(l));
  const near = JSON.parse(text.find(should)!.replaceAll('Microsoft.Compute/virtualMachines/write', 'Microsoft.Compute/virtualMachines/read'));
  assert.equal(hit(rule, near), false);
});

test('Github Delete Action Invoked: action repo.destroy, not the repo.delete of a real GitHub audit log', () => {
  // selection: action: codespaces.destroy, environment.delete, project.delete, repo.destroy
  const rule = byId('16a71777-0b2e-4db7-9888-9d59cb75200b');
  const recs = lines('github/elastic_github_enterprise_audit.log');
  const real = recs.find((r) => r.action === 'repo.delete');
  assert.ok(real);
  for (const r of recs) assert.equal(hit(rule, r), false, r.action as string);
  assert.equal(hit(rule, { ...real, action: 'repo.destroy' }), true);
  assert.equal(hit(rule, { ...real, action: 'repo.destroyed' }), false);
});

test('the runner only skips a rule on a record the rule cannot match (prefilter), over every line-based corpus record', () => {
  const plan = planOf(rules.filter((r) => !r.skipped));
  // Per product, as the runner plans per source: those whose rules all need a top-level value may skip parsing.
  const products = [...new Set(rules.map((r) => r.logsource.product))].map((p) => rules.filter((r) => r.logsource.product === p && !r.skipped));
  const textual = products.map((rs) => ({ rs, keys: textKeys(planOf(rs)) })).filter((x) => x.keys);
  assert.ok(textual.length >= 2, `${textual.length} products read from the text`);
  let records = 0;
  let matched = 0;
  let unparsed = 0;
  const files = fs.readdirSync(CORPUS_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(jsonl|log)$/.test(f));
  for (const f of files) {
    for (const l of fs.readFileSync(path.join(CORPUS_DIR, f), 'utf8').split('\n')) {
      let rec: unknown;
      try {
        rec = JSON.parse(l);
      } catch {
        continue;
      }
      records++;
      // Every rule against every record, ignoring logsource, so that many rules do match somewhere.
      for (const variant of [rec, { ...(rec as object), eventName: 'ConsoleLogin', action: 'repo.destroy', eventType: 'user.mfa.factor.deactivate' }]) {
        view.reset(variant);
        for (const { rs, keys } of textual) {
          for (const text of [JSON.stringify(variant), JSON.stringify(variant, null, 2)]) {
            if (!cannotMatch(keys!, text)) continue;
            unparsed++;
            for (const r of rs) assert.equal(r.match(view), false, `${r.file} matches a record of ${f} its text turned down`);
          }
        }
        const allowed = new Set(candidates(plan, view));
        for (const r of rules) {
          if (r.skipped || !r.match(view)) continue;
          matched++;
          assert.ok(allowed.has(r), `${r.file} matches a record of ${f} but the prefilter left it out`);
        }
      }
    }
  }
  assert.ok(records > 100 && matched > 20 && unparsed > 100, `${records} records, ${matched} matches, ${unparsed} left unparsed`);
});
