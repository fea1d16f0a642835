// The full-text index over raw records: a contentless FTS4 table (sql.js has FTS4, not FTS5) keyed by
// event id. Contentless because the raw text already lives in the segment file; the heap holds only
// the inverted index. The app and serve build it in the background after imports and syncs
// (search-build.ts); any search first brings it up to date (meta search_upto = highest event id
// indexed), so an import itself never waits for it.

import { parseJsonExact } from '../import/exact-json';

export const CREATE_SEARCH = `CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts4(content="", body)`;

/**
 * The text indexed for a record: for JSON, its string and number values (keys would make every record
 * match "actor" or "id"); otherwise the raw text as stored (CSV rows, log lines).
 */
export function searchText(raw: string): string {
  const c = raw.trimStart()[0];
  if (c !== '{' && c !== '[') return raw;
  let value: unknown;
  try {
    value = parseJsonExact(raw);
  } catch {
    return raw;
  }
  // An explicit stack, not recursion: a record nested 100,000 deep is valid JSON and must not
  // overflow the call stack of every later search. Values come out in document order (phrases).
  const out: string[] = [];
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number') out.push(String(v));
    else if (v && typeof v === 'object') {
      const kids = Array.isArray(v) ? v : Object.values(v);
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return out.join(' ');
}
