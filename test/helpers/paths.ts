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

/** A fresh temp folder for one test; removed by the caller's t.after if wanted. */
export function tempDir(prefix = 'auditdesk-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
