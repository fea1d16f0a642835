// The path notation of mapping.ts, parsed once and compiled into a plain accessor. In shared because
// the vendor descriptors check their paths with it as well as the engine reading records by it.
// Accessors are forgiving where real exports differ from documents: a key that hits an array reads
// the first element holding that key (Google's "events" is an object in one export and a list in
// another), a key that hits a JSON-looking string decodes it (CSV metadata cells), and a missing
// `a.b` falls back to the flat key "a.b" (GitLab writes "meta.remote_ip" as one key).

export type Step =
  { kind: 'key'; key: string } | { kind: 'index'; index: number } | { kind: 'first' } | { kind: 'filter'; key: string; value: string } | { kind: 'decode' };

export class PathSyntaxError extends Error {}

export function parsePath(path: string): Step[] {
  const steps: Step[] = [];
  let i = 0;
  const n = path.length;
  let expectKey = true;
  while (i < n) {
    const c = path[i]!;
    if (c === '-' && path[i + 1] === '>') {
      steps.push({ kind: 'decode' });
      i += 2;
      expectKey = true;
      continue;
    }
    if (c === '.') {
      i++;
      expectKey = true;
      continue;
    }
    if (c === '[') {
      const close = findClose(path, i);
      const inner = path.slice(i + 1, close);
      i = close + 1;
      if (inner === '') steps.push({ kind: 'first' });
      else if (/^\d+$/.test(inner)) steps.push({ kind: 'index', index: Number(inner) });
      else if (inner.startsWith('"')) steps.push({ kind: 'key', key: JSON.parse(inner) as string });
      else {
        const eq = inner.indexOf('=');
        if (eq <= 0) throw new PathSyntaxError(`bad bracket [${inner}] in ${path}`);
        steps.push({
          kind: 'filter',
          key: inner.slice(0, eq),
          value: inner.slice(eq + 1),
        });
      }
      expectKey = false;
      continue;
    }
    if (!expectKey) throw new PathSyntaxError(`expected ".", "[" or "->" at ${i} in ${path}`);
    let j = i;
    while (j < n && path[j] !== '.' && path[j] !== '[' && !(path[j] === '-' && path[j + 1] === '>')) j++;
    steps.push({ kind: 'key', key: path.slice(i, j) });
    i = j;
    expectKey = false;
  }
  return steps;
}

function findClose(path: string, open: number): number {
  if (path[open + 1] === '"') {
    // A quoted key may hold "]" itself; scan to the closing quote first.
    let j = open + 2;
    while (j < path.length && path[j] !== '"') j += path[j] === '\\' ? 2 : 1;
    if (path[j + 1] !== ']') throw new PathSyntaxError(`unclosed ["…"] in ${path}`);
    return j + 1;
  }
  const close = path.indexOf(']', open);
  if (close < 0) throw new PathSyntaxError(`unclosed [ in ${path}`);
  return close;
}

const SIMPLE_KEY = /^[A-Za-z_@$][\w@$]*$/;

