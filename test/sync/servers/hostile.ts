// A hostile Opbox-shaped list API on 127.0.0.1: after `normalPages` ordinary pages it either streams
// one body that never ends, or a gzip body that inflates far beyond its size, or pages forever
// (every page full of new events, hasMore always true).
// Both stop by themselves: the stream once the client hangs up or `streamCap` bytes are sent, the
// pager after `maxRequests` requests; so a client with no limits fails its test instead of hanging.
import http from 'node:http';
import zlib from 'node:zlib';
import type { AddressInfo, Socket } from 'node:net';

export interface HostileServer {
  url: string;
  requests: { url: string; auth: string | undefined }[];
  /** Bytes written into the endless body before the client hung up. */
  streamed: number;
  close(): Promise<void>;
}

const iso = (i: number) => new Date(Date.parse('2026-01-01T00:00:00Z') - i * 60_000).toISOString();
const record = (i: number) => ({
  id: `cm_audit_${i}`,
  action: 'UPDATE',
  resource: 'FORM',
  resourceId: `cm_form_${i}`,
  createdAt: iso(i),
  user: { name: 'U', email: 'u@example.com' },
});

export async function startHostile(opts: {
  mode: 'endless-body' | 'endless-pages' | 'gzip-bomb';
  normalPages?: number;
  streamCap?: number;
  maxRequests?: number;
}): Promise<HostileServer> {
  const normalPages = opts.normalPages ?? 0;
  const streamCap = opts.streamCap ?? 64 * 1024 * 1024;
  const maxRequests = opts.maxRequests ?? 1000;
  const state: HostileServer = { url: '', requests: [], streamed: 0, close: async () => {} };
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    state.requests.push({ url: req.url ?? '', auth: req.headers.authorization });
    const n = state.requests.length;
    if (n > maxRequests) return res.writeHead(410).end();
    const q = new URL(req.url ?? '/', 'http://x').searchParams;
    const offset = Number(q.get('offset') ?? 0);
    const limit = Number(q.get('limit') ?? 100);
    const page = (from: number, count: number) =>
      JSON.stringify({ logs: Array.from({ length: count }, (_, i) => record(from + i)), pagination: { total: null, limit, offset, hasMore: true } });
    if (opts.mode === 'endless-pages' || n <= normalPages) {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end(page(offset, opts.mode === 'endless-pages' ? 2 : limit));
    }
    if (opts.mode === 'gzip-bomb') {
      // A few kB on the wire that inflate to `streamCap` bytes of valid JSON.
      const bomb = zlib.gzipSync(Buffer.from(`{"logs":[${' '.repeat(streamCap)}]}`));
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(bomb.length) });
      return res.end(bomb);
    }
    // One body with no length that never closes its array: filler records until the client leaves.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.write('{"logs":[');
    const filler = Buffer.from(`${JSON.stringify(record(999_999))},`.repeat(200));
    const pump = () => {
      while (state.streamed < streamCap && !res.destroyed) {
        state.streamed += filler.length;
        if (!res.write(filler)) return void res.once('drain', pump);
      }
      res.end();
    };
    res.on('close', () => (state.streamed = Math.min(state.streamed, streamCap)));
    pump();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () =>
    new Promise<void>((r) => {
      for (const s of sockets) s.destroy();
      server.close(() => r());
    });
  return state;
}
