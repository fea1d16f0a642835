// The standalone verifier written next to every export is verify.mjs, a real file beside this module:
// Node built-ins only, so an auditor can run it without AuditDesk, and `auditdesk verify` imports the
// very same file. test/export runs the copies in exports with node.
import fs from 'node:fs';
import { shippedFile } from '../runtime/shipped-file';

/** Where verify.mjs is, in the sources or in the build. */
export function verifyScriptPath(): string {
  return shippedFile('verify.mjs', __dirname);
}

/** The text of verify.mjs, written byte for byte into each export. */
export function verifyScript(): Buffer {
  return fs.readFileSync(verifyScriptPath());
}
