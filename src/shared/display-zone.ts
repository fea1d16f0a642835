// The time zone times are shown in: UTC, the machine's local zone, or a chosen IANA zone. Only display:
// stored times stay UTC and the record's original text is kept alongside. luxon does the zone math
// (DST included) so it is not hand-written here.
import { DateTime, IANAZone } from 'luxon';
import { EPOCH_BOUND, ZONED_BOUND } from './time-bound';

export type DisplayZone = 'UTC' | 'local' | (string & {});

export function isValidZone(zone: string): boolean {
  return zone === 'UTC' || zone === 'local' || IANAZone.isValidZone(zone);
}

/** `2026-03-13 19:30:00.850 +05:30` (UTC stays `2026-03-13 14:00:00.850`, as before the switch). */
export function formatInZone(iso: string, zone: DisplayZone): string {
  const d = DateTime.fromISO(iso, { zone: 'utc' });
  if (!d.isValid) return iso;
  if (zone === 'UTC') return d.toFormat('yyyy-MM-dd HH:mm:ss.SSS');
  const z = zone === 'local' ? d.toLocal() : d.setZone(zone);
  return z.isValid ? z.toFormat('yyyy-MM-dd HH:mm:ss.SSS ZZ') : iso;
}

/** The name shown in headers: "UTC", "local (Europe/Berlin)", or the zone. */
export function zoneLabel(zone: DisplayZone): string {
  if (zone === 'local') return `local, ${DateTime.local().zoneName ?? 'system'}`;
  return zone;
}

const inZone = (d: DateTime, zone: DisplayZone): DateTime => (zone === 'UTC' ? d.toUTC() : zone === 'local' ? d.toLocal() : d.setZone(zone));

/**
 * A from/to bound as the boxes show it: ISO 8601 in the display zone with its offset
 * (`2026-03-13T19:30:00+05:30`), so it names one instant whichever zone later reads it; UTC ends in Z.
 */
export function boundInZone(iso: string, zone: DisplayZone): string {
  const d = DateTime.fromISO(iso, { zone: 'utc' });
  if (!d.isValid) return iso;
  const z = inZone(d, zone);
  return z.isValid ? (z.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? iso).replace(/\+00:00$/, zone === 'UTC' ? 'Z' : '+00:00') : iso;
}

/** The instant a typed bound names when read in a zone (its own offset, if it has one). */
function instant(text: string, zone: DisplayZone): DateTime | null {
  const t = text.trim().replace(' ', 'T');
  const d = ZONED_BOUND.test(t) ? DateTime.fromISO(t, { setZone: true }) : DateTime.fromISO(t, { zone: zone === 'UTC' ? 'utc' : zone });
  return d.isValid ? d : null;
}

/**
 * A typed from/to as the engine should read it: a date or time without a zone means the display zone
 * (the engine reads it as UTC, so it gets the offset spelled out). Epoch milliseconds, times with a zone
 * and text that is not a time pass unchanged, for the engine to accept or refuse.
 */
export function zonedBound(text: string, zone: DisplayZone): string {
  const t = text.trim();
  if (zone === 'UTC' || EPOCH_BOUND.test(t) || ZONED_BOUND.test(t)) return t;
  return instant(t, zone)?.toISO({ suppressMilliseconds: true, includeOffset: true }) ?? t;
}

/** A bound typed in one display zone, shown in another (the same instant); text that is not a time stays. */
export function rezoneBound(text: string, from: DisplayZone, to: DisplayZone): string {
  if (!text.trim() || EPOCH_BOUND.test(text.trim())) return text;
  const d = instant(text, from);
  return d ? boundInZone(d.toUTC().toISO()!, to) : text;
}
