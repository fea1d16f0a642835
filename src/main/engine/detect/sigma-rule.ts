// A Sigma rule file (YAML) compiled into a test over one record. What this engine cannot apply faithfully
// (aggregations, timeframes, correlations, unknown modifiers) makes the rule `skipped` with the reason.
import { parseAllDocuments } from 'yaml';
import { compileValues, regexLiteral, Unsupported, type ValueTest } from './sigma-value';
import { evalCondition, parseCondition, type Cond } from './sigma-condition';
import type { RecordView } from './record-view';
import { ruleGuard, ruleNeeds, type Needs, type TextGuard } from './prefilter';

export interface Logsource {
  product?: string;
  service?: string;
  category?: string;
}

export interface SigmaRule {
  /** The rule's own id (a UUID in SigmaHQ), else its file name. */
  id: string;
  title: string;
  level: string;
  author: string;
  logsource: Logsource;
  /** Where the rule came from: `bundled:cloud/aws/...yml` or the file's path. */
  file: string;
  /** Why the rule is not run, or null. */
  skipped: string | null;
  match: (rec: RecordView) => boolean;
  /** A field value every match has (prefilter.ts), or null when the rule must see every record. */
  needs: Needs | null;
  /** Text every match's stored record contains (prefilter.ts), or null. */
  guard: TextGuard | null;
  /** The file's YAML as data, which a detection worker compiles again (detect-pool.ts). */
  source?: RuleSource;
}

type Test = (rec: RecordView) => boolean;
const never: Test = () => false;

function fieldTest(key: string, value: unknown): Test {
  const [field, ...mods] = key.split('|');
  const values = Array.isArray(value) ? value : [value];
  if (values.length === 0) throw new Unsupported(`"${key}" has an empty value list`);
  if (mods.includes('exists')) {
    if (values.length !== 1 || typeof values[0] !== 'boolean') throw new Unsupported(`"${key}" needs true or false`);
    const want = values[0];
    return (r) => r.exists(field!) === want;
  }
  if (!field) {
    // A value with modifiers but no field name: a keyword search with those modifiers.
    const t = compileValues(mods, values);
    return (r) => t(r.allValues());
  }
  const hasNull = values.some((v) => v === null);
  const others = values.filter((v) => v !== null);
  if (hasNull && mods.length) throw new Unsupported(`"${key}": null with modifiers`);
  if (hasNull && mods.includes('all')) throw new Unsupported(`"${key}": null with "all"`);
  let t: ValueTest | null = null;
  let refOf: RecordView | null = null;
  if (others.length) t = compileValues(mods, others, (name) => refOf!.field(name));
  return (r) => {
    if (hasNull && r.isNull(field)) return true;
    if (!t) return false;
    refOf = r;
    return t(r.field(field));
  };
}

function selectionTest(name: string, body: unknown): Test {
  if (body === null || body === undefined) throw new Unsupported(`selection "${name}" is empty`);
  if (Array.isArray(body)) {
    if (body.every((b) => b !== null && typeof b === 'object' && !Array.isArray(b))) {
      const alts = body.map((b, i) => selectionTest(`${name}[${i}]`, b));
      return (r) => alts.some((a) => a(r));
    }
    if (body.some((b) => b !== null && typeof b === 'object')) throw new Unsupported(`selection "${name}" mixes maps and keywords`);
    // Keywords: a plain word matches when it occurs in any value of the record (wildcards still apply).
    const t = compileValues(['contains'], body);
    return (r) => t(r.allValues());
  }
  if (typeof body === 'object') {
    const entries = Object.entries(body as Record<string, unknown>).map(([k, v]) => fieldTest(k, v));
    return (r) => entries.every((e) => e(r));
  }
  const t = compileValues(['contains'], [body]);
  return (r) => t(r.allValues());
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) ? v.join(', ') : v == null ? '' : String(v);
}

/** A rule file's YAML as plain data (what a detection worker is sent), or why it is not a rule. */
export type RuleSource = { doc: Record<string, unknown> } | { skipped: string };

