// The README's CLI block is what `auditdesk --help` prints (generated from the command table), so
// the two cannot drift apart.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from '../helpers/paths';
import { cli } from '../helpers/cli';

test("README's CLI usage block is the CLI's own --help text", () => {
  const help = cli(['--help']);
  assert.equal(help.code, 0, help.stderr);
  const lines = help.stdout.trimEnd().split('\n');
  assert.equal(lines[0], 'usage:');
  const fromHelp = lines
    .slice(1)
    .map((l) => (l.startsWith('  ') ? l.slice(2) : l))
    .join('\n');
  const readme = fs.readFileSync(path.join(REPO_ROOT, 'README.md'), 'utf8');
  const block = /## CLI\n[\s\S]*?```\n([\s\S]*?)\n```/.exec(readme);
  assert.ok(block, 'README has a ## CLI section with a code block');
  assert.equal(block[1], fromHelp);
});
