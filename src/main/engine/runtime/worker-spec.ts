import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a worker entry is, for the module in `dir` that starts it (pass its __dirname). Built, every
 * entry sits in out/main/ and the caller may be bundled into out/main/chunks/, one folder below; from
 * TypeScript sources the entry is beside its caller and runs through tsx.
 */
export function workerSpec(name: string, dir: string): { file: string; execArgv: string[] } {
  for (const d of [dir, path.dirname(dir)]) {
    const built = path.join(d, `${name}.js`);
    if (fs.existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: path.join(dir, `${name}.ts`), execArgv: ['--require', 'tsx/cjs'] };
}
