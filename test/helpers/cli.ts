import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from './paths';

export const BIN = path.join(REPO_ROOT, 'bin', 'auditdesk.js');

export function cli(args: string[], opts: { env?: NodeJS.ProcessEnv } = {}): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, ...opts.env }, maxBuffer: 256 << 20 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

export interface Served {
  /** The address serve printed, token included: what a user opens. */
  url: string;
  /** http://127.0.0.1:PORT/ without the token, to build API addresses on. */
  base: string;
  token: string;
  stop: () => Promise<{ code: number | null; signal: string | null }>;
}

/** Starts `auditdesk serve` (with any further flags) and resolves with its URL once it prints it. */
export async function serve(casePath: string, flags: string[] = []): Promise<Served> {
  const child = spawn(process.execPath, [BIN, 'serve', casePath, '--json', ...flags], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d) => {
      out += d;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${err}`)));
  });
  const parsed = new URL(url);
  return {
    url,
    base: `${parsed.origin}/`,
    token: parsed.searchParams.get('token') ?? '',
    // SIGTERM asks serve to close cleanly; a host that has not gone within 10 s is killed, so a
    // test never hangs in its cleanup.
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve({ code: child.exitCode, signal: child.signalCode });
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', (code, signal) => {
          clearTimeout(kill);
          resolve({ code, signal });
        });
        child.kill('SIGTERM');
      }),
  };
}
