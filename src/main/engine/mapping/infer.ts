// Mapping inference for records no descriptor knows: every path of a sample is scored per model
// field by its name (field-names.ts) and by whether its values look the part (times parse, IPs are
// IPs). The best path leads; others follow as fallbacks when they fill records the leader misses.
import { MAPPED_FIELDS, type MappedField } from '../../../shared/event';
import type { FieldPaths, Mapping } from '../../../shared/mapping';
import { parseTime } from '../../../shared/time';
import { SIDE_PAIRS, WEAK_SIDE_NAMES, isChangeList } from './before-after';
import { collectPaths, type PathStat } from './flatten';
import { namePrior, squash } from './field-names';
import { getPath } from '../../../shared/mapping-paths';
import { shapeKey } from './shape-key';
import { outcomeFromWord, outcomeKind, readOutcome } from './normalise-outcome';
import { signatureById } from './signatures/index';
import { guessSourceName, sourceHints } from './source-name';
import { isEmail, looksLikeIp, toText } from './values';

type Rec = Record<string, unknown>;

export const SAMPLE_SIZE = 200;

/** Up to `n` records spread over the input, so late shape changes are seen too. */
export function pickSample<T>(records: readonly T[], n = SAMPLE_SIZE): T[] {
  if (records.length <= n) return [...records];
  const out: T[] = [];
  const step = records.length / n;
  for (let i = 0; i < n; i++) out.push(records[Math.floor(i * step)]!);
  return out;
}

interface Candidate {
  path: string;
  score: number;
  /** Sample indexes where the path gives a usable value. */
  covers: Set<number>;
  /** Used only where nothing better has a value (an action that is only the log entry's kind). */
  lastResort?: boolean;
}

const TIMEISH_TEXT = /^\d{4}-\d\d-\d\d|^\d{1,2}\/\d{1,2}\/\d{4}|^[A-Z][a-z]{2},? /;
const ACTION_SHAPE = /^(?:[A-Z][a-z0-9]+){2,}$|^[a-z][a-z0-9_-]*(?:[.:][a-z0-9_-]+)+$|^[A-Z]+(?:_[A-Z]+)*$|^[a-z]+(?:_[a-z]+)+$/;
const USERISH = /^[A-Za-z][\w.@\\-]{1,40}$/;
const REQUEST_TOKEN = /^@[\w-]{4,}$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Does this value suit the field? (Name-independent check.) */
function fits(field: MappedField, v: unknown): boolean {
  if (v === null || v === undefined) return false;
  switch (field) {
    case 'time': {
      if (typeof v === 'number') {
        const r = parseTime(v);
        return r.ms !== null && r.ms > 631152000000 && r.ms < 4102444800000; // 1990..2100
      }
      if (typeof v !== 'string') return false;
      const t = v.trim();
      if (/^\d+(\.\d+)?$/.test(t)) return fits('time', Number(t));
      if (!TIMEISH_TEXT.test(t)) return false;
      return parseTime(t).ms !== null;
    }
    case 'actor': {
      if (typeof v === 'boolean') return false;
      if (typeof v === 'object') return toText(v) !== null;
      const t = toText(v);
      return t !== null && t.length <= 300 && !(typeof v === 'string' && TIMEISH_TEXT.test(t) && parseTime(t).ms !== null);
    }
    case 'action': {
      if (typeof v === 'number') return Number.isInteger(v);
      if (typeof v !== 'string') return false;
      const t = v.trim();
      return t !== '' && t.length <= 200 && !isEmail(t) && !(TIMEISH_TEXT.test(t) && parseTime(t).ms !== null);
    }
    case 'eventId':
    case 'requestId': {
      if (typeof v === 'number') return Number.isFinite(v);
      if (typeof v !== 'string') return false;
      const t = v.trim();
      return t !== '' && t.length <= 200 && !/\s/.test(t) && !isEmail(t) && !(TIMEISH_TEXT.test(t) && parseTime(t).ms !== null);
    }
    case 'ip':
    case 'userAgent':
    case 'targetType':
    case 'targetId':
      return typeof v === 'string' || typeof v === 'number' || (Array.isArray(v) && typeof v[0] === 'string');
    case 'outcome':
    case 'actorType':
      return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    default:
      return true;
  }
}

