// Time values as audit logs write them, read into UTC milliseconds without ever shifting a
// zoneless time silently: such times are computed as if UTC and flagged 'no-zone' for the UI.
// ISO 8601 is parsed by hand (imports run it millions of times); luxon only sees oddities.
import { DateTime } from 'luxon';
import type { TimeFlag } from './event';

export interface ParsedTime {
  ms: number | null;
  /** The value as written (numbers as their decimal text). */
  original: string | null;
  flag: TimeFlag | null;
  /** The zone designator as written ("Z", "+11:00", "+0000"), when there was one. */
  offset: string | null;
}

export interface ParseTimeOptions {
  /** The column says the zone (e.g. "TimeGenerated [UTC]"): zoneless values are UTC, not flagged. */
  assumeUtc?: boolean;
}

const MISSING: ParsedTime = {
  ms: null,
  original: null,
  flag: 'missing',
  offset: null,
};

function invalid(original: string): ParsedTime {
  return { ms: null, original, flag: 'invalid', offset: null };
}

// Epoch values are told apart by magnitude; anything before 1973 in seconds is more likely a code
// or a counter than a time, so it is not read as one.
const MIN_EPOCH_SECONDS = 1e8;

function fromEpoch(n: number, original: string): ParsedTime {
  const a = Math.abs(n);
  let ms: number;
  if (a < MIN_EPOCH_SECONDS) return invalid(original);
  if (a < 1e11) ms = n * 1000;
  else if (a < 1e14) ms = n;
  else if (a < 1e17) ms = n / 1000;
  else ms = n / 1e6;
  ms = Math.floor(ms);
  if (!Number.isFinite(ms) || Math.abs(ms) > 8.64e15) return invalid(original);
  return { ms, original, flag: null, offset: null };
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Reads `n` digits at `i`, or -1 when any is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(y: number, m: number): number {
  if (m === 2 && ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0)) return 29;
  return DAYS[m - 1]!;
}

/**
 * YYYY-MM-DD[(T| )HH:mm[:ss[.f…]]][Z|±hh[:mm|mm]]. Returns undefined when the text is not this
 * shape at all (so other readers may try), or an invalid result when it is but the fields are out of
 * range (second=62).
 */
