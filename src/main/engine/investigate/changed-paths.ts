// Structural difference of two JSON states as a list of changed paths. Objects are compared key by
// key and arrays index by index; a value whose type changes is one "changed" entry, not a cascade.
import type { ChangedPath } from '../../../shared/investigate';
import { MAX_SHOWN_DEPTH, boundDepth } from '../../../shared/json-depth';

export function changedPaths(before: unknown, after: unknown): ChangedPath[] {
  const out: ChangedPath[] = [];
  // An explicit stack in document order, so depth costs heap, not call stack.
  const stack: [unknown, unknown, string, number][] = [[before, after, '', 0]];
  while (stack.length) {
    const [a, b, at, depth] = stack.pop()!;
    const kids = step(a, b, at, depth, out);
    for (let i = kids.length - 1; i >= 0; i--) stack.push([...kids[i], depth + 1]);
  }
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const keyPath = (base: string, key: string) => (/^[A-Za-z_$][\w$]*$/.test(key) ? (base ? `${base}.${key}` : key) : `${base}[${JSON.stringify(key)}]`);

const isContainer = (v: unknown): boolean => v !== null && typeof v === 'object';

/** One pair's verdict: entries into `out`, or the child pairs still to compare. */
function step(a: unknown, b: unknown, at: string, depth: number, out: ChangedPath[]): [unknown, unknown, string][] {
  const kids: [unknown, unknown, string][] = [];
  const walk = (x: unknown, y: unknown, p: string) => kids.push([x, y, p]);
  if (a === undefined && b === undefined) return kids;
  if (a === undefined || (a === null && b !== null && at === '')) {
    if (isObject(b) && at === '') {
      for (const k of Object.keys(b)) walk(undefined, b[k], keyPath(at, k));
      return kids;
    }
    out.push({ path: at || '(whole)', kind: 'added', after: boundDepth(b, depth) });
    return kids;
  }
  if (b === undefined || (b === null && a !== null && at === '')) {
    if (isObject(a) && at === '') {
      for (const k of Object.keys(a)) walk(a[k], undefined, keyPath(at, k));
      return kids;
    }
    out.push({ path: at || '(whole)', kind: 'removed', before: boundDepth(a, depth) });
    return kids;
  }
  if (depth >= MAX_SHOWN_DEPTH && (isContainer(a) || isContainer(b))) {
    out.push({ path: at || '(whole)', kind: 'changed', before: boundDepth(a, depth), after: boundDepth(b, depth) });
    return kids;
  }
  if (isObject(a) && isObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) walk(a[k], b[k], keyPath(at, k));
    return kids;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) walk(a[i], b[i], `${at}[${i}]`);
    return kids;
  }
  // Here a and b are not both objects or both arrays: a container on either side is a change.
  if (isContainer(a) || isContainer(b) || a !== b)
    out.push({ path: at || '(whole)', kind: 'changed', before: boundDepth(a, depth), after: boundDepth(b, depth) });
  return kids;
}
