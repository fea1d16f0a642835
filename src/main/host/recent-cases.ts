// The cases opened lately, kept by the host in a small JSON file under the user's config folder (not
// in the page's localStorage: serve's address changes port from run to run, and with it the storage).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecentCase } from '../../shared/cases';

const KEEP = 10;

export const recentCasesFile = () => path.join(process.env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'auditdesk', 'recent-cases.json');

/** The list, newest first; cases since removed are left out. A missing or damaged file is an empty list. */
export function recentCases(file = recentCasesFile()): RecentCase[] {
  try {
    const list = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    if (!Array.isArray(list)) return [];
    return list.filter((c): c is RecentCase => typeof c?.path === 'string' && typeof c?.openedAt === 'string' && fs.existsSync(c.path));
  } catch {
    return [];
  }
}

/** Puts the case first. Best effort: a config folder that cannot be written costs the list, not the open. */
export function rememberCase(casePath: string, file = recentCasesFile()): void {
  try {
    const list = [{ path: casePath, openedAt: new Date().toISOString() }, ...recentCases(file).filter((c) => c.path !== casePath)].slice(0, KEEP);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    // Written aside then renamed: another serve writing at the same time never leaves half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(list, null, 1));
    fs.renameSync(tmp, file);
  } catch {
    // Nothing to do: the list is a convenience.
  }
}
