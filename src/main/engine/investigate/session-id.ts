// A session id kept anywhere in a JSON record (sessionId, session_id, session.id, authenticationContext
// .externalSessionId, ...). There is no column for it: traces by session are rare and start from one
// event, so reading it from the raw record on demand keeps the import path and the heap unchanged.

import { parseJsonExact } from '../import/exact-json';

const SESSION_KEY = /^(?:[a-z]*_?)?session_?id$/i;

export function findSessionId(raw: string): string | null {
  let value: unknown;
  try {
    value = parseJsonExact(raw);
  } catch {
    return null;
  }
  return search(value, 0);
}

function search(v: unknown, depth: number): string | null {
  if (depth > 8 || v === null || typeof v !== 'object') return null;
  const entries = Array.isArray(v) ? v.map((x, i) => [String(i), x] as const) : Object.entries(v as Record<string, unknown>);
  for (const [k, x] of entries) {
    if (SESSION_KEY.test(k) && isId(x)) return String(x);
    if (/^session$/i.test(k) && x && typeof x === 'object' && isId((x as Record<string, unknown>).id)) {
      return String((x as Record<string, unknown>).id);
    }
  }
  for (const [, x] of entries) {
    const hit = search(x, depth + 1);
    if (hit) return hit;
  }
  return null;
}

const isId = (x: unknown): boolean => (typeof x === 'string' && x.trim().length >= 4) || (typeof x === 'number' && Number.isFinite(x));
