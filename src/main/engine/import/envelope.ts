// Decides whether a whole-file JSON object is an envelope around records (API list responses,
// exports) or is itself one record that merely contains an array of objects (a Kubernetes audit
// event, a Workspace activity with events[]). Misjudging either way corrupts an import, so the
// rule is conservative: known record keys, and siblings that look like list/paging metadata.

export interface OutlineEntry {
  kind: 'object' | 'array' | 'scalar';
  /** Elements, for arrays. */
  count: number;
  /** Elements that are objects, for arrays. */
  objects: number;
}

/** Entries of the root object, and of its object-valued children one level down. */
export interface ObjectOutline {
  root: Map<string, OutlineEntry>;
  nested: Map<string, Map<string, OutlineEntry>>;
}

/** Keys under which exports and list APIs put their records, in order of preference. */
export const ENVELOPE_KEYS = [
  'Records',
  'records',
  'logs',
  'entries',
  'events',
  'auditLogs',
  'audit_logs',
  'auditEvents',
  'audit_events',
  'data',
  'items',
  'results',
  'value',
  'hits',
  'activities',
  'rows',
  'result',
  'list',
  'objects',
  'Items',
  'Events',
  'Logs',
  'Data',
  'Results',
];

/** Sibling keys typical of list responses: paging, totals, cursors, API bookkeeping. */
const META_KEY =
  /^(offset|limit|total\w*|count|size|cursor\w*|next\w*|prev\w*|has_?more|more|pagination|paging|page\w*|continuation_?token|object|kind|etag|api_?version|@odata\.\w+|odata\.\w+|links?|_links|meta|metadata|response_metadata|ok|status|success|took|timed_out|_shards|max_score|_?scroll_id|request_?id|done|query|version|warnings?|errors?|messages?|start\w*|end\w*)$/i;

function isRecordArray(e: OutlineEntry): boolean {
  return e.kind === 'array' && e.objects > 0 && e.objects * 2 >= e.count;
}

function siblingsAllow(entries: Map<string, OutlineEntry>, key: string, knownKey: boolean): boolean {
  const others = [...entries.keys()].filter((k) => k !== key);
  const unknown = others.filter((k) => !META_KEY.test(k));
  if (unknown.length === 0) return true;
  // A known key with a single unrecognised sibling (e.g. a "name") is still a list wrapper;
  // more than that and the object reads like a record of its own.
  return knownKey && others.length <= 2 && unknown.length <= 1;
}

function pick(entries: Map<string, OutlineEntry>): string | null {
  let best: string | null = null;
  for (const key of ENVELOPE_KEYS) {
    const e = entries.get(key);
    if (!e || e.kind !== 'array') continue;
    if (!(isRecordArray(e) || e.count === 0)) continue;
    if (best === null || e.count > entries.get(best)!.count) best = key;
  }
  if (best !== null) return siblingsAllow(entries, best, true) ? best : null;
  // No familiar key: accept the longest array of objects only when everything else is metadata.
  for (const [key, e] of entries) {
    if (isRecordArray(e) && (best === null || e.count > entries.get(best)!.count)) best = key;
  }
  return best !== null && siblingsAllow(entries, best, false) ? best : null;
}

/** The key path of the records array, or null when the object is a single record. */
export function chooseEnvelope(outline: ObjectOutline): string[] | null {
  const direct = pick(outline.root);
  if (direct !== null) return [direct];
  for (const key of ENVELOPE_KEYS) {
    const e = outline.root.get(key);
    const inner = outline.nested.get(key);
    if (!e || e.kind !== 'object' || !inner) continue;
    const innerKey = pick(inner);
    if (innerKey !== null && siblingsAllow(outline.root, key, true)) return [key, innerKey];
  }
  return null;
}
