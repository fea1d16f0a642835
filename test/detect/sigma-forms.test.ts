// Each supported Sigma form on hand-made records: modifiers, wildcards, lists, maps, null, keywords,
// and every condition shape; unsupported features come back as skipped with the reason.
import test from 'node:test';
import assert from 'node:assert/strict';
import { compileRule } from '../../src/main/engine/detect/sigma-rule';
import { RecordView } from '../../src/main/engine/detect/record-view';
import { regexLiteral } from '../../src/main/engine/detect/sigma-value';

function rule(detection: string): ReturnType<typeof compileRule> {
  const text = `title: t\nid: r1\nlogsource:\n  product: aws\n  service: cloudtrail\ndetection:\n${detection
    .trim()
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n')}\nlevel: high\n`;
  return compileRule(text, 'test.yml');
}

function matches(detection: string, rec: unknown): boolean {
  const r = rule(detection);
  assert.equal(r.skipped, null, `rule skipped: ${r.skipped}`);
  const v = new RecordView();
  v.reset(rec);
  return r.match(v);
}

const rec = {
  eventName: 'DeleteTrail',
  eventSource: 'cloudtrail.amazonaws.com',
  sourceIPAddress: '10.1.2.3',
  userIdentity: { type: 'AssumedRole', sessionContext: { sessionIssuer: { type: 'Role' } } },
  requestParameters: { cmd: 'powershell -enc SQBFAFgA', tags: ['a', 'prod-db'], count: 42, flag: true, nothing: null },
  resources: [{ ARN: 'arn:aws:s3:::one' }, { ARN: 'arn:aws:s3:::secret-bucket' }],
  'meta.remote_ip': '192.168.0.9',
  b64: 'aGVsbG8gd29ybGQ=',
  blob: 'prefix ' + Buffer.from('xxwhoamiyy').toString('base64'),
  cmdline: 'net user /add admin',
  CloudTrailEvent: JSON.stringify({ errorCode: 'AccessDenied' }),
};

test('plain values compare case-insensitively, whole; numbers and booleans as text', () => {
  assert.ok(matches('sel:\n  eventName: deletetrail\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  eventName: Delete\ncondition: sel', rec));
  assert.ok(matches('sel:\n  requestParameters.count: 42\ncondition: sel', rec));
  assert.ok(matches('sel:\n  requestParameters.flag: true\ncondition: sel', rec));
  assert.ok(matches("sel:\n  requestParameters.flag: 'True'\ncondition: sel", rec));
});

test('wildcards * and ?, and escaped ones are literal', () => {
  assert.ok(matches("sel:\n  eventName: 'Delete*'\ncondition: sel", rec));
  assert.ok(matches("sel:\n  eventName: '*Trail'\ncondition: sel", rec));
  assert.ok(matches("sel:\n  eventName: 'D?leteT*l'\ncondition: sel", rec));
  assert.ok(!matches("sel:\n  eventName: 'D?Trail'\ncondition: sel", rec));
  assert.ok(!matches("sel:\n  eventName: 'Delete\\*'\ncondition: sel", rec));
  assert.ok(matches("sel:\n  eventName: 'Delete\\*'\ncondition: sel", { eventName: 'delete*' }));
});

test('contains, startswith, endswith, and all', () => {
  assert.ok(matches('sel:\n  eventSource|contains: TRAIL.amazon\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  eventSource|contains: s3.\ncondition: sel', rec));
  assert.ok(matches('sel:\n  eventSource|startswith: cloudtrail.\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  eventSource|startswith: amazonaws\ncondition: sel', rec));
  assert.ok(matches('sel:\n  eventSource|endswith: .COM\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  eventSource|endswith: cloudtrail\ncondition: sel', rec));
  assert.ok(matches('sel:\n  eventSource|contains|all:\n    - cloud\n    - amazon\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  eventSource|contains|all:\n    - cloud\n    - azure\ncondition: sel', rec));
  assert.ok(matches('sel:\n  eventSource|contains:\n    - cloud\n    - azure\ncondition: sel', rec));
});