function parseIso(s: string, assumeUtc: boolean): ParsedTime | undefined {
  const len = s.length;
  if (len < 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return undefined;
  const y = digits(s, 0, 4);
  const mo = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  if (y < 0 || mo < 0 || d < 0) return undefined;
  let h = 0;
  let mi = 0;
  let sec = 0;
  let frac = 0;
  let i = 10;
  if (i < len) {
    const sep = s.charCodeAt(i);
    if (sep !== 84 && sep !== 116 && sep !== 32) return undefined; // T, t or space
    h = digits(s, i + 1, 2);
    if (h < 0 || s.charCodeAt(i + 3) !== 58) return undefined;
    mi = digits(s, i + 4, 2);
    if (mi < 0) return undefined;
    i += 6;
    if (s.charCodeAt(i) === 58) {
      sec = digits(s, i + 1, 2);
      if (sec < 0) return undefined;
      i += 3;
      const fc = s.charCodeAt(i);
      if (fc === 46 || fc === 44) {
        // Any number of fraction digits; only the first three matter for milliseconds.
        i++;
        let scale = 100;
        const start = i;
        while (i < len && isDigit(s.charCodeAt(i))) {
          if (scale >= 1) frac += (s.charCodeAt(i) - 48) * scale;
          scale /= 10;
          i++;
        }
        if (i === start) return undefined;
        frac = Math.floor(frac);
      }
    }
  }
  let offsetMin = 0;
  let offset: string | null = null;
  if (i < len) {
    const c = s.charCodeAt(i);
    if ((c === 90 || c === 122) && i === len - 1) {
      offset = 'Z';
    } else if (c === 43 || c === 45) {
      // +hh, +hhmm, +hh:mm
      const rest = len - i - 1;
      const oh = digits(s, i + 1, 2);
      let om = 0;
      if (oh < 0) return undefined;
      if (rest === 2) om = 0;
      else if (rest === 4) om = digits(s, i + 3, 2);
      else if (rest === 5 && s.charCodeAt(i + 3) === 58) om = digits(s, i + 4, 2);
      else return undefined;
      if (om < 0 || oh > 23 || om > 59) return invalid(s);
      offsetMin = (oh * 60 + om) * (c === 45 ? -1 : 1);
      offset = s.slice(i);
    } else {
      return undefined;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 24 || mi > 59 || sec > 59) {
    return invalid(s);
  }
  if (h === 24 && (mi !== 0 || sec !== 0 || frac !== 0)) return invalid(s);
  const ms = Date.UTC(y, mo - 1, d, h, mi, sec, frac) - offsetMin * 60000;
  // Date.UTC maps years 0..99 to 1900..1999; audit logs have no such years, so call them invalid.
  if (y < 100) return invalid(s);
  const flag: TimeFlag | null = offset === null && !assumeUtc ? 'no-zone' : null;
  return { ms, original: s, flag, offset };
}

// "5/12/2024, 10:39:53.540 AM" as Log Analytics writes its "[UTC]" columns in the en-US locale.
const US_LOCALE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?\s*([AaPp][Mm])?$/;

function parseUsLocale(s: string, assumeUtc: boolean): ParsedTime | undefined {
  const m = US_LOCALE.exec(s);
  if (!m) return undefined;
  const mo = Number(m[1]);
  const d = Number(m[2]);
  const y = Number(m[3]);
  let h = Number(m[4]);
  const mi = Number(m[5]);
  const sec = m[6] ? Number(m[6]) : 0;
  const frac = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  const ampm = m[8]?.toUpperCase();
  if (ampm) {
    if (h < 1 || h > 12) return invalid(s);
    if (ampm === 'AM' && h === 12) h = 0;
    else if (ampm === 'PM' && h !== 12) h += 12;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > daysIn(y, mo) || h > 23 || mi > 59 || sec > 59) {
    return invalid(s);
  }
  return {
    ms: Date.UTC(y, mo - 1, d, h, mi, sec, frac),
    original: s,
    flag: assumeUtc ? null : 'no-zone',
    offset: null,
  };
}

const LUXON_FORMATS = [
  'dd/MMM/yyyy:HH:mm:ss ZZZ', // Apache/nginx access logs
  'MMM d, yyyy, h:mm:ss a',
  'MMM d yyyy HH:mm:ss',
];

/** Rare shapes: RFC 2822, HTTP dates, a few log formats. Slow, so it runs last. */
function parseWithLuxon(s: string, assumeUtc: boolean): ParsedTime | undefined {
  const zoned = [DateTime.fromRFC2822(s, { setZone: true }), DateTime.fromHTTP(s, { setZone: true })];
  for (const dt of zoned) {
    if (dt.isValid)
      return {
        ms: dt.toMillis(),
        original: s,
        flag: null,
        offset: dt.toFormat('ZZ'),
      };
  }
  for (const f of LUXON_FORMATS) {
    const dt = DateTime.fromFormat(s, f, { zone: 'utc', setZone: true });
    if (dt.isValid) {
      const zonedFormat = f.includes('Z');
      return {
        ms: dt.toMillis(),
        original: s,
        flag: zonedFormat || assumeUtc ? null : 'no-zone',
        offset: zonedFormat ? dt.toFormat('ZZ') : null,
      };
    }
  }
  return undefined;
}

const EPOCH_TEXT = /^-?\d{9,19}(\.\d+)?$/;

export function parseTime(value: unknown, opts?: ParseTimeOptions): ParsedTime {
  if (value === null || value === undefined) return MISSING;
  const assumeUtc = opts?.assumeUtc === true;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return invalid(String(value));
    return fromEpoch(value, String(value));
  }
  if (typeof value === 'bigint') return fromEpoch(Number(value), value.toString());
  if (value instanceof Date) {
    const ms = value.getTime();
    return Number.isNaN(ms) ? invalid(String(value)) : { ms, original: value.toISOString(), flag: null, offset: 'Z' };
  }
  if (typeof value !== 'string') return invalid(typeof value === 'object' ? JSON.stringify(value) : String(value));
  let s = value;
  const c0 = s.charCodeAt(0);
  const cl = s.charCodeAt(s.length - 1);
  if (c0 <= 32 || cl <= 32) s = s.trim();
  if (s === '' || s === '-' || s === 'null' || s === 'NULL' || s === 'None') return { ...MISSING, original: s === '' ? null : s };
  const iso = parseIso(s, assumeUtc);
  if (iso) return iso;
  if (isDigit(s.charCodeAt(0)) || s.charCodeAt(0) === 45) {
    if (EPOCH_TEXT.test(s)) return fromEpoch(Number(s), s);
    const us = parseUsLocale(s, assumeUtc);
    if (us) return us;
  }
  return parseWithLuxon(s, assumeUtc) ?? invalid(s);
}

/** 'YYYY-MM-DDTHH:mm:ss.sssZ'; the one way the app writes an instant. */
export function formatUtc(ms: number): string {
  return new Date(ms).toISOString();
}
