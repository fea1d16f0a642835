// One Sigma value with its modifiers, compiled into a test over a field's string values. Sigma compares
// case-insensitively (except `re` and `cased`); `*` and `?` are wildcards, `\*`, `\?` and `\\` literals.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/** A field's values in one record: each as written and lowercased once. */
export interface FieldText {
  raw: string[];
  lower: string[];
}

export type ValueTest = (v: FieldText) => boolean;

export class Unsupported extends Error {}

const TRANSFORMS = new Set(['base64', 'base64offset', 'windash']);
const PLACES = new Set(['contains', 'startswith', 'endswith']);
const NUMERIC = new Set(['gt', 'gte', 'lt', 'lte']);
const OTHERS = new Set(['all', 're', 'cidr', 'cased', 'i', 'm', 's', 'exists', 'fieldref']);

/** Throws Unsupported naming the first modifier this engine does not apply. */
export function checkModifiers(mods: readonly string[]): void {
  for (const m of mods) {
    if (!TRANSFORMS.has(m) && !PLACES.has(m) && !NUMERIC.has(m) && !OTHERS.has(m)) throw new Unsupported(`modifier "${m}" is not supported`);
  }
  const flags = mods.filter((m) => m === 'i' || m === 'm' || m === 's');
  if (flags.length && !mods.includes('re')) throw new Unsupported(`modifier "${flags[0]}" only goes with "re"`);
}

type Piece = { lit: string } | { star: true } | { one: true };

/** Splits a Sigma string into literal runs and wildcards. */
export function wildcardPieces(s: string): Piece[] {
  const out: Piece[] = [];
  let lit = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && (s[i + 1] === '*' || s[i + 1] === '?' || s[i + 1] === '\\')) {
      lit += s[++i];
    } else if (c === '*' || c === '?') {
      if (lit) out.push({ lit });
      lit = '';
      out.push(c === '*' ? { star: true } : { one: true });
    } else lit += c;
  }
  if (lit) out.push({ lit });
  return out;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A test of one lowercased (or, cased, raw) string against a wildcard pattern, with fast paths for the usual shapes. */
function patternTest(pieces: Piece[], cased: boolean): (s: string) => boolean {
  const lits = pieces.filter((p): p is { lit: string } => 'lit' in p);
  const stars = pieces.filter((p) => 'star' in p).length;
  const fold = (t: string) => (cased ? t : t.toLowerCase());
  if (!pieces.some((p) => 'one' in p) && lits.length <= 1) {
    const lit = fold(lits[0]?.lit ?? '');
    const lead = 'star' in (pieces[0] ?? {});
    const trail = 'star' in (pieces[pieces.length - 1] ?? {});
    if (stars === 0) return (s) => s === lit;
    if (lit === '') return () => true;
    if (lead && trail) return (s) => s.includes(lit);
    if (lead && stars === 1) return (s) => s.endsWith(lit);
    if (trail && stars === 1) return (s) => s.startsWith(lit);
  }
  const body = pieces.map((p) => ('lit' in p ? escapeRe(fold(p.lit)) : 'star' in p ? '.*' : '.')).join('');
  const re = new RegExp(`^${body}$`, 's');
  return (s) => re.test(s);
}

/** Every `-` or `/` that starts a word, in each of the dashes Windows accepts. */
function windash(s: string): string[] {
  const dashes = ['-', '/', '\u2013', '\u2014', '\u2015'];
  let out = [''];
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    const starts = (c === '-' || c === '/') && (i === 0 || /\s/.test(s[i - 1]!));
    out = starts ? out.flatMap((o) => dashes.map((d) => o + d)) : out.map((o) => o + c);
  }
  return out;
}

/** The three encodings of a string inside a longer base64 text, trimmed as pySigma trims them. */
function base64offset(s: string): string[] {
  const val = Buffer.from(s, 'utf8');
  const starts = [0, 2, 3];
  const ends = [undefined, -3, -2];
  return [0, 1, 2].map((i) => {
    const enc = Buffer.concat([Buffer.alloc(i, ' '), val]).toString('base64');
    return enc.slice(starts[i], ends[(val.length + i) % 3]);
  });
}

/**
 * A run of plain characters every match of the pattern must contain (`:assumed-role/aws:` of
 * `.+:assumed-role/aws:.+`), so most values are turned down by a substring test before the regex runs.
 * Only for patterns without alternation, groups, classes or escapes, where that is plainly true.
 */
export function regexLiteral(pattern: string): string {
  if (/[|()[\\]/.test(pattern)) return '';
  let best = '';
  let run = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if ('.^$*+?{}'.includes(c)) {
      // A quantifier may repeat the character before it zero times: it is not certain to be there.
      if ((c === '?' || c === '*' || c === '{') && run) run = run.slice(0, -1);
      if (run.length > best.length) best = run;
      run = '';
      if (c === '{') {
        i = pattern.indexOf('}', i);
        if (i < 0) return '';
      }
    } else run += c;
  }
  return run.length > best.length ? run : best;
}

