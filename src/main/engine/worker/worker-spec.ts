import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a worker entry is: built, it sits beside the built entry (this module may be bundled into
 * out/main/chunks/, one folder below); from TypeScript sources it runs through tsx.
 */
export function workerSpec(name: string): { file: string; execArgv: string[] } {
  for (const dir of [__dirname, path.dirname(__dirname)]) {
    const built = path.join(dir, `${name}.js`);
    if (fs.existsSync(built)) return { file: built, execArgv: [] };
  }
  return { file: path.join(__dirname, `${name}.ts`), execArgv: ['--require', 'tsx/cjs'] };
}
