// Every path a record holds, in mapping notation, for inference and the review picker. Descends
// into JSON-encoded strings (as `->`) because vendors nest whole records that way.
import { keyToPath } from '../../../shared/mapping-paths';

export interface PathStat {
  path: string;
  /** Records (of the sample) where the path yields a non-empty value. */
  count: number;
  /** Up to a few non-empty values, in record order. */
  examples: unknown[];
  /** Indexes of the sample records that have a value here. */
  records: Set<number>;
  kind: 'leaf' | 'object' | 'array';
  depth: number;
  /** The key the path ends in (the filter label for `[name=X].value` paths). */
  leaf: string;
  /** Keys of the objects along the path (for "is this under actor/target/..." questions). */
  parents: string[];
}

const MAX_DEPTH = 8;
const MAX_PATHS_PER_RECORD = 2000;
const MAX_EXAMPLES = 5;

function looksJsonText(s: string): boolean {
  const t = s.trimStart();
  return (t.startsWith('{') && s.trimEnd().endsWith('}')) || (t.startsWith('[') && s.trimEnd().endsWith(']'));
}

function nonEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string') {
    const t = v.trim();
    return t !== '' && t !== '-' && t !== 'null';
  }
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

interface Visit {
  path: string;
  value: unknown;
  kind: PathStat['kind'];
  depth: number;
  leaf: string;
  parents: string[];
}

// Arrays of {name, value} pairs (Google Workspace parameters, M365 Parameters) are addressed by
// name, which is how people think of them.
const PAIR_NAME_KEYS = ['name', 'Name', 'key', 'Key'];

export function flattenRecord(rec: unknown): Visit[] {
  const out: Visit[] = [];
  const walk = (v: unknown, path: string, depth: number, leaf: string, parents: string[]): void => {
    if (out.length >= MAX_PATHS_PER_RECORD) return;
    if (typeof v === 'string' && path !== '' && looksJsonText(v)) {
      let decoded: unknown;
      try {
        decoded = JSON.parse(v);
      } catch {
        decoded = undefined;
      }
      if (decoded !== undefined && typeof decoded === 'object' && decoded !== null) {
        out.push({ path, value: v, kind: 'leaf', depth, leaf, parents });
        walkContainer(decoded, `${path}->`, depth, leaf, parents);
        return;
      }
    }
    if (v !== null && typeof v === 'object') {
      if (path !== '')
        out.push({
          path,
          value: v,
          kind: Array.isArray(v) ? 'array' : 'object',
          depth,
          leaf,
          parents,
        });
      walkContainer(v, path, depth, leaf, parents);
      return;
    }
    out.push({ path, value: v, kind: 'leaf', depth, leaf, parents });
  };
  const walkContainer = (v: unknown, path: string, depth: number, leaf: string, parents: string[]): void => {
    if (depth >= MAX_DEPTH) return;
    const afterDecode = path.endsWith('->');
    const join = (k: string): string => (path === '' || afterDecode ? path + keyToPath(k, true) : path + keyToPath(k, false));
    const childParents = leaf === '' ? parents : [...parents, leaf];
    if (Array.isArray(v)) {
      const objs = v.filter((e) => e && typeof e === 'object' && !Array.isArray(e)) as Record<string, unknown>[];
      const nameKey = PAIR_NAME_KEYS.find((k) => objs.length > 0 && objs.every((o) => typeof o[k] === 'string'));
      if (nameKey && objs.length > 1) {
        for (const o of objs) {
          const label = String(o[nameKey]);
          if (!/^[^\]=]+$/.test(label)) continue;
          const base = `${path}[${nameKey}=${label}]`;
          for (const [k, val] of Object.entries(o)) {
            if (k === nameKey) continue;
            walk(val, base + keyToPath(k, false), depth + 1, label, childParents);
          }
        }
        return;
      }
      // Elements of one array are usually one shape: describe them together as `a[]` (first with a
      // value) and keep `a[0]` for scalars.
      if (objs.length > 0) {
        const merged: Record<string, unknown> = {};
        for (const o of objs) for (const [k, val] of Object.entries(o)) if (!(k in merged) || !nonEmpty(merged[k])) merged[k] = val;
        for (const [k, val] of Object.entries(merged)) walk(val, `${path}[]${keyToPath(k, false)}`, depth + 1, k, childParents);
      } else if (v.length > 0) {
        walk(v[0], `${path}[0]`, depth + 1, leaf, parents);
      }
      return;
    }
    for (const [k, val] of Object.entries(v as Record<string, unknown>)) walk(val, join(k), depth + 1, k, childParents);
  };
  walk(rec, '', 0, '', []);
  return out;
}

export function collectPaths(samples: readonly unknown[]): Map<string, PathStat> {
  const stats = new Map<string, PathStat>();
  samples.forEach((rec, idx) => {
    for (const v of flattenRecord(rec)) {
      let s = stats.get(v.path);
      if (!s) {
        s = {
          path: v.path,
          count: 0,
          examples: [],
          records: new Set(),
          kind: v.kind,
          depth: v.depth,
          leaf: v.leaf,
          parents: v.parents,
        };
        stats.set(v.path, s);
      }
      if (nonEmpty(v.value) && !s.records.has(idx)) {
        s.count++;
        s.records.add(idx);
        if (s.examples.length < MAX_EXAMPLES) s.examples.push(v.value);
      }
    }
  });
  return stats;
}

export { nonEmpty };
