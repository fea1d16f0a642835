// How a stored raw record is found damaged, and how that is said: one rule for every reader of
// raw.seg (an event shown, a JSON export, the CSV fast lane), so no path can hand on damaged bytes.

/** Eight zero bytes: no JSON text or log line holds them, a zeroed stretch of a damaged disk does. */
const ZERO_RUN = Buffer.alloc(8);

/** A stored raw record cannot be read back: the message names the event, its source and offset. */
export class DamagedEntry extends Error {}

export function damagedEntry(id: number, sourceName: string, segmentFile: string, off: number, len: number, reason: string): DamagedEntry {
  return new DamagedEntry(`event ${id} (source ${sourceName}, ${segmentFile} offset ${off}, ${len} bytes): its raw record is damaged (${reason})`);
}

/**
 * Why the entry at buf[start, start + len) cannot be trusted, or null; checks what can be checked
 * without decoding it. seekZeros false: the caller knows buf holds no zero run (see noZeroRun).
 */
export function entryDamage(buf: Buffer, start: number, len: number, seekZeros = true): string | null {
  const zero = seekZeros ? buf.indexOf(ZERO_RUN, start) : -1;
  if (zero >= 0 && zero + ZERO_RUN.length <= start + len) return 'it holds a stretch of zero bytes';
  if (len < 4) return `entry of ${len} bytes is too short`;
  const xLen = buf.readUInt32LE(start);
  if (xLen < 2 || 4 + xLen > len) return `entry header gives ${xLen} bytes of extras in ${len}`;
  return null;
}

/** True when no entry in buf can hold a zero run: one search for a whole batch in the common case. */
export function noZeroRun(buf: Buffer): boolean {
  return buf.indexOf(ZERO_RUN) < 0;
}