function ipScore(values: unknown[]): number {
  const strs = values.map((v) => toText(v)).filter((s): s is string => s !== null);
  if (strs.length === 0) return 0;
  return strs.filter(looksLikeIp).length / strs.length;
}

function evaluate(field: MappedField, stat: PathStat, samples: readonly Rec[], prior: number): Candidate | null {
  const covers = new Set<number>();
  const values: unknown[] = [];
  let present = 0;
  for (const i of stat.records) {
    const v = getPath(samples[i], stat.path);
    if (v === undefined || v === null || toText(v) === null) continue;
    present++;
    if (fits(field, v)) {
      covers.add(i);
      values.push(v);
    }
  }
  if (present === 0 || covers.size === 0) return null;
  const validFrac = covers.size / present;
  if (validFrac < 0.5) return null;
  const coverage = covers.size / samples.length;
  let score = prior * validFrac * (0.6 + 0.4 * coverage);
  let lastResort = false;
  if (field === 'ip') score *= 0.4 + 0.6 * ipScore(values);
  if (field === 'action') {
    const texts = values.map((v) => String(v));
    // "request"/"response", "event", "audit": the kind of log entry, not the operation performed.
    if (texts.filter((t) => LOG_ENTRY_KIND.test(t)).length >= 0.8 * texts.length) lastResort = true;
    if (texts.some((t) => /[./:_#]/.test(t))) score *= 1.1; // namespaced names say more than phases
    if (new Set(texts).size === 1 && samples.length >= 5) score *= 0.8; // a constant is a category
  }
  return { path: stat.path, score, covers, lastResort };
}

/** Header-less delimited files (col1..colN): fields by value shape and column order. */
function positionalCandidates(stats: Map<string, PathStat>, samples: readonly Rec[]): Map<MappedField, Candidate[]> {
  const out = new Map<MappedField, Candidate[]>();
  const cols = [...stats.values()].filter((s) => s.depth === 1 && /^(col|column|field|f)\d+$/i.test(s.path));
  const add = (field: MappedField, c: Candidate): void => {
    const list = out.get(field) ?? [];
    list.push(c);
    out.set(field, list);
  };
  for (const s of cols) {
    const idx = Number(/\d+$/.exec(s.path)![0]);
    const vals: [number, string][] = [];
    for (const i of s.records) {
      const t = toText(getPath(samples[i], s.path));
      if (t !== null) vals.push([i, t]);
    }
    if (vals.length === 0) continue;
    const frac = (re: (t: string) => boolean): number => vals.filter(([, t]) => re(t)).length / vals.length;
    const covers = new Set(vals.map(([i]) => i));
    const coverage = covers.size / samples.length;
    const weight = (f: number, base: number): number => base * f * (0.6 + 0.4 * coverage) - idx * 0.001;
    const timeF = frac((t) => fits('time', t));
    const ipF = frac(looksLikeIp);
    const actionF = frac((t) => ACTION_SHAPE.test(t) && !looksLikeIp(t));
    const reqF = frac((t) => REQUEST_TOKEN.test(t));
    const userF = frac((t) => USERISH.test(t) && !ACTION_SHAPE.test(t.replace(/^[a-z]+$/, '')) && !/\d{3,}/.test(t));
    if (timeF >= 0.8) add('time', { path: s.path, score: weight(timeF, 0.6), covers });
    else if (ipF >= 0.8) add('ip', { path: s.path, score: weight(ipF, 0.6), covers });
    else if (actionF >= 0.8 && vals.some(([, t]) => /[A-Z].*[A-Z]|[._]/.test(t))) add('action', { path: s.path, score: weight(actionF, 0.6), covers });
    else if (reqF >= 0.8) add('requestId', { path: s.path, score: weight(reqF, 0.55), covers });
    else if (userF >= 0.6) add('actor', { path: s.path, score: weight(userF, 0.5), covers });
  }
  return out;
}

const LOG_ENTRY_KIND = /^(kmip-)?(request|response|event|audit|audit[ _-]?log|audit[ _-]?event|log|log[ _-]?entry|entry|record|message|activity)$/i;

const MIN_SCORE = 0.2;
const MIN_FALLBACK_SCORE = 0.25;
const MAX_PATHS = 4;

/** Leader plus fallbacks that fill records the chosen paths leave empty. */
function chain(cands: Candidate[], taken: Set<string>): { paths: string[]; confidence: number } | null {
  const sorted = cands
    .filter((c) => c.score >= MIN_SCORE && !taken.has(c.path))
    .sort((a, b) => Number(!!a.lastResort) - Number(!!b.lastResort) || b.score - a.score || a.path.localeCompare(b.path));
  const lead = sorted[0];
  if (!lead) return null;
  const paths = [lead.path];
  const covered = new Set(lead.covers);
  for (const c of sorted.slice(1)) {
    if (paths.length >= MAX_PATHS) break;
    if (c.score < MIN_FALLBACK_SCORE) break;
    if ([...c.covers].some((i) => !covered.has(i))) {
      paths.push(c.path);
      c.covers.forEach((i) => covered.add(i));
    }
  }
  return { paths, confidence: Math.min(1, Math.round(lead.score * 100) / 100) };
}

function inferBeforeAfter(stats: Map<string, PathStat>): {
  before?: string[];
  after?: string[];
} {
  // A list of change entries serves both sides (Jira changedValues, Entra modifiedProperties).
  for (const s of stats.values()) {
    if (s.kind === 'array' && s.examples.some((e) => isChangeList(e))) return { before: [s.path], after: [s.path] };
  }
  const byParent = new Map<string, Map<string, string>>();
  for (const s of stats.values()) {
    if (s.count === 0) continue;
    const parentPath = s.path.slice(0, s.path.length - s.path.split(/\.|->|\[/).pop()!.length);
    const m = byParent.get(parentPath.replace(/\[[^\]]*=[^\]]*\]\.?$/, '')) ?? new Map<string, string>();
    const leaf = squash(s.leaf);
    if (!m.has(leaf)) m.set(leaf, s.path);
    byParent.set(parentPath.replace(/\[[^\]]*=[^\]]*\]\.?$/, ''), m);
  }
  const together = (x: string, y: string): boolean => {
    const rx = stats.get(x)?.records;
    const ry = stats.get(y)?.records;
    return !!rx && !!ry && [...rx].some((i) => ry.has(i));
  };
  // Pairs seen together in one record first; GitHub's old_role/new_role on different records are
  // two unrelated facts, not a change.
  for (const [b, a] of SIDE_PAIRS) {
    for (const m of byParent.values()) {
      const bp = m.get(b);
      const ap = m.get(a);
      if (!bp || !ap || !together(bp, ap)) continue;
      if (b === 'from' && !m.has('change') && !m.has('field') && !m.has('fieldname') && !m.has('attribute')) continue;
      return { before: [bp], after: [ap] };
    }
  }
  // One strong side alone (an after-only export) is still worth showing.
  for (const [b, a] of SIDE_PAIRS) {
    if (WEAK_SIDE_NAMES.has(a) || WEAK_SIDE_NAMES.has(b) || b === 'oldrole') continue;
    for (const m of byParent.values()) {
      const bp = m.get(b);
      const ap = m.get(a);
      if (bp && ap) continue;
      if (ap && (a === 'after' || a === 'newvalue' || a === 'changedto' || a === 'newvalues')) return { after: [ap] };
      if (bp && (b === 'before' || b === 'oldvalue' || b === 'changedfrom' || b === 'previousvalue')) return { before: [bp] };
    }
  }
  return {};
}

