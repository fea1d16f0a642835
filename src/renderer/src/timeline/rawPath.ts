// Reads one path of the mapping notation (shared/mapping.ts: `a.b`, `["odd key"]`, `[0]`, `[]` first,
// `->` decode a JSON string) from a parsed raw record, for the grid's raw-path columns. The renderer
// cannot use the engine's compiled accessors; this reads the same paths the mapping review lists.

type Step = { key: string } | { index: number } | { first: true } | { decode: true };

export function pathSteps(path: string): Step[] | null {
  const steps: Step[] = [];
  const re = /->|\.|\[(?:"((?:[^"\\]|\\.)*)"|(\d*))\]|([^.[\]]+?)(?=->|\.|\[|$)/gy;
  for (let m = re.exec(path); m && re.lastIndex <= path.length; m = re.exec(path)) {
    if (m[0] === '->') steps.push({ decode: true });
    else if (m[0] === '.') continue;
    else if (m[1] !== undefined) steps.push({ key: JSON.parse(`"${m[1]}"`) as string });
    else if (m[2] !== undefined) steps.push(m[2] === '' ? { first: true } : { index: Number(m[2]) });
    else steps.push({ key: m[3] });
    if (re.lastIndex === path.length) return steps;
  }
  return steps.length && re.lastIndex === path.length ? steps : null;
}

export function readPath(root: unknown, path: string): unknown {
  const steps = pathSteps(path);
  if (!steps) return undefined;
  let v: unknown = root;
  for (const s of steps) {
    if (v === undefined || v === null) return undefined;
    if ('decode' in s) {
      if (typeof v !== 'string') return undefined;
      try {
        v = JSON.parse(v);
      } catch {
        return undefined;
      }
    } else if ('index' in s) v = Array.isArray(v) ? v[s.index] : undefined;
    else if ('first' in s) v = Array.isArray(v) ? v[0] : v;
    else if (Array.isArray(v)) v = v.find((x) => x && typeof x === 'object' && s.key in x)?.[s.key];
    else if (typeof v === 'object') v = (v as Record<string, unknown>)[s.key];
    else return undefined;
  }
  return v;
}
