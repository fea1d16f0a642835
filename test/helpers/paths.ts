import { fileURLToPath } from 'node:url';
import path from 'node:path';
import fs from 'node:fs';
import os from 'node:os';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Real third-party audit logs, carried in the repo as test fixtures (origin and licence in SOURCES.md). */
export const CORPUS_DIR = path.resolve(REPO_ROOT, 'test/fixtures/corpus');
/** The five vendor API documents the sync servers and samples follow. */
export const VENDOR_DOCS_DIR = path.resolve(REPO_ROOT, 'docs/vendors');

/**
 * Where UI tests save the screenshots they take: test-results/ (ignored by git), so `npm test` never
 * changes the repo; AD_SHOTS_DIR=docs/screenshots makes them refresh the README's pictures.
 */
export const SHOTS_DIR = path.resolve(REPO_ROOT, process.env.AD_SHOTS_DIR ?? 'test-results/screenshots');

const made: string[] = [];
// Each test file runs in its own process: its folders go when it exits, so a full run leaves /tmp as it
// found it (a run used to leave thousands of cases behind). AD_KEEP_TMP=1 keeps them for a look.
process.on('exit', () => {
  if (process.env.AD_KEEP_TMP === '1') return;
  for (const dir of made) {
    try {
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // A child still writing there: left for the system's tmp cleaning, the test's result stands.
    }
  }
});

/** A fresh temp folder for one test, removed when the test file's process exits. */
export function tempDir(prefix = 'auditdesk-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}
