// Decides whether console SQL is one read-only statement. Comments, string literals and quoted names
// are blanked first, so neither `SELECT 'x; DROP TABLE t'` is refused nor `SELECT 1 /*;*/; DELETE ...`
// slips through. The statement then also runs on a copy of the case with query_only set (read-only-db.ts).

const FIRST_WORDS = new Set(['SELECT', 'WITH', 'EXPLAIN', 'VALUES']);
/**
 * Words that only appear in statements that change something (REPLACE only when not the function; END
 * is left out because CASE ... END reads).
 */
const WRITE_WORDS = [
  'INSERT',
  'UPDATE',
  'DELETE',
  'REPLACE',
  'CREATE',
  'DROP',
  'ALTER',
  'ATTACH',
  'DETACH',
  'PRAGMA',
  'VACUUM',
  'REINDEX',
  'ANALYZE',
  'BEGIN',
  'COMMIT',
  'ROLLBACK',
  'SAVEPOINT',
  'RELEASE',
  'TRANSACTION',
];

/** The text with comments removed and the insides of literals and quoted names blanked. */
export function blankLiterals(sql: string): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const ch = sql[i];
    const next = sql[i + 1];
    if (ch === '-' && next === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl < 0 ? sql.length : nl;
      out += ' ';
    } else if (ch === '/' && next === '*') {
      const end = sql.indexOf('*/', i + 2);
      if (end < 0) throw new Error('the statement has a /* comment that is never closed');
      i = end + 2;
      out += ' ';
    } else if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let j = i + 1;
      for (;;) {
        if (j >= sql.length) throw new Error(`the statement has a ${ch} that is never closed`);
        if (sql[j] === close) {
          if (close !== ']' && sql[j + 1] === close)
            j += 2; // doubled quote inside the literal
          else break;
        } else j++;
      }
      // Strings become '' and names become "x": the shape stays valid for the word checks.
      out += ch === "'" ? "''" : ' "x" ';
      i = j + 1;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

/** Throws a message for the user unless sql is a single SELECT / WITH / EXPLAIN (or VALUES) statement. */
export function assertReadOnly(sql: string): void {
  const bare = blankLiterals(sql).trim().replace(/;\s*$/, '').trim();
  if (!bare) throw new Error('type a SELECT, WITH or EXPLAIN statement');
  if (bare.includes(';')) throw new Error('one statement at a time: the console runs a single SELECT, WITH or EXPLAIN');
  const first = /^[A-Za-z]+/.exec(bare)?.[0].toUpperCase() ?? '';
  if (!FIRST_WORDS.has(first)) {
    throw new Error(`only SELECT, WITH and EXPLAIN statements run here (the case is read-only in the console), not ${first || 'this'}`);
  }
  const words = bare.toUpperCase();
  for (const w of WRITE_WORDS) {
    const re = w === 'REPLACE' ? /\bREPLACE\b(?!\s*\()/ : new RegExp(`\\b${w}\\b`);
    if (re.test(words)) throw new Error(`${w} is not allowed: the console only reads (SELECT, WITH, EXPLAIN)`);
  }
}