/** Writes one key so parsePath reads it back as one key. */
export function keyToPath(key: string, first: boolean): string {
  if (SIMPLE_KEY.test(key) || (/^[^.[\]"]+$/.test(key) && !key.includes('->') && !/^\s|\s$/.test(key))) {
    return first ? key : `.${key}`;
  }
  return `[${JSON.stringify(key)}]`;
}

/**
 * Per-record decode cache: a JSON string is decoded once per record however many fields read into
 * it (CloudTrail's CloudTrailEvent, 1Password's message).
 */
export class DecodeCache {
  private keys: string[] = [];
  private values: unknown[] = [];
  reset(): void {
    if (this.keys.length) {
      this.keys.length = 0;
      this.values.length = 0;
    }
  }
  decode(s: string): unknown {
    for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === s) return this.values[i];
    let v: unknown;
    try {
      v = JSON.parse(s);
    } catch {
      v = undefined;
    }
    this.keys.push(s);
    this.values.push(v);
    return v;
  }
}

const oneShot = new DecodeCache();

function looksJson(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 123 || c === 91; // { [
}

function hasValue(v: unknown): boolean {
  return v !== undefined && v !== null && v !== '';
}

export type Accessor = (root: unknown, cache: DecodeCache) => unknown;

function readKey(obj: unknown, key: string, cache: DecodeCache): unknown {
  if (obj === null || obj === undefined) return undefined;
  if (typeof obj === 'string') {
    if (!looksJson(obj)) return undefined;
    return readKey(cache.decode(obj), key, cache);
  }
  if (Array.isArray(obj)) {
    for (const el of obj) {
      if (el !== null && typeof el === 'object' && !Array.isArray(el)) {
        const v = (el as Record<string, unknown>)[key];
        if (hasValue(v)) return v;
      }
    }
    return undefined;
  }
  if (typeof obj !== 'object') return undefined;
  return (obj as Record<string, unknown>)[key];
}

function applyStep(cur: unknown, step: Step, cache: DecodeCache): unknown {
  switch (step.kind) {
    case 'key':
      return readKey(cur, step.key, cache);
    case 'index':
      return Array.isArray(cur) ? cur[step.index] : undefined;
    case 'first':
      if (!Array.isArray(cur)) return cur; // `a[]` on a single object reads the object itself.
      for (const el of cur) if (hasValue(el)) return el;
      return undefined;
    case 'filter':
      if (!Array.isArray(cur)) {
        if (cur && typeof cur === 'object' && String((cur as Record<string, unknown>)[step.key]) === step.value) {
          return cur;
        }
        return undefined;
      }
      for (const el of cur) {
        if (el && typeof el === 'object' && String((el as Record<string, unknown>)[step.key]) === step.value) return el;
      }
      return undefined;
    case 'decode':
      if (typeof cur !== 'string') return cur; // already decoded (e.g. a CSV cell parsed upstream)
      return cache.decode(cur);
  }
}

export function compilePath(path: string): Accessor {
  const steps = parsePath(path);
  const n = steps.length;
  // The common case, plain keys, gets a loop free of the generic step switch.
  if (steps.every((s) => s.kind === 'key')) {
    const keys = steps.map((s) => (s as { key: string }).key);
    if (n === 1) {
      const k = keys[0]!;
      return (root, cache) => {
        if (root !== null && typeof root === 'object' && !Array.isArray(root)) return (root as Record<string, unknown>)[k];
        return readKey(root, k, cache);
      };
    }
    return (root, cache) => {
      let cur: unknown = root;
      for (let i = 0; i < n; i++) {
        const k = keys[i]!;
        const next = cur !== null && typeof cur === 'object' && !Array.isArray(cur) ? (cur as Record<string, unknown>)[k] : readKey(cur, k, cache);
        if (next === undefined) return flatKeyFallback(cur, keys, i, cache);
        cur = next;
      }
      return cur;
    };
  }
  // `a[]` means "the first element for which the rest of the path has a value", so the walk
  // branches there.
  const walk = (cur: unknown, from: number, cache: DecodeCache): unknown => {
    for (let i = from; i < n; i++) {
      const step = steps[i]!;
      if (step.kind === 'first' && Array.isArray(cur)) {
        for (const el of cur) {
          if (!hasValue(el)) continue;
          const v = walk(el, i + 1, cache);
          if (hasValue(v)) return v;
        }
        return undefined;
      }
      const next = applyStep(cur, step, cache);
      if (next === undefined) {
        if (step.kind === 'key') return flatKeyFallbackSteps(cur, steps, i, cache);
        return undefined;
      }
      cur = next;
    }
    return cur;
  };
  return (root, cache) => walk(root, 0, cache);
}

function flatKeyFallback(obj: unknown, keys: string[], from: number, cache: DecodeCache): unknown {
  if (from + 1 >= keys.length || obj === null || typeof obj !== 'object') return undefined;
  let joined = keys[from]!;
  for (let j = from + 1; j < keys.length; j++) {
    joined += `.${keys[j]!}`;
    const v = readKey(obj, joined, cache);
    if (v !== undefined) {
      if (j === keys.length - 1) return v;
      return flatKeyFallback(v, keys, j + 1, cache) ?? readPlain(v, keys.slice(j + 1), cache);
    }
  }
  return undefined;
}

function readPlain(obj: unknown, keys: string[], cache: DecodeCache): unknown {
  let cur = obj;
  for (const k of keys) {
    cur = readKey(cur, k, cache);
    if (cur === undefined) return undefined;
  }
  return cur;
}

function flatKeyFallbackSteps(obj: unknown, steps: Step[], from: number, cache: DecodeCache): unknown {
  let j = from;
  const keys: string[] = [];
  while (j < steps.length && steps[j]!.kind === 'key') {
    keys.push((steps[j] as { key: string }).key);
    j++;
  }
  if (keys.length < 2) return undefined;
  for (let len = keys.length; len >= 2; len--) {
    const v = readKey(obj, keys.slice(0, len).join('.'), cache);
    if (v !== undefined) {
      let cur: unknown = v;
      for (let k = from + len; k < steps.length; k++) {
        cur = applyStep(cur, steps[k]!, cache);
        if (cur === undefined) return undefined;
      }
      return cur;
    }
  }
  return undefined;
}

const compiled = new Map<string, Accessor>();

/** One-off read (inference, review): compiled accessors are cached by path text. */
export function getPath(root: unknown, path: string, cache?: DecodeCache): unknown {
  let acc = compiled.get(path);
  if (!acc) {
    acc = compilePath(path);
    if (compiled.size > 5000) compiled.clear();
    compiled.set(path, acc);
  }
  if (cache) return acc(root, cache);
  oneShot.reset();
  return acc(root, oneShot);
}
