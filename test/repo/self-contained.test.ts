// The repository must stand on its own: a clone in an empty folder passes `npm test`, so nothing the
// tests, benches or scripts read may sit outside it.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { CORPUS_DIR, REPO_ROOT, VENDOR_DOCS_DIR } from '../helpers/paths';

const CODE_DIRS = ['src', 'test', 'bench', 'scripts', 'bin', '.ci'];
// A path that climbs out of the clone into a sibling folder, or an absolute path of one machine.
const OUTSIDE = /\.\.\/shared\/(corpus|vendor-docs|hooks)|['"`]\/work\//;

function codeFiles(dir: string): string[] {
  const out: string[] = [];
  for (const ent of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, ent.name);
    if (ent.isDirectory()) {
      if (p === CORPUS_DIR) continue;
      out.push(...codeFiles(p));
    } else if (/\.(ts|tsx|mjs|js|cjs|sh)$/.test(ent.name) || ent.name === 'run') out.push(p);
  }
  return out;
}

test('no source, test, bench or script refers to files outside the repository', () => {
  const offenders: string[] = [];
  for (const d of CODE_DIRS) {
    const dir = path.join(REPO_ROOT, d);
    if (!fs.existsSync(dir)) continue;
    for (const f of codeFiles(dir)) {
      const text = fs.readFileSync(f, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (OUTSIDE.test(line) && f !== path.join(REPO_ROOT, 'test/repo/self-contained.test.ts')) {
          offenders.push(`${path.relative(REPO_ROOT, f)}:${i + 1}: ${line.trim()}`);
        }
      });
    }
  }
  assert.deepEqual(offenders, []);
});

test('the corpus fixtures are inside the repo, each file as its manifest records it', () => {
  assert.ok(CORPUS_DIR.startsWith(REPO_ROOT + path.sep), `${CORPUS_DIR} is outside ${REPO_ROOT}`);
  const manifest = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as {
    files: { file: string; license: string; repo: string; commit: string }[];
  };
  const sources = fs.readFileSync(path.join(CORPUS_DIR, 'SOURCES.md'), 'utf8');
  assert.ok(manifest.files.length >= 30);
  for (const f of manifest.files) {
    assert.ok(fs.statSync(path.join(CORPUS_DIR, f.file)).isFile(), `${f.file} is missing`);
    assert.ok(f.license && f.repo && f.commit, `${f.file} lacks its licence or origin in manifest.json`);
    assert.ok(sources.includes(f.file), `${f.file} is not described in SOURCES.md`);
  }
});

test('the five vendor API documents are inside the repo', () => {
  assert.ok(VENDOR_DOCS_DIR.startsWith(REPO_ROOT + path.sep));
  const index = fs.readFileSync(path.join(VENDOR_DOCS_DIR, 'README.md'), 'utf8');
  const named = [...index.matchAll(/^\| (\S+\.txt) \|/gm)].map((m) => m[1]);
  assert.equal(named.length, 5);
  for (const name of named) assert.ok(fs.statSync(path.join(VENDOR_DOCS_DIR, name)).size > 1000, name);
});