export function inferFields(
  samples: readonly Rec[],
  vendor = '',
): { fields: FieldPaths; confidence: Partial<Record<MappedField, number>>; signInUser: string[] } {
  const sample = pickSample(samples);
  const stats = collectPaths(sample);
  const positional = positionalCandidates(stats, sample);
  const fields: FieldPaths = {};
  const confidence: Partial<Record<MappedField, number>> = {};
  const taken = new Set<string>();
  const order: MappedField[] = ['time', 'action', 'actor', 'eventId', 'requestId', 'ip', 'userAgent', 'targetType', 'targetId', 'outcome', 'actorType'];
  const decodedParents = new Set([...stats.keys()].filter((p) => p.includes('->')).map((p) => p.slice(0, p.lastIndexOf('->'))));
  const leaves = [...stats.values()].filter((s) => s.kind === 'leaf' && s.count > 0 && !s.path.endsWith('->'));
  for (const field of order) {
    const cands: Candidate[] = [...(positional.get(field) ?? [])];
    for (const s of leaves) {
      const prior = namePrior(field, s);
      if (prior <= 0) continue;
      const c = evaluate(field, s, sample, prior);
      if (c) cands.push(c);
    }
    // A JSON-text leaf that also has decoded children is the container, not the value.
    const usable = cands.filter((c) => !decodedParents.has(c.path));
    const shareable = field === 'targetId' || field === 'outcome' || field === 'actorType';
    const got = chain(usable, shareable ? new Set() : taken);
    if (!got) continue;
    fields[field] = got.paths;
    confidence[field] = got.confidence;
    if (!shareable && field !== 'targetType') got.paths.forEach((p) => taken.add(p));
  }
  // Outcome: every signal is worth keeping, in strength order (not only those filling gaps).
  const outcomeCands = leaves
    .map((s) => ({ s, p: namePrior('outcome', s) }))
    .filter((x) => x.p >= 0.5)
    .sort((a, b) => b.p - a.p || a.s.depth - b.s.depth);
  outcomeCands.push(...vocabularyOutcomes(leaves, sample, new Set(outcomeCands.map((x) => x.s.path))));
  if (outcomeCands.length > 0) {
    fields.outcome = [...new Set(outcomeCands.map((x) => x.s.path))].slice(0, MAX_PATHS);
    confidence.outcome = Math.round(outcomeCands[0]!.p * 100) / 100;
  }
  const hints = sourceHints(vendor);
  for (const [f, all] of Object.entries(hints) as [MappedField, string[]][]) {
    const ps = all.filter((p) => hintFits(p, stats));
    if (ps.length === 0) continue;
    const cur = fields[f] ?? [];
    fields[f] = [...cur, ...ps.filter((p) => !cur.includes(p))];
    confidence[f] ??= 0.5;
  }
  const ba = inferBeforeAfter(stats);
  if (ba.before) {
    fields.before = ba.before;
    confidence.before = 0.7;
  }
  if (ba.after) {
    fields.after = ba.after;
    confidence.after = 0.7;
  }
  return { fields: orderFields(fields), confidence, signInUser: signInUserPaths(leaves) };
}

