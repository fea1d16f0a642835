// Turning a source value into the text a model field holds. Exports write "missing" many ways
// ("", "-", "null", "None"); all of them are null here so filters and counts agree.

const NULLISH = new Set(['', '-', 'null', 'NULL', 'Null', 'None', 'undefined', 'N/A', 'n/a']);

export function isNullish(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return NULLISH.has(v.trim());
  return false;
}

// When an actor or target is an object, the most telling member names it.
const NAME_KEYS = [
  'email',
  'alternateId',
  'userPrincipalName',
  'login',
  'username',
  'userName',
  'user_name',
  'name',
  'displayName',
  'display_name',
  'arn',
  'id',
  'uuid',
];

export function toText(v: unknown, depth = 0): string | null {
  if (v === null || v === undefined) return null;
  switch (typeof v) {
    case 'string': {
      let s = v;
      const c0 = s.charCodeAt(0);
      if (c0 <= 32 || s.charCodeAt(s.length - 1) <= 32) s = s.trim();
      if (s.length <= 9 && NULLISH.has(s)) return null;
      return s;
    }
    case 'number':
      return Number.isFinite(v) ? String(v) : null;
    case 'boolean':
    case 'bigint':
      return String(v);
    case 'object': {
      if (depth > 3) return null;
      if (Array.isArray(v)) {
        for (const el of v) {
          const t = toText(el, depth + 1);
          if (t !== null) return t;
        }
        return null;
      }
      const o = v as Record<string, unknown>;
      for (const k of NAME_KEYS) {
        if (k in o) {
          const t = toText(o[k], depth + 1);
          if (t !== null) return t;
        }
      }
      // A wrapper such as Slack's actor {type, user:{...}}: look one level down.
      for (const val of Object.values(o)) {
        if (val && typeof val === 'object') {
          const t = toText(val, depth + 1);
          if (t !== null) return t;
        }
      }
      return null;
    }
    default:
      return null;
  }
}

export function isEmail(s: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(s);
}

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(:\d+)?$/;
const IPV6 = /^\[?[0-9a-fA-F:]{2,39}(%\w+)?\]?(:\d+)?$/;

/** An IP address as logs write it: v4, v6, with a port, or an X-Forwarded-For chain. */
export function looksLikeIp(s: string): boolean {
  const parts = s.includes(',') ? s.split(',') : [s];
  return parts.every((p) => {
    const t = p.trim();
    const m = IPV4.exec(t);
    if (m) return [m[1], m[2], m[3], m[4]].every((x) => Number(x) <= 255);
    return t.includes(':') && IPV6.test(t) && /[0-9a-fA-F]/.test(t) && (t.match(/:/g)?.length ?? 0) >= 2;
  });
}
