import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatUtc, parseTime } from '../../src/shared/time';

const iso = (v: unknown, opts?: { assumeUtc?: boolean }): string | null => {
  const r = parseTime(v, opts);
  return r.ms === null ? null : formatUtc(r.ms);
};

test('epoch seconds, milliseconds, microseconds and nanoseconds, as numbers or digit strings', () => {
  assert.equal(iso(1521214343), '2018-03-16T15:32:23.000Z');
  assert.equal(iso('1521214343'), '2018-03-16T15:32:23.000Z');
  assert.equal(iso(1741611465102), '2025-03-10T12:57:45.102Z');
  assert.equal(iso('1400681361906'), '2014-05-21T14:09:21.906Z');
  assert.equal(iso(1741611465102345), '2025-03-10T12:57:45.102Z');
  assert.equal(iso('1741611465102345678'), '2025-03-10T12:57:45.102Z');
  assert.equal(iso(1741862400123.457), '2025-03-13T10:40:00.123Z');
  assert.equal(parseTime(1101).flag, 'invalid', 'a small number is a code, not a time');
});

test('ISO 8601 with Z, +hh:mm, +hhmm, +hh, any fraction, T or space', () => {
  assert.equal(iso('2024-05-12T10:59:58.5460795Z'), '2024-05-12T10:59:58.546Z');
  assert.equal(iso('2024-05-12T10:59:58.68Z'), '2024-05-12T10:59:58.680Z');
  assert.equal(iso('2021-10-19T02:57:47.834659236Z'), '2021-10-19T02:57:47.834Z');
  const lookup = parseTime('2022-02-08 09:23:37+11:00');
  assert.equal(formatUtc(lookup.ms!), '2022-02-07T22:23:37.000Z');
  assert.equal(lookup.offset, '+11:00');
  assert.equal(lookup.flag, null);
  const jira = parseTime('2022-04-12T18:45:42.967+0000');
  assert.equal(formatUtc(jira.ms!), '2022-04-12T18:45:42.967Z');
  assert.equal(jira.offset, '+0000');
  assert.equal(iso('2019-10-18T04:45:48.0729893-05:00'), '2019-10-18T09:45:48.072Z');
  assert.equal(iso('2024-01-01T10:00+05'), '2024-01-01T05:00:00.000Z');
  assert.equal(iso('2024-01-01t10:00:00z'), '2024-01-01T10:00:00.000Z');
  assert.equal(parseTime('2021-11-30T20:19:48Z').offset, 'Z');
});

test('zoneless times are computed as UTC but flagged, never shifted silently', () => {
  const m365 = parseTime('2022-05-07T12:55:53');
  assert.equal(formatUtc(m365.ms!), '2022-05-07T12:55:53.000Z');
  assert.equal(m365.flag, 'no-zone');
  assert.equal(m365.offset, null);
  const spaced = parseTime('2024-05-12 10:39:53.540');
  assert.equal(formatUtc(spaced.ms!), '2024-05-12T10:39:53.540Z');
  assert.equal(spaced.flag, 'no-zone');
  assert.equal(parseTime('2022-05-07T12:55:53', { assumeUtc: true }).flag, null);
});

test('US locale Log Analytics times', () => {
  const r = parseTime('5/12/2024, 10:39:53.540 AM');
  assert.equal(formatUtc(r.ms!), '2024-05-12T10:39:53.540Z');
  assert.equal(r.flag, 'no-zone');
  assert.equal(iso('5/12/2024, 12:05:01.000 PM'), '2024-05-12T12:05:01.000Z');
  assert.equal(iso('5/12/2024, 12:05:01.000 AM'), '2024-05-12T00:05:01.000Z');
  assert.equal(iso('5/12/2024, 1:05:01 PM'), '2024-05-12T13:05:01.000Z');
  assert.equal(parseTime('5/12/2024, 10:39:53.540 AM', { assumeUtc: true }).flag, null);
});

test('invalid and missing values', () => {
  const bad = parseTime('2022-10-24T21:16:62.827288935Z');
  assert.deepEqual(bad, {
    ms: null,
    original: '2022-10-24T21:16:62.827288935Z',
    flag: 'invalid',
    offset: null,
  });
  assert.equal(parseTime('2023-02-29T00:00:00Z').flag, 'invalid');
  assert.equal(parseTime('2023-13-01T00:00:00Z').flag, 'invalid');
  assert.equal(parseTime('not a time').flag, 'invalid');
  for (const v of [null, undefined, '', '  ', '-']) assert.equal(parseTime(v).flag, 'missing', String(v));
});

test('unusual formats go through luxon', () => {
  assert.equal(iso('Tue, 01 Nov 2022 10:00:00 GMT'), '2022-11-01T10:00:00.000Z');
  assert.equal(iso('Tue, 01 Nov 2022 10:00:00 +0200'), '2022-11-01T08:00:00.000Z');
  assert.equal(iso('10/Oct/2000:13:55:36 -0700'), '2000-10-10T20:55:36.000Z');
});

test('formatUtc writes milliseconds and Z', () => {
  assert.equal(formatUtc(0), '1970-01-01T00:00:00.000Z');
  assert.equal(formatUtc(1644272617000), '2022-02-07T22:23:37.000Z');
});

test('speed: 1M ISO strings (printed, not asserted)', () => {
  const base = Date.UTC(2024, 0, 1);
  const values: string[] = [];
  for (let i = 0; i < 1_000_000; i++) values.push(new Date(base + i * 1234).toISOString());
  const t0 = performance.now();
  let sum = 0;
  for (const v of values) sum += parseTime(v).ms ?? 0;
  const ms = performance.now() - t0;
  assert.ok(sum > 0);
  console.log(`parseTime: 1M ISO strings in ${ms.toFixed(0)} ms`);
});
