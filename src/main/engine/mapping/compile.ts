// A mapping turned into one function per import: paths are parsed and outcome readers chosen once,
// so the per-record work is property reads and a time parse.
import type { ActorType, MappedField, Outcome } from '../../../shared/event';
import type { Mapping } from '../../../shared/mapping';
import { parseTime, type ParsedTime } from '../../../shared/time';
import type { VendorDescriptor } from '../../vendors/descriptor';
import { getDescriptor } from '../../vendors/index';
import { actorTypeFromActor, actorTypeFromTypeValue } from './actor-type';
import { normaliseSide, WEAK_SIDE_NAMES } from './before-after';
import type { MappedFields } from './mapped-fields';
import { outcomeFromAction, outcomeKind, readOutcome, outcomeFromWord, type OutcomeKind } from './normalise-outcome';
import { compilePath, DecodeCache, parsePath, type Accessor } from '../../../shared/mapping-paths';
import { identityText } from './identity';
import { toText } from './values';

type Rec = Record<string, unknown>;

function accessors(m: Mapping, f: MappedField): Accessor[] {
  return (m.fields[f] ?? []).map((p) => compilePath(p));
}

function textReader(accs: Accessor[]): (rec: Rec, cache: DecodeCache) => string | null {
  const n = accs.length;
  if (n === 0) return () => null;
  if (n === 1) {
    const a = accs[0]!;
    return (rec, cache) => toText(a(rec, cache));
  }
  return (rec, cache) => {
    for (let i = 0; i < n; i++) {
      const t = toText(accs[i]!(rec, cache));
      if (t !== null) return t;
    }
    return null;
  };
}

const NO_TIME: ParsedTime = {
  ms: null,
  original: null,
  flag: 'missing',
  offset: null,
};

function timeReader(accs: Accessor[], assumeUtc: boolean): (rec: Rec, cache: DecodeCache) => ParsedTime {
  const opts = { assumeUtc };
  return (rec, cache) => {
    let firstBad: ParsedTime | null = null;
    for (let i = 0; i < accs.length; i++) {
      const v = accs[i]!(rec, cache);
      if (v === undefined || v === null || v === '') continue;
      const t = parseTime(v, opts);
      if (t.ms !== null) return t;
      // An unreadable time is reported as such unless a later path has a good one.
      if (t.flag === 'invalid' && !firstBad) firstBad = t;
    }
    return firstBad ?? NO_TIME;
  };
}

