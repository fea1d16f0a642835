// Paths sent by the browser stay inside the folders the user chose when starting `serve`: whoever
// drives the page must not read, write or open anything else of the user's files. Symlinks are
// resolved before the check, and the engine is handed the resolved path, so what was checked is what
// is opened. (Electron's IPC host needs none of this: paths there come from native dialogs.)
import fs from 'node:fs';
import path from 'node:path';
import { INCOMING_DIR } from '../engine/store/case-store';

export interface ServeFolders {
  /** Cases may be opened or created in here (default: the folder of the case serve started with). */
  cases: string;
  /** The case serve started with, which may sit outside `cases`. */
  startCase: string;
  /** Files may be imported from here; uploads in the open case's incoming/ always may. */
  imports: string;
  /** Exports may be written in here (when given); the open case's exports/ always may. */
  exports: string | null;
}

type Kind = 'cases' | 'imports' | 'exports';
const FLAG: Record<Kind, string> = { cases: '--cases', imports: '--imports', exports: '--exports' };

/** Checks and resolves the paths of openCase, importFiles, exportEvents, buildReport and detect; other calls pass as they are. */
export function guardParams(method: string, params: unknown, folders: ServeFolders, openCase: string | null): unknown {
  const p = (params ?? {}) as Record<string, unknown>;
  if (method === 'openCase') {
    const resolved = confine(p.path, [folders.cases, folders.startCase], 'cases');
    return { ...p, path: resolved };
  }
  if (method === 'importFiles') {
    if (!Array.isArray(p.paths)) throw new Error('importFiles needs paths: a list of file paths');
    const roots = [folders.imports, ...(openCase ? [path.join(openCase, INCOMING_DIR)] : [])];
    return { ...p, paths: p.paths.map((f) => confine(f, roots, 'imports')) };
  }
  if ((method === 'exportEvents' || method === 'buildReport') && p.out !== undefined) {
    const roots = [...(folders.exports ? [folders.exports] : []), ...(openCase ? [path.join(openCase, 'exports')] : [])];
    return { ...p, out: confine(p.out, roots, 'exports') };
  }
  if (method === 'detect' && p.rulesDir !== undefined) {
    // Rule files are read like imports: only from the folder the user chose for them.
    return { ...p, rulesDir: confine(p.rulesDir, [folders.imports], 'imports') };
  }
  return params;
}

/** The path's real location (relative paths start in the first folder), or an error naming the folders. */
export function confine(p: unknown, roots: string[], kind: Kind): string {
  if (typeof p !== 'string' || !p.trim()) throw new Error(`refused: a path is needed (got ${JSON.stringify(p)})`);
  const real = realLocation(path.resolve(roots[0], p));
  for (const root of roots) {
    // A folder not made yet (the case's exports/ before the first export) is where it would be made.
    const r = realRootOrNull(root);
    if (r && (real === r || real.startsWith(r + path.sep))) return real;
  }
  const climbs = p.split(/[\\/]+/).includes('..') ? ' (its ".." leads out of them)' : '';
  const where = roots.join(' or ');
  throw new Error(
    `refused: ${p} is outside the ${kind} folder${roots.length > 1 ? 's' : ''} of this serve, ${where}${climbs}; choose the folder with auditdesk serve ${FLAG[kind]} DIR`,
  );
}

/** realpath of the path, or of its nearest existing ancestor with the rest appended (files yet to be made). */
function realLocation(abs: string): string {
  const rest: string[] = [];
  let at = abs;
  for (;;) {
    const r = realOrNull(at);
    if (r) return path.join(r, ...rest.reverse());
    // A link to nowhere would be followed when the file is made: where it leads cannot be checked.
    if (isLink(at)) throw new Error(`refused: ${at} is a link that leads nowhere`);
    const up = path.dirname(at);
    if (up === at) return abs;
    rest.push(path.basename(at));
    at = up;
  }
}

function realRootOrNull(root: string): string | null {
  try {
    return realLocation(path.resolve(root));
  } catch {
    return null;
  }
}

function isLink(p: string): boolean {
  try {
    return fs.lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

function realOrNull(p: string): string | null {
  try {
    return fs.realpathSync.native(p);
  } catch {
    return null;
  }
}