/**
 * Fields whose names say little (category, type, a response element) but whose values are an
 * outcome vocabulary: "credentials_failed", ConsoleLogin "Failure", granted flags. Kept only when
 * most sampled values read as an outcome, so a category of "user management" never counts.
 */
function vocabularyOutcomes(leaves: PathStat[], sample: readonly Rec[], have: Set<string>): { s: PathStat; p: number }[] {
  const out: { s: PathStat; p: number }[] = [];
  for (const s of leaves) {
    if (have.has(s.path)) continue;
    const leaf = squash(s.leaf);
    const parents = s.parents.map(squash);
    const granted = leaf === 'granted';
    const named = /^(category|type|eventtype|result|status|reason|message|outcome)$/.test(leaf);
    // A response's own verdict (ConsoleLogin: "Failure"), not a state deep inside what it returned.
    const responseElement = /^(responseelements|response|result)$/.test(parents[parents.length - 1] ?? '');
    if (!granted && !named && !responseElement) continue;
    if (!granted && s.path.includes('[')) continue;
    if (parents.some((x) => /^(before|after|old|new|oldvalue|newvalue|changes|target|targets|targetresources)$/.test(x))) continue;
    const kind = outcomeKind(s.path, '');
    let known = 0;
    let present = 0;
    for (const i of s.records) {
      const v = getPath(sample[i], s.path);
      if (v === undefined || v === null || v === '' || typeof v === 'object') continue;
      if (!granted && typeof v === 'boolean') continue; // a flag is not a result unless named so
      present++;
      // Inside a response only words count: a port or a count there is no HTTP status.
      const o = responseElement && !named ? outcomeFromWord(typeof v === 'string' ? v : '') : readOutcome(kind, v, true);
      // Only a verdict counts here: "pending" or "running" in such a field is an object's state.
      if (o === 'success' || o === 'failure' || o === 'denied') known++;
    }
    if (present === 0 || known / present < 0.8) continue;
    out.push({ s, p: granted ? 0.6 : 0.45 });
  }
  return out;
}

