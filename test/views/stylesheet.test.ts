// The stylesheet's blocks close where they should. A rule left unclosed does not fail the build:
// Chromium reads every rule after it as nested CSS (scoped inside the unclosed selector), so they
// silently stop applying. That once cost the search box its width, the match lines their
// highlight, and a half-typed time its red outline.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';

/** Each `{` with the text before it and the line it is on, and whether every block closed. */
function blocks(css: string): { opened: { head: string; line: number; inside: string | null }[]; depth: number } {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const opened: { head: string; line: number; inside: string | null }[] = [];
  const stack: string[] = [];
  let start = 0;
  let line = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') line++;
    else if (c === '{') {
      const head = text.slice(start, i).trim();
      opened.push({ head, line, inside: stack.at(-1) ?? null });
      stack.push(head);
      start = i + 1;
    } else if (c === '}') {
      stack.pop();
      start = i + 1;
    } else if (c === ';') start = i + 1;
  }
  return { opened, depth: stack.length };
}

test('every rule in styles.css is closed, and rules nest only inside at-rules (@media, @keyframes)', () => {
  const css = fs.readFileSync(path.join(REPO_ROOT, 'src/renderer/src/styles.css'), 'utf8');
  const { opened, depth } = blocks(css);
  assert.ok(opened.length > 50, 'the stylesheet was read');
  const nested = opened.filter((b) => b.inside !== null && !b.inside.startsWith('@')).map((b) => `line ${b.line}: "${b.head}" inside "${b.inside}"`);
  assert.deepEqual(nested, []);
  assert.equal(depth, 0, 'a block is still open at the end of the file');
});

test('the check finds an unclosed rule', () => {
  const { opened, depth } = blocks('.a {\n  color: red;\n.b {\n  width: 1px;\n}\n@keyframes k {\n  to {\n    opacity: 0;\n  }\n}\n');
  assert.deepEqual(
    opened.filter((b) => b.inside !== null && !b.inside.startsWith('@')).map((b) => b.head),
    ['.b', '@keyframes k'],
  );
  assert.equal(depth, 1);
});
