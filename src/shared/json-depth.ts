// Valid JSON can nest 100,000 deep; recursive walks (and JSON.stringify, structured clone) overflow
// the call stack on it. Derived views bound the depth they show; the raw record always stays whole.

/** Containers deeper than this are not shown in derived views (before/after, diffs). */
export const MAX_SHOWN_DEPTH = 64;

export const TOO_DEEP = `(nested more than ${MAX_SHOWN_DEPTH} levels deep: see the raw record)`;

const isContainer = (v: unknown): v is object => v !== null && typeof v === 'object';

/** Whether a value nests more than `levels` containers deep (an explicit stack, no recursion). */
export function deeperThan(v: unknown, levels: number): boolean {
  const stack: [unknown, number][] = [[v, 0]];
  while (stack.length) {
    const [x, d] = stack.pop()!;
    if (!isContainer(x)) continue;
    if (d >= levels) return true;
    for (const k of Object.values(x)) stack.push([k, d + 1]);
  }
  return false;
}

/** The value, or the TOO_DEEP note when it nests deeper than what is left of the bound. */
export function boundDepth(v: unknown, used = 0): unknown {
  return isContainer(v) && deeperThan(v, MAX_SHOWN_DEPTH - used) ? TOO_DEEP : v;
}
