// The app:// protocol the Electron window is loaded from, instead of file:// (which would give the page
// the reach of the whole disk). Only files inside the built renderer folder are served, each with the
// same Content-Security-Policy header the HTTP host sends. No Electron here, so plain Node tests it.
import fs from 'node:fs';
import path from 'node:path';
import { CSP_HTTP } from './host/csp';
import { CONTENT_TYPES } from './host/static-files';

export const APP_SCHEME = 'app';
/** The one host of the scheme: a standard scheme needs one, and a fixed one gives the page a fixed origin. */
export const APP_HOST = 'renderer';
export const APP_INDEX_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * The file inside `root` an app:// URL names, or null: another scheme or host, a path that is not
 * valid percent-encoding, holds a NUL or a backslash, or leaves root once `..` is resolved (also when
 * encoded as %2e%2e or %2f). The query and fragment are ignored.
 */
export function resolveAppPath(root: string, url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return null;
  }
  if (u.protocol !== `${APP_SCHEME}:` || u.host.toLowerCase() !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, `.${path.posix.normalize(`/${rel}`)}`);
  const inside = path.relative(base, file);
  if (inside === '' || inside.startsWith('..') || path.isAbsolute(inside)) return null;
  return file;
}

/**
 * The response to an app:// request: the file with its type and the CSP header, or 404 for anything
 * that is not a regular file inside root (a link out of it included: its real path must stay inside).
 */
export async function appResponse(root: string, url: string): Promise<Response> {
  const notFound = () => new Response('not found', { status: 404, headers: { 'Content-Type': 'text/plain', 'Content-Security-Policy': CSP_HTTP } });
  const file = resolveAppPath(root, url);
  if (!file) return notFound();
  try {
    const [real, realRoot] = await Promise.all([fs.promises.realpath(file), fs.promises.realpath(root)]);
    const inside = path.relative(realRoot, real);
    if (inside.startsWith('..') || path.isAbsolute(inside) || !(await fs.promises.stat(real)).isFile()) return notFound();
    const body = await fs.promises.readFile(real);
    return new Response(new Uint8Array(body), {
      status: 200,
      headers: {
        'Content-Type': CONTENT_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream',
        'Content-Security-Policy': CSP_HTTP,
        'X-Content-Type-Options': 'nosniff',
      },
    });
  } catch {
    return notFound();
  }
}
