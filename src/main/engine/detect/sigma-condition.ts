// A Sigma condition (`selection and not 1 of filter_*`) parsed into a tree over named selections.
// Precedence as in the Sigma spec: not, then and, then or; parentheses group.
import { Unsupported } from './sigma-value';

export type Cond =
  { kind: 'ref'; name: string } | { kind: 'not'; arg: Cond } | { kind: 'and' | 'or'; args: Cond[] } | { kind: 'of'; quant: 'one' | 'all'; names: string[] };

function tokenize(text: string): string[] {
  const tokens: string[] = text.match(/\(|\)|[^\s()]+/g) ?? [];
  if (tokens.includes('|')) throw new Unsupported('aggregations in the condition (`| count()` and the like) are not supported');
  return tokens;
}

function globToRe(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')}$`,
  );
}

/** Parses `text` against the rule's selection names; throws Unsupported naming what is wrong. */
export function parseCondition(text: string, selections: readonly string[]): Cond {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at]?.toLowerCase();
  const fail = (what: string): never => {
    throw new Unsupported(`condition "${text}": ${what}`);
  };
  const names = (pattern: string): string[] => {
    // `them` leaves out names starting with "_", as pySigma does.
    if (pattern === 'them') return selections.filter((s) => !s.startsWith('_'));
    const re = globToRe(pattern);
    const found = selections.filter((s) => re.test(s));
    if (!found.length) fail(`no selection matches "${pattern}"`);
    return found;
  };
  const primary = (): Cond => {
    const t = tokens[at++];
    if (t === undefined) return fail('ends too early');
    const low = t.toLowerCase();
    if (low === '(') {
      const inner = or();
      if (tokens[at++] !== ')') fail('missing ")"');
      return inner;
    }
    if (low === 'not') return { kind: 'not', arg: primary() };
    if ((low === '1' || low === 'all' || low === 'any') && tokens[at]?.toLowerCase() === 'of') {
      at++;
      const pattern = tokens[at++];
      if (pattern === undefined) fail(`"${t} of" needs a name`);
      return { kind: 'of', quant: low === 'all' ? 'all' : 'one', names: names(pattern!) };
    }
    if (/^\d+$/.test(low) && tokens[at]?.toLowerCase() === 'of') fail(`"${t} of" is not supported (only "1 of" and "all of")`);
    if (low === 'and' || low === 'or' || low === ')') fail(`unexpected "${t}"`);
    if (!selections.includes(t)) fail(`no selection named "${t}"`);
    return { kind: 'ref', name: t };
  };
  const and = (): Cond => {
    const args = [primary()];
    while (peek() === 'and') {
      at++;
      args.push(primary());
    }
    return args.length === 1 ? args[0]! : { kind: 'and', args };
  };
  const or = (): Cond => {
    const args = [and()];
    while (peek() === 'or') {
      at++;
      args.push(and());
    }
    return args.length === 1 ? args[0]! : { kind: 'or', args };
  };
  const tree = or();
  if (at < tokens.length) fail(`unexpected "${tokens[at]}"`);
  return tree;
}

/** Evaluates the tree; `sel` answers one named selection (and may cache its answer). */
export function evalCondition(c: Cond, sel: (name: string) => boolean): boolean {
  switch (c.kind) {
    case 'ref':
      return sel(c.name);
    case 'not':
      return !evalCondition(c.arg, sel);
    case 'and':
      return c.args.every((a) => evalCondition(a, sel));
    case 'or':
      return c.args.some((a) => evalCondition(a, sel));
    case 'of':
      return c.quant === 'all' ? c.names.every(sel) : c.names.some(sel);
  }
}
