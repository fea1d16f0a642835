// An actor that arrives as a whole object, or as its text (JSON, or a Python dict's repr as some
// exporters write it), is named by the identity inside it, not by the whole text.
import { toText } from './values';

const IDENTITY_KEYS =
  /^(email|e-?mail|mail|userprincipalname|upn|principalemail|alternateid|arn|username|user_name|login|name|displayname|display_name|id|uuid|userid|user_id|principalid|accountid|account_id|sub)$/i;

function dictText(t: string): unknown {
  try {
    return JSON.parse(t);
  } catch {
    // Python repr: {'name': 'x', 'admin': True, 'id': None}
    const json = t
      .replace(/\bTrue\b/g, 'true')
      .replace(/\bFalse\b/g, 'false')
      .replace(/\bNone\b/g, 'null')
      .replace(/'((?:[^'\\]|\\.)*)'/g, (_, body: string) => JSON.stringify(body.replace(/\\'/g, "'")));
    try {
      return JSON.parse(json);
    } catch {
      return undefined;
    }
  }
}

function looksDict(t: string): boolean {
  return t.length > 2 && t[0] === '{' && t[t.length - 1] === '}';
}

// CloudTrail's anonymous caller {type: AWSAccount, principalId: '', accountId: ANONYMOUS_PRINCIPAL}.
const FALLBACK_KEYS = ['principalId', 'accountId', 'account_id', 'userId', 'user_id', 'sub'];
function fallbackId(o: Record<string, unknown>): string | null {
  for (const k of FALLBACK_KEYS) {
    const t = typeof o[k] === 'string' || typeof o[k] === 'number' ? toText(o[k]) : null;
    if (t !== null) return t;
  }
  return null;
}

/** The identity an actor value names, or null when it holds none. */
export function identityText(v: unknown): string | null {
  if (typeof v === 'string') {
    const t = v.trim();
    if (!looksDict(t)) return toText(v);
    const o = dictText(t);
    if (!o || typeof o !== 'object' || Array.isArray(o)) return null;
    return identityText(o);
  }
  if (v && typeof v === 'object' && !Array.isArray(v)) {
    const o = v as Record<string, unknown>;
    // Only members that name someone: a dict of unrelated settings names no one.
    const hasIdentity = Object.keys(o).some((k) => IDENTITY_KEYS.test(k)) || Object.values(o).some((x) => x && typeof x === 'object');
    if (!hasIdentity) return null;
    const t = toText(o) ?? fallbackId(o);
    return t !== null && looksDict(t) ? identityText(t) : t;
  }
  return toText(v);
}