function cidrTest(values: string[]): ValueTest {
  const list = new BlockList();
  for (const v of values) {
    const [net, bits] = v.split('/');
    const type = isIPv4(net ?? '') ? 'ipv4' : isIPv6(net ?? '') ? 'ipv6' : null;
    if (!type || bits === undefined || !/^\d+$/.test(bits)) throw new Unsupported(`"${v}" is not a CIDR range`);
    list.addSubnet(net!, Number(bits), type);
  }
  return (f) =>
    f.raw.some((ip) => {
      const type = isIPv4(ip) ? 'ipv4' : isIPv6(ip) ? 'ipv6' : null;
      return type !== null && list.check(ip, type);
    });
}

function numericTest(op: string, values: unknown[]): ValueTest {
  const limits = values.map((v) => {
    const n = Number(v);
    if (typeof v === 'boolean' || v === null || v === '' || !Number.isFinite(n)) throw new Unsupported(`"${op}" needs a number, got ${JSON.stringify(v)}`);
    return n;
  });
  const cmp = {
    gt: (a: number, b: number) => a > b,
    gte: (a: number, b: number) => a >= b,
    lt: (a: number, b: number) => a < b,
    lte: (a: number, b: number) => a <= b,
  }[op]!;
  return (f) => f.raw.some((s) => s.trim() !== '' && Number.isFinite(Number(s)) && limits.some((l) => cmp(Number(s), l)));
}

/** Sigma writes numbers and booleans unquoted; they compare as their text. */
function asText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  throw new Unsupported(`value ${JSON.stringify(v)} is not a string or number`);
}

/**
 * The test for one field's value list. A list means any of them; with `all`, every one. Null and
 * `exists` are handled by the caller (they look at presence, not text). `fieldref` values name fields.
 */
export function compileValues(mods: readonly string[], values: unknown[], other?: (field: string) => FieldText): ValueTest {
  checkModifiers(mods);
  const all = mods.includes('all');
  const join = (tests: ValueTest[]): ValueTest => (all ? (f) => tests.every((t) => t(f)) : (f) => tests.some((t) => t(f)));
  const num = mods.find((m) => NUMERIC.has(m));
  if (num) return numericTest(num, values);
  if (mods.includes('cidr')) return cidrTest(values.map(asText));
  if (mods.includes('fieldref')) {
    if (!other) throw new Unsupported('"fieldref" needs a record');
    const cased = mods.includes('cased');
    return join(
      values.map(asText).map((name) => (f: FieldText) => {
        const ref = other(name);
        const mine = cased ? f.raw : f.lower;
        const theirs = new Set(cased ? ref.raw : ref.lower);
        return mine.some((s) => theirs.has(s));
      }),
    );
  }
  if (mods.includes('re')) {
    const flags = `${mods.includes('i') ? 'i' : ''}${mods.includes('m') ? 'm' : ''}${mods.includes('s') ? 's' : ''}`;
    return join(
      values.map(asText).map((p) => {
        let re: RegExp;
        try {
          re = new RegExp(p, flags);
        } catch (e) {
          throw new Unsupported(`regular expression ${JSON.stringify(p)}: ${(e as Error).message}`);
        }
        const lit = regexLiteral(p);
        // Case folding is only as simple as toLowerCase for ASCII.
        if (!lit || (flags.includes('i') && /[^\x20-\x7e]/.test(lit))) return (f: FieldText) => f.raw.some((s) => re.test(s));
        const folded = flags.includes('i') ? lit.toLowerCase() : lit;
        return flags.includes('i')
          ? (f: FieldText) => f.raw.some((s, i) => f.lower[i]!.includes(folded) && re.test(s))
          : (f: FieldText) => f.raw.some((s) => s.includes(folded) && re.test(s));
      }),
    );
  }
  const cased = mods.includes('cased');
  const place = mods.find((m) => PLACES.has(m));
  return join(
    values.map((v) => {
      let variants = [asText(v)];
      // An encoded value is literal text: wildcards inside it would be encoded too.
      const literal = mods.some((m) => m === 'base64' || m === 'base64offset');
      if (mods.includes('windash')) variants = variants.flatMap(windash);
      if (mods.includes('base64')) variants = variants.map((s) => Buffer.from(s, 'utf8').toString('base64'));
      if (mods.includes('base64offset')) variants = variants.flatMap(base64offset);
      const tests = variants.map((s) => {
        const pieces: Piece[] = literal ? (s ? [{ lit: s }] : []) : wildcardPieces(s);
        if (place === 'contains' || place === 'endswith') pieces.unshift({ star: true });
        if (place === 'contains' || place === 'startswith') pieces.push({ star: true });
        return patternTest(pieces, cased);
      });
      return (f: FieldText) => {
        const texts = cased ? f.raw : f.lower;
        return texts.some((s) => tests.some((t) => t(s)));
      };
    }),
  );
}
