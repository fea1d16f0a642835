// A configurable vendor audit API on 127.0.0.1: holds generated events, answers list requests in
// one vendor's paging style (see the per-vendor files written from the docs), and injects faults,
// inserts between requests, and delays on demand. It records every request it is sent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { SyncAuth } from '../../../src/shared/sync';

export interface FakeEvent {
  id: string;
  t: number;
  rec: Record<string, unknown>;
}

export type Fault = '429' | '429-retry-after' | '500' | '502' | '503' | 'timeout' | 'cut' | 'invalid-json' | '401' | '403';

export interface VendorApi {
  vendor: string;
  /** Documented list path (Invent with the org filled in). */
  path: string;
  order: 'newest-first' | 'oldest-first';
  makeRecord(i: number, t: number): FakeEvent;
  /** The page for a query over the events (already sorted in `order`). */
  respond(events: FakeEvent[], q: URLSearchParams): unknown;
}

export interface FakeServer {
  url: string;
  events: FakeEvent[];
  /** auth: the value of the header the vendor's auth scheme names; headers: all that were sent. */
  requests: { url: string; auth: string | undefined; headers: http.IncomingHttpHeaders; status: number }[];
  /** Faults by 1-based request number. */
  faults: Map<number, Fault>;
  /** Runs before answering request n (1-based): e.g. insert events. */
  beforeRequest: ((n: number) => void) | null;
  delayMs: number;
  add(count: number, opts?: { at?: number; step?: number }): FakeEvent[];
  close(): Promise<void>;
}

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

/** auth: how the vendor's document says the token is sent (Authorization: Bearer by default). */
export async function startFakeVendor(api: VendorApi, opts: { token: string; prefix?: string; auth?: SyncAuth }): Promise<FakeServer> {
  const prefix = opts.prefix ?? '';
  const auth = opts.auth ?? { scheme: 'bearer' };
  // Written out here rather than taken from the app, so a wrong header in the app fails the test.
  const authName = auth.scheme === 'bearer' ? 'authorization' : auth.header.toLowerCase();
  const authValue = auth.scheme === 'bearer' ? `Bearer ${opts.token}` : `${auth.prefix ?? ''}${opts.token}`;
  let counter = 0;
  const state: FakeServer = {
    url: '',
    events: [],
    requests: [],
    faults: new Map(),
    beforeRequest: null,
    delayMs: 0,
    add(count, o = {}) {
      const step = o.step ?? 60_000;
      let t = o.at ?? (state.events.length ? Math.max(...state.events.map((e) => e.t)) + step : T0);
      const made: FakeEvent[] = [];
      for (let i = 0; i < count; i++, t += step) made.push(api.makeRecord(counter++, t));
      state.events.push(...made);
      return made;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  const sorted = () =>
    [...state.events].sort((a, b) => (api.order === 'newest-first' ? b.t - a.t || (a.id < b.id ? 1 : -1) : a.t - b.t || (a.id < b.id ? -1 : 1)));
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer(async (req, res) => {
    const n = state.requests.length + 1;
    const u = new URL(req.url ?? '/', 'http://x');
    const sent = req.headers[authName];
    const log = { url: req.url ?? '', auth: Array.isArray(sent) ? sent.join(', ') : sent, headers: req.headers, status: 200 };
    state.requests.push(log);
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      log.status = status;
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(body);
    };
    state.beforeRequest?.(n);
    if (state.delayMs) await new Promise((r) => setTimeout(r, state.delayMs));
    if (log.auth !== authValue) return send(401, '{"error":"unauthorized"}');
    if (u.pathname !== `${prefix}${api.path}`) return send(404, '{"error":"not found"}');
    const fault = state.faults.get(n);
    switch (fault) {
      case '429':
        return send(429, '{"error":"rate limited"}');
      case '429-retry-after':
        return send(429, '{"error":"rate limited"}', { 'retry-after': '2' });
      case '500':
      case '502':
      case '503':
        return send(Number(fault), '<html>upstream error</html>', { 'content-type': 'text/html' });
      case '401':
      case '403':
        return send(Number(fault), '{"error":"token revoked"}');
      case 'timeout':
        log.status = 0;
        return; // never answers; the client's timeout fires
      default:
    }
    const body = JSON.stringify(api.respond(sorted(), u.searchParams));
    if (fault === 'cut') {
      // Promise the whole body, send half, and drop the connection.
      log.status = -1;
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) });
      res.write(body.slice(0, Math.floor(body.length / 2)));
      return res.socket?.destroy();
    }
    if (fault === 'invalid-json') return send(200, body.slice(0, Math.floor(body.length / 2)));
    send(200, body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const close = state.close;
  state.close = async () => {
    for (const s of sockets) s.destroy();
    await close();
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${prefix}`;
  return state;
}

/** Events at or after / before a bound given as an ISO time or a date. */
export function inRange(e: FakeEvent, from: string | null, to: string | null, opts: { exclusive?: boolean; dateOnly?: boolean } = {}): boolean {
  if (opts.dateOnly) {
    const d = new Date(e.t).toISOString().slice(0, 10);
    return (!from || d >= from) && (!to || d <= to);
  }
  if (from && (opts.exclusive ? e.t <= Date.parse(from) : e.t < Date.parse(from))) return false;
  if (to && (opts.exclusive ? e.t >= Date.parse(to) : e.t > Date.parse(to))) return false;
  return true;
}
