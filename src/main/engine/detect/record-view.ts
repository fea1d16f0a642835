// One raw record as Sigma rules read it: a field is a dotted path into the JSON (`userIdentity.type`,
// `properties.message`), each field read once per record however many rules ask for it.
import type { FieldText } from './sigma-value';

const MISSING: FieldText = { raw: [], lower: [] };

function looksJson(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 123 || c === 91; // { [
}

/**
 * Walks `parts` from `node`: arrays are searched element by element (any element may match), a string
 * holding JSON is decoded (CSV cells, CloudTrail's CloudTrailEvent), and a key missing as a path is
 * tried as one flat key ("meta.remote_ip" written as a single key).
 */
function collect(node: unknown, parts: readonly string[], i: number, out: unknown[]): void {
  if (i === parts.length) {
    if (Array.isArray(node)) out.push(...node);
    else out.push(node);
    return;
  }
  if (node === null || node === undefined) return;
  if (Array.isArray(node)) {
    for (const el of node) collect(el, parts, i, out);
    return;
  }
  if (typeof node === 'string') {
    if (!looksJson(node)) return;
    try {
      collect(JSON.parse(node), parts, i, out);
    } catch {
      // Not JSON after all: the field is not there.
    }
    return;
  }
  if (typeof node !== 'object') return;
  const obj = node as Record<string, unknown>;
  const key = parts[i]!;
  if (key in obj) {
    collect(obj[key], parts, i + 1, out);
    return;
  }
  for (let j = parts.length; j > i + 1; j--) {
    const flat = parts.slice(i, j).join('.');
    if (flat in obj) {
      collect(obj[flat], parts, j, out);
      return;
    }
  }
}

function text(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (v !== null && v !== undefined && typeof v === 'object') return JSON.stringify(v);
  return null;
}

export class RecordView {
  private fields = new Map<string, { found: boolean; hasNull: boolean; text: FieldText }>();
  private leaves: FieldText | null = null;
  private root: unknown = null;

  /** Points the view at the next record (the caches start over). */
  reset(root: unknown): void {
    this.root = root;
    this.fields.clear();
    this.leaves = null;
  }

  private read(name: string) {
    let f = this.fields.get(name);
    if (!f) {
      const out: unknown[] = [];
      collect(this.root, name.split('.'), 0, out);
      const raw: string[] = [];
      let hasNull = false;
      for (const v of out) {
        const t = text(v);
        if (t === null) hasNull = true;
        else raw.push(t);
      }
      f = { found: out.length > 0, hasNull, text: raw.length ? { raw, lower: raw.map((s) => s.toLowerCase()) } : MISSING };
      this.fields.set(name, f);
    }
    return f;
  }

  /** The field's values as text (none when it is missing or null). */
  field(name: string): FieldText {
    return this.read(name).text;
  }

  /** Sigma's `field: null`: the field is missing or holds null. */
  isNull(name: string): boolean {
    const f = this.read(name);
    return !f.found || f.hasNull;
  }

  exists(name: string): boolean {
    return this.read(name).found;
  }

  /** Every string, number and boolean anywhere in the record: what keywords search. */
  allValues(): FieldText {
    if (!this.leaves) {
      const raw: string[] = [];
      const walk = (v: unknown): void => {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
        else {
          const t = text(v);
          if (t !== null) raw.push(t);
        }
      };
      walk(this.root);
      this.leaves = { raw, lower: raw.map((s) => s.toLowerCase()) };
    }
    return this.leaves;
  }
}