/**
 * A documented path a sample does not show fits these records only where they have its container,
 * keyed the same way: a CSV re-export titled "Event Name" has no errorCode column at all, so its
 * absence there says nothing about success.
 */
function hintFits(hint: string, stats: Map<string, PathStat>): boolean {
  if (stats.has(hint)) return true;
  const cut = Math.max(hint.lastIndexOf('.'), hint.lastIndexOf('->') + 1);
  const parent = cut > 0 ? hint.slice(0, hint[cut] === '>' ? cut + 1 : cut) : '';
  if (parent !== '' && !stats.has(parent.replace(/->$/, ''))) return false;
  const spaced = /\s/.test(hint.slice(parent.length));
  const prefix = parent === '' ? '' : parent.endsWith('->') ? parent : parent + '.';
  let same = 0;
  let siblings = 0;
  for (const s of stats.values()) {
    if (!s.path.startsWith(prefix)) continue;
    const rest = s.path.slice(prefix.length);
    const quoted = /^\["([^"]*)"\]$/.exec(rest);
    const key = quoted ? quoted[1]! : /^[^.[\]>]+$/.test(rest) ? rest : null;
    if (key === null) continue;
    siblings++;
    if (/\s/.test(key) === spaced) same++;
  }
  return siblings > 0 && same * 2 >= siblings;
}

/** Target-user fields: where sign-in events name the person when no actor is recorded. */
function signInUserPaths(leaves: PathStat[]): string[] {
  const scored: { path: string; p: number }[] = [];
  for (const s of leaves) {
    const leaf = squash(s.leaf);
    const parents = s.parents.map(squash);
    const parent = parents[parents.length - 1] ?? '';
    let p = 0;
    if (/^targetuser(name|email|id|principalname|upn|login)?$/.test(leaf)) p = 1;
    else if (/^(targetuser|user|object)$/.test(parent) && /^(email|login|username|userprincipalname|alternateid|name)$/.test(leaf))
      p = parent === 'targetuser' ? 0.95 : 0.7;
    else if (/^(target|targets)$/.test(parent) && /^(email|login|username|userprincipalname|alternateid)$/.test(leaf)) p = 0.8;
    if (p === 0) continue;
    if (leaf === 'name' || leaf.endsWith('id')) p *= 0.9;
    scored.push({ path: s.path, p });
  }
  return scored
    .sort((a, b) => b.p - a.p || a.path.localeCompare(b.path))
    .slice(0, 3)
    .map((x) => x.path);
}

function orderFields(f: FieldPaths): FieldPaths {
  const out: FieldPaths = {};
  for (const k of MAPPED_FIELDS) if (f[k]) out[k] = f[k];
  return out;
}

export function inferMapping(samples: readonly Rec[]): Mapping {
  const vendor = guessSourceName(pickSample(samples));
  const { fields, confidence, signInUser } = inferFields(samples, vendor);
  const sig = signatureById(vendor);
  return {
    vendor,
    fields,
    origin: 'inferred',
    shapeKey: shapeKey(samples),
    confidence,
    ...(sig ? { signature: sig.id } : {}),
    ...(sig?.lookups ? { lookups: structuredClone(sig.lookups) } : {}),
    ...(sig?.actionOutcomes ? { actionOutcomes: sig.actionOutcomes.map((a) => ({ ...a })) } : {}),
    ...(signInUser.length > 0 ? { signInUser } : {}),
  };
}