test('re (with i), cidr, base64, base64offset, windash, cased, exists, fieldref, numeric', () => {
  assert.ok(matches("sel:\n  eventName|re: '^Delete(Trail|Bucket)$'\ncondition: sel", rec));
  assert.ok(!matches("sel:\n  eventName|re: '^deletetrail$'\ncondition: sel", rec));
  assert.ok(matches("sel:\n  eventName|re|i: '^deletetrail$'\ncondition: sel", rec));
  assert.ok(matches('sel:\n  sourceIPAddress|cidr: 10.0.0.0/8\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  sourceIPAddress|cidr: 10.2.0.0/16\ncondition: sel', rec));
  assert.ok(matches("sel:\n  sourceIPAddress|cidr: '2001:db8::/32'\ncondition: sel", { sourceIPAddress: '2001:db8::1' }));
  assert.ok(matches('sel:\n  b64|base64: hello world\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  b64|base64: hello there\ncondition: sel', rec));
  assert.ok(matches('sel:\n  blob|base64offset|contains: whoami\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  blob|base64offset|contains: whoareyou\ncondition: sel', rec));
  // windash: "/add" in the record matches the rule's "-add".
  assert.ok(matches("sel:\n  cmdline|windash|contains: ' -add'\ncondition: sel", rec));
  assert.ok(!matches("sel:\n  cmdline|contains: ' -add'\ncondition: sel", rec));
  assert.ok(matches('sel:\n  eventName|cased: DeleteTrail\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  eventName|cased: deletetrail\ncondition: sel', rec));
  assert.ok(matches('sel:\n  requestParameters.cmd|exists: true\ncondition: sel', rec));
  assert.ok(matches('sel:\n  requestParameters.absent|exists: false\ncondition: sel', rec));
  assert.ok(matches('sel:\n  eventName|fieldref: other\ncondition: sel', { eventName: 'X', other: 'x' }));
  assert.ok(!matches('sel:\n  eventName|fieldref: other\ncondition: sel', { eventName: 'X', other: 'y' }));
  assert.ok(matches('sel:\n  requestParameters.count|gte: 42\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  requestParameters.count|gt: 42\ncondition: sel', rec));
});

test('dotted paths: nested objects, arrays of objects, a flat dotted key, a JSON text field', () => {
  assert.ok(matches('sel:\n  userIdentity.sessionContext.sessionIssuer.type: Role\ncondition: sel', rec));
  assert.ok(matches('sel:\n  resources.ARN|endswith: secret-bucket\ncondition: sel', rec));
  assert.ok(matches('sel:\n  requestParameters.tags: prod-db\ncondition: sel', rec));
  assert.ok(matches('sel:\n  meta.remote_ip: 192.168.0.9\ncondition: sel', rec));
  assert.ok(matches('sel:\n  CloudTrailEvent.errorCode: AccessDenied\ncondition: sel', rec));
});

test('null matches a missing or null field; a list of maps is OR, a map is AND', () => {
  assert.ok(matches('sel:\n  errorCode: null\ncondition: sel', rec));
  assert.ok(matches('sel:\n  requestParameters.nothing: null\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  eventName: null\ncondition: sel', rec));
  assert.ok(matches("sel:\n  eventName: ''\ncondition: sel", { eventName: '' }));
  assert.ok(!matches("sel:\n  eventName: ''\ncondition: sel", rec));
  assert.ok(!matches('sel:\n  eventName: DeleteTrail\n  eventSource: s3.amazonaws.com\ncondition: sel', rec));
  assert.ok(matches('sel:\n  - eventName: nope\n  - eventSource: cloudtrail.amazonaws.com\ncondition: sel', rec));
  assert.ok(!matches('sel:\n  - eventName: nope\n  - eventSource: nope\ncondition: sel', rec));
});

test('keywords search every value of the record', () => {
  assert.ok(matches('keywords:\n  - secret-bucket\n  - nothing-here\ncondition: keywords', rec));
  assert.ok(!matches('keywords:\n  - nothing-here\ncondition: keywords', rec));
  assert.ok(matches("keywords:\n  - 'powershell*SQBF'\ncondition: keywords", rec));
});