function lowerKeys<T>(o: Record<string, T> | undefined): Map<string, T> {
  return new Map(Object.entries(o ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
}

function outcomeReader(
  m: Mapping,
  desc: VendorDescriptor | undefined,
): (rec: Rec, cache: DecodeCache, action: string | null, rawAction: string | null) => Outcome {
  const paths = m.fields.outcome ?? [];
  const readers: { acc: Accessor; kind: OutcomeKind; container?: Accessor }[] = paths.map((p) => {
    const kind = outcomeKind(p, m.signature ?? m.vendor);
    // `a[].granted` reads the first element only; every element's flag counts.
    const whole = kind === 'granted' ? /^(.*)\[\]\.granted$/.exec(p) : null;
    // A google.rpc status left out of its message is the default, code 0 (OK) - where the message is there.
    const holder = kind === 'grpc' ? /^(.+)\.status\.code$/.exec(p) : null;
    return { acc: compilePath(whole ? whole[1]! : p), kind, ...(holder ? { container: compilePath(holder[1]!) } : {}) };
  });
  const values = lowerKeys(desc?.outcome?.values);
  const actionPatterns = [...(desc?.outcome?.actionPatterns ?? []), ...(m.actionOutcomes ?? [])].map((p) => ({
    re: new RegExp(p.pattern, 'i'),
    outcome: p.outcome,
  }));
  const dflt: Outcome = desc?.outcome?.default ?? 'unknown';
  return (rec, cache, action, rawAction) => {
    let weak = false;
    for (const r of readers) {
      const v = r.acc(rec, cache);
      const present = v !== undefined && v !== null && v !== '';
      if (present && values.size > 0 && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) {
        const mapped = values.get(String(v).trim().toLowerCase());
        if (mapped) return mapped;
      }
      if (!present && r.kind !== 'error') {
        if (r.container) {
          const c = r.container(rec, cache);
          if (c !== null && typeof c === 'object') weak = true;
        }
        continue;
      }
      const o = readOutcome(r.kind, v, present);
      if (o === 'weak-success') weak = true;
      else if (o !== 'unknown') return o;
    }
    if (action !== null) {
      for (const p of actionPatterns) if (p.re.test(action) || (rawAction !== null && p.re.test(rawAction))) return p.outcome;
      const fromAction = outcomeFromAction(action);
      if (fromAction !== 'unknown') return fromAction;
    }
    if (weak) return 'success';
    return dflt;
  };
}

function actorTypeReader(
  m: Mapping,
  desc: VendorDescriptor | undefined,
): (rec: Rec, cache: DecodeCache, actor: string | null, action: string | null) => ActorType {
  const typeAccs = accessors(m, 'actorType');
  const values = lowerKeys(desc?.actorType?.values);
  const patterns = (desc?.actorType?.patterns ?? []).map((p) => ({
    acc: p.path ? compilePath(p.path) : null,
    field: p.field ?? 'actor',
    re: new RegExp(p.pattern, 'i'),
    type: p.type,
  }));
  const dflt: ActorType = desc?.actorType?.default ?? 'unknown';
  return (rec, cache, actor, action) => {
    for (const a of typeAccs) {
      const v = a(rec, cache);
      if (v === undefined || v === null || v === '') continue;
      const mapped = values.get(String(v).trim().toLowerCase());
      if (mapped) return mapped;
      const t = actorTypeFromTypeValue(v);
      if (t !== 'unknown') return t;
    }
    for (const p of patterns) {
      let subject: string | null;
      if (p.acc) {
        const v = p.acc(rec, cache);
        subject = v === undefined || v === null ? '' : (toText(v) ?? '');
      } else subject = p.field === 'action' ? action : actor;
      if (subject !== null && p.re.test(subject)) return p.type;
    }
    const fromActor = actorTypeFromActor(actor);
    return fromActor !== 'unknown' ? fromActor : dflt;
  };
}

function sideReader(accs: Accessor[], side: 'before' | 'after'): (rec: Rec, cache: DecodeCache) => unknown {
  return (rec, cache) => {
    for (const a of accs) {
      const v = normaliseSide(a(rec, cache), side);
      if (v !== null) return v;
    }
    return null;
  };
}

function lastKey(path: string): string {
  try {
    const steps = parsePath(path);
    // `parameters[name=NEW_VALUE].value` is named by its label, not by "value".
    const label = [...steps].reverse().find((s) => s.kind === 'filter');
    if (label && label.kind === 'filter') return label.value.toLowerCase().replace(/[^a-z0-9]/g, '');
    const keys = steps.flatMap((s) => (s.kind === 'key' ? [s.key] : []));
    return (keys[keys.length - 1] ?? '').toLowerCase().replace(/[^a-z0-9]/g, '');
  } catch {
    return '';
  }
}

/** A code → label table applied to one field's text (the raw record keeps the code). */
function withLookup(
  read: (rec: Rec, cache: DecodeCache) => string | null,
  table: Record<string, string> | undefined,
): (rec: Rec, cache: DecodeCache) => string | null {
  if (!table || Object.keys(table).length === 0) return read;
  const labels = new Map(Object.entries(table).map(([k, v]) => [k.trim(), v]));
  return (rec, cache) => {
    const t = read(rec, cache);
    return t === null ? null : (labels.get(t) ?? t);
  };
}

function actorReader(accs: Accessor[]): (rec: Rec, cache: DecodeCache) => string | null {
  return (rec, cache) => {
    for (const a of accs) {
      const t = identityText(a(rec, cache));
      if (t !== null) return t;
    }
    return null;
  };
}

// Sign-in and authentication events: the person signing in is often recorded as the target user.
const SIGN_IN = /sign[-_. ]?in|signed[-_. ]?in|log[-_. ]?in|logged[-_. ]?in|log[-_. ]?on|authenticat|session[._]start|credentials?[-_. ]|mfa|2fa/i;
const NO_ONE = /^(anonymous|unknown|-|n\/a)$/i;

// "report:rpt_123" in one Resource column: the type before the first colon, the id after.
const TYPE_ID = /^([A-Za-z][\w-]*):(.+)$/;

export function compileMapping(m: Mapping): (value: Record<string, unknown>) => MappedFields {
  const desc = getDescriptor(m.vendor);
  const cache = new DecodeCache();
  // A column that names its zone ("TimeGenerated [UTC]") is read in that zone, not flagged zone-less.
  const timePaths = m.fields.time ?? [];
  const declaredUtc = timePaths.length > 0 && timePaths.every((p) => /(^|[^a-z])utc([^a-z]|$)/i.test(p));
  const time = timeReader(accessors(m, 'time'), desc?.timeAssumeUtc === true || declaredUtc);
  const eventId = textReader(accessors(m, 'eventId'));
  const lk = m.lookups ?? {};
  const actor = withLookup(actorReader(accessors(m, 'actor')), lk.actor);
  const signInUser = actorReader((m.signInUser ?? []).map((p) => compilePath(p)));
  // No actor field at all, but a target_user: a sign-in attempts log (1Password), whatever its actions say.
  const signInLog = (m.fields.actor ?? []).length === 0 && (m.signInUser ?? []).some((p) => /target_?user/i.test(p));
  const rawAction = textReader(accessors(m, 'action'));
  const actionTable = lk.action && Object.keys(lk.action).length > 0 ? new Map(Object.entries(lk.action)) : null;
  const targetType = withLookup(textReader(accessors(m, 'targetType')), lk.targetType);
  const targetId = withLookup(textReader(accessors(m, 'targetId')), lk.targetId);
  const requestId = textReader(accessors(m, 'requestId'));
  const ip = textReader(accessors(m, 'ip'));
  const userAgent = withLookup(textReader(accessors(m, 'userAgent')), lk.userAgent);
  const outcome = outcomeReader(m, desc);
  const actorType = actorTypeReader(m, desc);
  const diff = diffReader(m, cache);
  const tt = m.fields.targetType ?? [];
  const ti = m.fields.targetId ?? [];
  const splitTarget = tt.length > 0 && tt.some((p) => ti.includes(p));

  return (rec) => {
    cache.reset();
    const t = time(rec, cache);
    const raw = rawAction(rec, cache);
    const act = raw !== null && actionTable ? (actionTable.get(raw) ?? raw) : raw;
    let who = actor(rec, cache);
    if ((who === null || NO_ONE.test(who)) && m.signInUser && (signInLog || (act !== null && SIGN_IN.test(act)))) who = signInUser(rec, cache) ?? who;
    let tType = targetType(rec, cache);
    let tId = targetId(rec, cache);
    if (splitTarget && tType !== null && tType === tId) {
      const mm = TYPE_ID.exec(tType);
      if (mm) {
        tType = mm[1]!;
        tId = mm[2]!;
      }
    }
    const { before, after } = diff(rec);
    return {
      timeMs: t.ms,
      timeOriginal: t.original,
      timeFlag: t.flag,
      eventId: eventId(rec, cache),
      actor: who,
      actorType: actorType(rec, cache, who, act),
      action: act,
      targetType: tType,
      targetId: tId,
      outcome: outcome(rec, cache, act, raw),
      requestId: requestId(rec, cache),
      ip: ip(rec, cache),
      userAgent: userAgent(rec, cache),
      before,
      after,
    };
  };
}

/** Only the before/after a mapping reads from a record: exports re-derive them for JSON records. */
export function compileDiffMapping(m: Mapping): (value: Record<string, unknown>) => { before: unknown; after: unknown } {
  const cache = new DecodeCache();
  const diff = diffReader(m, cache);
  return (rec) => {
    cache.reset();
    return diff(rec);
  };
}

function diffReader(m: Mapping, cache: DecodeCache): (rec: Record<string, unknown>) => { before: unknown; after: unknown } {
  const beforeAccs = accessors(m, 'before');
  const afterAccs = accessors(m, 'after');
  const before = beforeAccs.length ? sideReader(beforeAccs, 'before') : null;
  const after = afterAccs.length ? sideReader(afterAccs, 'after') : null;
  // Zoom sends "object" on every event but "old_object" only on updates: an after-state named
  // that generically is one only when a before-state came with it.
  const afterNeedsBefore = (m.fields.after ?? []).length > 0 && (m.fields.after ?? []).every((p) => WEAK_SIDE_NAMES.has(lastKey(p)));
  return (rec) => {
    const b = before ? before(rec, cache) : null;
    return { before: b, after: after && (b !== null || !afterNeedsBefore) ? after(rec, cache) : null };
  };
}

export { outcomeFromWord };
