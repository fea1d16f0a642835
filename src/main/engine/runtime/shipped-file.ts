import fs from 'node:fs';
import path from 'node:path';

/**
 * A file shipped as it is (not bundled), for the module in `dir` that uses it (pass its __dirname):
 * in the sources it sits beside that module; built, it is copied into out/main/ (electron.vite.config.ts)
 * and the module may be bundled into out/main/chunks/, one folder below.
 */
export function shippedFile(name: string, dir: string): string {
  for (const d of [dir, path.dirname(dir)]) {
    const file = path.join(d, name);
    if (fs.existsSync(file)) return file;
  }
  throw new Error(`${name} is missing beside ${dir}: the AuditDesk build is incomplete`);
}
