import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../src/main/engine/engine';
import type { HostEvent } from '../../src/shared/contract';
import { tempDir } from './paths';

/** An in-process engine on a fresh case folder (the worker thread only carries calls to this). */
export async function freshEngine(): Promise<{ engine: Engine; dir: string; casePath: string; events: HostEvent[] }> {
  const events: HostEvent[] = [];
  const engine = new Engine((e) => events.push(e));
  const dir = tempDir();
  const casePath = path.join(dir, 'test.auditdesk');
  await engine.openCase({ path: casePath, create: true });
  return { engine, dir, casePath, events };
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const p = path.join(dir, name);
  fs.writeFileSync(p, content);
  return p;
}
