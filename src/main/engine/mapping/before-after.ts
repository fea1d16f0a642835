// Before/after state. Most vendors give two values (OldValue/NewValue, previous_value/new_value),
// but some give a list of changes (Jira changedValues, Entra modifiedProperties); a mapping then
// points both sides at the list and the side is built here as an object keyed by field name.
import { MAX_SHOWN_DEPTH, TOO_DEEP, boundDepth, deeperThan } from '../../../shared/json-depth';

/** Member-name pairs for one change entry: [name key candidates], old key, new key. */
const ENTRY_OLD = ['changedFrom', 'oldValue', 'old_value', 'OldValue', 'old', 'from', 'before', 'previousValue', 'previous_value'];
const ENTRY_NEW = ['changedTo', 'newValue', 'new_value', 'NewValue', 'new', 'to', 'after', 'currentValue', 'current_value'];
const ENTRY_NAME = ['fieldName', 'field', 'displayName', 'name', 'Name', 'key', 'property', 'attribute'];

function isEntry(o: unknown): o is Record<string, unknown> {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return false;
  const r = o as Record<string, unknown>;
  return ENTRY_OLD.some((k) => k in r) || ENTRY_NEW.some((k) => k in r);
}

export function isChangeList(v: unknown): v is Record<string, unknown>[] {
  return Array.isArray(v) && v.length > 0 && v.every(isEntry);
}

// Entra writes newValue as JSON text ("\"value\"", "[\"a\"]"); show the value, not its encoding.
function decodeMaybe(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const t = v.trim();
  if (t === '') return v;
  if (t.startsWith('{') || t.startsWith('[') || t.startsWith('"')) {
    try {
      return JSON.parse(t);
    } catch {
      return v;
    }
  }
  return v;
}

export function sideFromChangeList(list: Record<string, unknown>[], side: 'before' | 'after'): Record<string, unknown> | null {
  const keys = side === 'before' ? ENTRY_OLD : ENTRY_NEW;
  const out: Record<string, unknown> = {};
  let any = false;
  list.forEach((e, i) => {
    const vk = keys.find((k) => k in e);
    if (!vk) return;
    const nk = ENTRY_NAME.find((k) => typeof e[k] === 'string' && e[k] !== '');
    const name = nk ? String(e[nk]) : `#${i}`;
    out[name] = decodeMaybe(e[vk]);
    any = true;
  });
  return any ? out : null;
}

/** The value a before/after path yielded, as the model stores it. */
export function normaliseSide(v: unknown, side: 'before' | 'after'): unknown {
  if (v === undefined || v === null) return null;
  // A side nested 100,000 deep could not be diffed, stored or sent on: the raw record keeps it.
  if (typeof v === 'object' && deeperThan(v, MAX_SHOWN_DEPTH)) return TOO_DEEP;
  if (isChangeList(v)) return sideFromChangeList(v, side);
  if (typeof v === 'string') {
    const t = v.trim();
    if (t === '' || t === 'null' || t === '-') return null;
    const decoded = decodeMaybe(t);
    return boundDepth(decoded);
  }
  return v;
}

// Names that are before/after only when their partner is there too: "object" alone is just the
// thing acted on (Zoom sends object always, old_object only on updates).
export const WEAK_SIDE_NAMES = new Set(['object', 'to', 'from', 'current', 'data', 'value']);

/** Recognised pairs of key names, lower-cased without separators: [before, after]. */
export const SIDE_PAIRS: [string, string][] = [
  ['before', 'after'],
  ['old', 'new'],
  ['oldvalue', 'newvalue'],
  ['oldvalues', 'newvalues'],
  ['previousvalue', 'newvalue'],
  ['previous', 'current'],
  ['previousvalue', 'currentvalue'],
  ['changedfrom', 'changedto'],
  ['oldobject', 'object'],
  ['from', 'to'],
  ['beforestate', 'afterstate'],
  ['prior', 'updated'],
  ['oldrole', 'newrole'],
];