test('conditions: and, or, not, parentheses, 1 of, all of, them, precedence', () => {
  const sels = 'sel_a:\n  eventName: DeleteTrail\nsel_b:\n  eventSource: nope\nfilter_x:\n  sourceIPAddress: 10.1.2.3\n';
  assert.ok(!matches(`${sels}condition: sel_a and sel_b`, rec));
  assert.ok(matches(`${sels}condition: sel_a or sel_b`, rec));
  assert.ok(!matches(`${sels}condition: sel_a and not filter_x`, rec));
  assert.ok(matches(`${sels}condition: sel_a and not sel_b`, rec));
  assert.ok(matches(`${sels}condition: 1 of sel_*`, rec));
  assert.ok(!matches(`${sels}condition: all of sel_*`, rec));
  assert.ok(matches(`${sels}condition: any of sel_*`, rec));
  assert.ok(matches(`${sels}condition: 1 of them`, rec));
  assert.ok(!matches(`${sels}condition: all of them`, rec));
  assert.ok(matches(`${sels}condition: all of sel_a or sel_b`, rec));
  // not binds tighter than and, and tighter than or: (not sel_b) and sel_a.
  assert.ok(matches(`${sels}condition: not sel_b and sel_a`, rec));
  assert.ok(!matches(`${sels}condition: not (sel_b or sel_a)`, rec));
  assert.ok(matches(`${sels}condition: sel_b or sel_a and filter_x`, rec));
  assert.ok(!matches(`${sels}condition: (sel_b or sel_a) and not filter_x`, rec));
  assert.ok(matches(`${sels}condition: sel_a and not 1 of filter_* or sel_a`, rec));
});

test('unsupported features are skipped with the reason, never run', () => {
  assert.match(rule('sel:\n  eventName: x\ncondition: sel | count() > 5').skipped ?? '', /aggregation/);
  assert.match(rule('sel:\n  eventName: x\ntimeframe: 5m\ncondition: sel').skipped ?? '', /timeframe/);
  assert.match(rule('sel:\n  eventName|wide|base64: x\ncondition: sel').skipped ?? '', /modifier "wide"/);
  assert.match(rule('sel:\n  eventName|nosuch: x\ncondition: sel').skipped ?? '', /modifier "nosuch"/);
  assert.match(rule("sel:\n  eventName|re: '(unclosed'\ncondition: sel").skipped ?? '', /regular expression/);
  assert.match(rule('sel:\n  eventName: x\ncondition: sel and other').skipped ?? '', /no selection named "other"/);
  assert.match(rule('sel:\n  eventName: x\ncondition: 2 of sel*').skipped ?? '', /"2 of"/);
  assert.match(rule('sel:\n  sourceIPAddress|cidr: not-a-range\ncondition: sel').skipped ?? '', /CIDR/);
  assert.match(compileRule('title: [unclosed', 'bad.yml').skipped ?? '', /YAML/);
  assert.match(compileRule('title: a\n---\ntitle: b\n', 'multi.yml').skipped ?? '', /several YAML documents/);
});

test('a regex is first tried as the plain text every match must contain, without changing what matches', () => {
  assert.equal(regexLiteral('.+:assumed-role/aws:.+'), ':assumed-role/aws:');
  assert.equal(regexLiteral('ab?cd'), 'cd');
  assert.equal(regexLiteral('x{0,2}yz'), 'yz');
  assert.equal(regexLiteral('a|b'), '');
  assert.equal(regexLiteral('\\d+abc'), '');
  for (const [pattern, value, want] of [
    ['.+:assumed-role/aws:.+', 'arn:aws:sts::1:assumed-role/aws:x', true],
    ['.+:assumed-role/aws:.+', 'arn:aws:sts::1:assumed-role/other:x', false],
    ['ab?c', 'ac', true],
    ['x{0,2}yz', 'yz', true],
    ['x{0,2}yz', 'xxxyz', true],
  ] as const) {
    assert.equal(matches(`sel:\n  f|re: '${pattern}'\ncondition: sel`, { f: value }), want, `${pattern} on ${value}`);
  }
  assert.ok(matches("sel:\n  f|re|i: 'ASSUMED-role'\ncondition: sel", { f: 'x:Assumed-Role:y' }));
});