export function readRuleSource(text: string): RuleSource {
  try {
    const docs = parseAllDocuments(text);
    if (!Array.isArray(docs) || docs.length === 0) return { skipped: 'the file holds no YAML document' };
    const errors = docs.flatMap((d) => d.errors);
    if (errors.length) return { skipped: `YAML error: ${errors[0]!.message.split('\n')[0]}` };
    if (docs.length > 1) return { skipped: 'rule collections (several YAML documents in one file) are not supported' };
    const js: unknown = docs[0]!.toJS();
    if (js === null || typeof js !== 'object' || Array.isArray(js)) return { skipped: 'the file is not a Sigma rule (no mapping at the top)' };
    return { doc: js as Record<string, unknown> };
  } catch (e) {
    return { skipped: `YAML error: ${(e as Error).message.split('\n')[0]}` };
  }
}

/** Compiles one rule file's text. Never throws: a rule that cannot run comes back with `skipped` set. */
export function compileRule(text: string, file: string): SigmaRule {
  return compileRuleSource(readRuleSource(text), file);
}

export function compileRuleSource(source: RuleSource, file: string): SigmaRule {
  const fallbackId = file.replace(/^.*[\\/]/, '');
  const base = { id: fallbackId, title: fallbackId, level: '', author: '', logsource: {}, file, match: never, needs: null, guard: null, source };
  if ('skipped' in source) return { ...base, skipped: source.skipped };
  const doc = source.doc;
  const logsource = (doc.logsource ?? {}) as Logsource;
  const rule = {
    ...base,
    id: typeof doc.id === 'string' && doc.id ? doc.id : fallbackId,
    title: str(doc.title) || fallbackId,
    level: str(doc.level),
    author: str(doc.author),
    logsource: {
      product: logsource.product && str(logsource.product),
      service: logsource.service && str(logsource.service),
      category: logsource.category && str(logsource.category),
    },
  };
  try {
    if (doc.correlation !== undefined || doc.type === 'correlation') throw new Unsupported('correlation rules are not supported');
    const detection = doc.detection as Record<string, unknown> | undefined;
    if (!detection || typeof detection !== 'object') throw new Unsupported('no detection section');
    if (detection.timeframe !== undefined) throw new Unsupported('timeframe (aggregation over time) is not supported');
    const names = Object.keys(detection).filter((k) => k !== 'condition');
    const tests = new Map(names.map((n) => [n, selectionTest(n, detection[n])]));
    const conds = Array.isArray(detection.condition) ? detection.condition : [detection.condition];
    if (conds.length === 0 || conds.some((c) => typeof c !== 'string' || !c.trim())) throw new Unsupported('no condition');
    const trees: Cond[] = conds.map((c) => parseCondition(c as string, names));
    const needs = trees.length === 1 ? ruleNeeds(trees[0]!, detection) : null;
    const guard = trees.length === 1 && !needs ? ruleGuard(trees[0]!, detection, regexLiteral) : null;
    const only = trees.length === 1 && trees[0]!.kind === 'ref' ? tests.get(trees[0]!.name)! : null;
    if (only) return { ...rule, skipped: null, match: only, needs, guard };
    // Each selection is tested at most once per record (`a and not 1 of a*` names `a` twice).
    const index = new Map(names.map((n, i) => [n, i]));
    const seen = new Int8Array(names.length);
    const list = names.map((n) => tests.get(n)!);
    const sel = (n: string) => {
      const i = index.get(n)!;
      if (seen[i] === 0) seen[i] = list[i]!(current!) ? 1 : 2;
      return seen[i] === 1;
    };
    let current: RecordView | null = null;
    const match = (r: RecordView) => {
      current = r;
      seen.fill(0);
      return trees.some((t) => evalCondition(t, sel));
    };
    return { ...rule, skipped: null, match, needs, guard };
  } catch (e) {
    if (e instanceof Unsupported) return { ...rule, skipped: e.message };
    return { ...rule, skipped: `cannot be read: ${(e as Error).message}` };
  }
}
