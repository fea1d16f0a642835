// From/to in the display zone: what the boxes show, what a typed time means, and a zone switch keeping
// the instant; the engine reads every result (parseBound) as the instant the user meant.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { boundInZone, rezoneBound, zonedBound } from '../../src/shared/display-zone';
import { parseBound } from '../../src/main/engine/store/time-bound';

test('from/to bounds follow the display zone and always name one instant', () => {
  const at = '2026-03-13T14:00:00.000Z';
  assert.equal(boundInZone(at, 'UTC'), '2026-03-13T14:00:00Z');
  assert.equal(boundInZone(at, 'Asia/Kolkata'), '2026-03-13T19:30:00+05:30');
  assert.equal(boundInZone('2026-07-01T12:00:00.250Z', 'America/New_York'), '2026-07-01T08:00:00.250-04:00', 'daylight time');
  for (const z of ['UTC', 'Asia/Kolkata', 'America/New_York', 'local']) assert.equal(parseBound(boundInZone(at, z), 'from'), Date.parse(at), z);

  // Typed without a zone: the display zone (UTC as before when that is the zone).
  assert.equal(parseBound(zonedBound('2026-03-13 19:30', 'Asia/Kolkata'), 'from'), Date.parse(at));
  assert.equal(parseBound(zonedBound('2026-03-13', 'Asia/Kolkata'), 'from'), Date.parse('2026-03-12T18:30:00Z'));
  assert.equal(zonedBound('2026-03-13 14:00', 'UTC'), '2026-03-13 14:00');
  for (const kept of ['2026-03-13T14:00Z', '2026-03-13T19:30+05:30', '1773410400000', 'not a time']) assert.equal(zonedBound(kept, 'Asia/Kolkata'), kept);

  // A switch rewrites the box as the same instant in the new zone; what is not a time stays for the engine to refuse.
  assert.equal(rezoneBound('2026-03-13T14:00:00Z', 'UTC', 'Asia/Kolkata'), '2026-03-13T19:30:00+05:30');
  assert.equal(rezoneBound('2026-03-13 19:30', 'Asia/Kolkata', 'UTC'), '2026-03-13T14:00:00Z');
  assert.equal(rezoneBound('2026-03-13', 'UTC', 'Asia/Kolkata'), '2026-03-13T05:30:00+05:30');
  assert.equal(rezoneBound('junk', 'UTC', 'Asia/Kolkata'), 'junk');
  assert.equal(rezoneBound('', 'UTC', 'Asia/Kolkata'), '');
});

test('a bound that is not a time is refused in the query words, naming no CLI flag (the engine serves the app too)', () => {
  assert.throws(() => parseBound('yesterday-ish', 'from'), {
    message: 'the from time "yesterday-ish" is not a date or time (use ISO 8601, e.g. 2026-03-01T10:00:00Z)',
  });
  assert.throws(() => parseBound('soon', 'to'), /^Error: the to time "soon" is not a date or time/);
});
