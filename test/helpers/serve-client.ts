// A client of `auditdesk serve` as its own page is: the printed link traded for the cookie, then the
// contract over the WebSocket with the page's Origin.
import WebSocket from 'ws';
import type { Served } from './cli';

/** Opens the printed link as a browser would; resolves with the Cookie header the page then sends. */
export async function login(host: Served): Promise<string> {
  const res = await fetch(host.url, { redirect: 'manual' });
  if (res.status !== 303) throw new Error(`login answered ${res.status}`);
  const set = res.headers.get('set-cookie') ?? '';
  return set.split(';')[0];
}

export const originOf = (host: Served): string => host.base.replace(/\/$/, '');

/** The contract's WebSocket; headers default to the page's own Origin and no cookie. */
export function connect(host: Served, headers: Record<string, string> = {}, query = ''): Promise<WebSocket> {
  const { origin = originOf(host), ...rest } = headers;
  const ws = new WebSocket(`${host.base.replace('http', 'ws')}api/ws${query}`, { origin, headers: rest });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

export function rpc(ws: WebSocket, method: string, params: unknown): Promise<unknown> {
  const id = Math.floor(Math.random() * 1e9) + 1;
  return new Promise((resolve, reject) => {
    const onMsg = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data));
      if (m.id !== id) return;
      ws.off('message', onMsg);
      if (m.error) reject(new Error(m.error.message));
      else resolve(m.result);
    };
    ws.on('message', onMsg);
    ws.send(JSON.stringify({ id, method, params }));
  });
}

/** The next reply to a raw frame (for frames that are not requests). */
export function sendRaw(ws: WebSocket, frame: string): Promise<{ id: number; error?: { message: string; code?: string } }> {
  return new Promise((resolve) => {
    const onMsg = (data: WebSocket.RawData) => {
      const m = JSON.parse(String(data));
      if (!('id' in m)) return;
      ws.off('message', onMsg);
      resolve(m);
    };
    ws.on('message', onMsg);
    ws.send(frame);
  });
}
