// The time zone times are shown in: UTC, the machine's local zone, or a chosen IANA zone. Only display:
// stored times stay UTC and the record's original text is kept alongside. luxon does the zone math
// (DST included) so it is not hand-written here.
import { DateTime, IANAZone } from 'luxon';

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
