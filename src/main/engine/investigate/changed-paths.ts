// Structural difference of two JSON states as a list of changed paths. Objects are compared key by
// key and arrays index by index; a value whose type changes is one "changed" entry, not a cascade.
import type { ChangedPath } from '../../../shared/investigate';

export function changedPaths(before: unknown, after: unknown): ChangedPath[] {
  const out: ChangedPath[] = [];
  walk(before, after, '', out);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const keyPath = (base: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`);

function walk(a: unknown, b: unknown, at: string, out: ChangedPath[]): void {
  if (a === undefined && b === undefined) return;
  if (a === undefined || (a === null && b !== null && at === '')) {
    if (isObject(b) && at === '') {
      for (const k of Object.keys(b)) walk(undefined, b[k], keyPath(at, k), out);
      return;
    }
    out.push({ path: at || '(whole)', kind: 'added', after: b });
    return;
  }
  if (b === undefined || (b === null && a !== null && at === '')) {
    if (isObject(a) && at === '') {
      for (const k of Object.keys(a)) walk(a[k], undefined, keyPath(at, k), out);
      return;
    }
    out.push({ path: at || '(whole)', kind: 'removed', before: a });
    return;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) walk(a[k], b[k], keyPath(at, k), out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${at}[${i}]`, out);
    return;
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path: at || '(whole)', kind: 'changed', before: a, after: b });
}
