// Browser uploads: the bytes of a picked or dropped file, kept in the case's incoming/ folder only
// until their import ends (its records are then in raw.seg, with the file's SHA-256). Each serve keeps
// its uploads in a folder of its own, named with its pid, so a serve starting on the same case clears
// what a stopped one left without touching the uploads of one still running.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type http from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** 4 GiB: above the largest audit exports seen in practice, and a bound on what one request can write. */
export const DEFAULT_MAX_UPLOAD = 4 * 1024 ** 3;

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  tib: 1024 ** 4,
};

/** "4GiB", "500MB", "1048576": a size in bytes, or null when the text is not one. */
export function parseSize(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2].toLowerCase()] : undefined;
  if (!m || unit === undefined) return null;
  const n = Math.floor(Number(m[1]) * unit);
  return n > 0 ? n : null;
}

export function formatSize(n: number): string {
  for (const [unit, size] of [
    ['GiB', 1024 ** 3],
    ['MiB', 1024 ** 2],
    ['KiB', 1024],
  ] as const) {
    if (n >= size) return `${+(n / size).toFixed(2)} ${unit}`;
  }
  return `${n} bytes`;
}

class TooLarge extends Error {}

const RUN_PREFIX = 'serve-';
export const runFolderName = (): string => `${RUN_PREFIX}${process.pid}`;

/** Stores one upload under incoming/serve-<pid>/, refusing it (413, partial file removed) past maxBytes. */
export async function receiveUpload(incoming: string, maxBytes: number, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const tooLarge = () => {
    // The rest of the body is read and dropped, so the client gets the answer rather than a reset.
    res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
    res.end(`upload refused: larger than this serve's limit of ${formatSize(maxBytes)} (auditdesk serve --max-upload SIZE)`);
    req.resume();
  };
  if (Number(req.headers['content-length']) > maxBytes) return tooLarge();
  const name = new URL(req.url ?? '', 'http://x').searchParams.get('name') ?? 'upload';
  const safe =
    path
      .basename(name)
      .replace(/[^\w.\-]+/g, '_')
      .slice(0, 120) || 'upload';
  const dir = path.join(incoming, runFolderName());
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `${stamp}-${crypto.randomBytes(3).toString('hex')}-${safe}`);
  let seen = 0;
  const limit = new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      done(seen > maxBytes ? new TooLarge() : null, chunk);
    },
  });
  try {
    await pipeline(req, limit, fs.createWriteStream(file, { mode: 0o600, flags: 'wx' }));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ path: file }));
  } catch (e) {
    fs.rmSync(file, { force: true });
    if (e instanceof TooLarge) return tooLarge();
    if (!res.headersSent) res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: (e as Error).message }));
  }
}

/** Removes uploads once their import is over (done, cancelled or failed); other paths are left alone. */
export function removeUploads(incoming: string, paths: unknown): void {
  if (!Array.isArray(paths)) return;
  const mine = path.join(incoming, runFolderName()) + path.sep;
  for (const p of paths) if (typeof p === 'string' && p.startsWith(mine)) fs.rmSync(p, { force: true });
}

/** Clears what earlier runs left in incoming/: loose files, and the folders of serves no longer running. */
export function clearLeftovers(incoming: string): void {
  if (!fs.existsSync(incoming)) return;
  for (const entry of fs.readdirSync(incoming, { withFileTypes: true })) {
    const pid = entry.isDirectory() && entry.name.startsWith(RUN_PREFIX) ? Number(entry.name.slice(RUN_PREFIX.length)) : NaN;
    if (pid === process.pid || (Number.isInteger(pid) && alive(pid))) continue;
    fs.rmSync(path.join(incoming, entry.name), { recursive: true, force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
