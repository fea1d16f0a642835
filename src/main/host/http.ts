// The HTTP/WebSocket transport of the contract, used by `auditdesk serve` and the end-to-end tests.
// Listens on loopback only, and refuses requests from other origins: a web page the user happens to
// visit must not be able to drive the engine (DNS rebinding, cross-site WebSocket).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { isApiMethod } from '../../shared/contract';
import { UPLOAD_PATH, WS_PATH, type WireMessage, type WireRequest } from '../../shared/wire';
import type { EngineClient } from '../engine/worker/engine-client';
import { serveStatic } from './static-files';
import { CSP_HTTP } from './csp';
import { EXPORT_DOWNLOAD_PATH } from '../../shared/export';
import type { CaseInfo } from '../../shared/contract';

export interface HttpHost {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpHost(opts: {
  engine: EngineClient;
  rendererDir: string;
  port?: number;
}): Promise<HttpHost> {
  const { engine, rendererDir } = opts;
  let origins = new Set<string>();
  let hosts = new Set<string>();

  const sameOrigin = (req: http.IncomingMessage): boolean => {
    if (!hosts.has(String(req.headers.host))) return false;
    const origin = req.headers.origin;
    return origin === undefined || origins.has(origin);
  };

  const server = http.createServer(async (req, res) => {
    const url = req.url ?? '/';
    if (!sameOrigin(req)) {
      res.writeHead(403).end('forbidden: AuditDesk answers only its own page on this machine');
      return;
    }
    if (req.method === 'POST' && url.startsWith(UPLOAD_PATH)) {
      await handleUpload(engine, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.startsWith(EXPORT_DOWNLOAD_PATH)) {
      await handleExportDownload(engine, url, res);
      return;
    }
    res.setHeader('Content-Security-Policy', CSP_HTTP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (!serveStatic(rendererDir, url, res)) {
      if (!url.startsWith('/api/') && serveStatic(rendererDir, '/index.html', res)) return;
      res.writeHead(404).end('not found');
    }
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 << 20 });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    if (!req.url?.startsWith(WS_PATH) || !sameOrigin(req) || req.headers.origin === undefined) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      ws.on('message', async (data) => {
        let msg: WireRequest;
        try {
          msg = JSON.parse(String(data)) as WireRequest;
        } catch {
          return;
        }
        const reply = (m: WireMessage) => ws.readyState === ws.OPEN && ws.send(JSON.stringify(m));
        if (!isApiMethod(msg.method)) {
          reply({ id: msg.id, error: { message: `unknown method ${msg.method}` } });
          return;
        }
        try {
          reply({ id: msg.id, result: await engine.call(msg.method, msg.params) });
        } catch (e) {
          reply({ id: msg.id, error: { message: (e as Error).message } });
        }
      });
    });
  });
  const off = engine.onEvent((event) => {
    const text = JSON.stringify({ event } satisfies WireMessage);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    close: async () => {
      off();
      for (const ws of clients) ws.terminate();
      wss.close();
      // A browser still holding keep-alive or in-flight connections must not keep the host open.
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}

/** Browser uploads land in the case's incoming/ folder, then import from there like any file. */
async function handleUpload(engine: EngineClient, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  try {
    const name = new URL(req.url ?? '', 'http://x').searchParams.get('name') ?? 'upload';
    const safe = path.basename(name).replace(/[^\w.\-]+/g, '_').slice(0, 120) || 'upload';
    const dir = await engine.incomingDir();
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const file = path.join(dir, `${stamp}-${safe}`);
    await pipeline(req, fs.createWriteStream(file, { mode: 0o600 }));
    res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ path: file }));
  } catch (e) {
    res.writeHead(400, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: (e as Error).message }));
  }
}

/** Files of an export the UI wrote into the case's exports/ folder, offered as downloads (names checked, no paths). */
async function handleExportDownload(engine: EngineClient, url: string, res: http.ServerResponse): Promise<void> {
  const parts = new URL(url, 'http://x').pathname.slice(EXPORT_DOWNLOAD_PATH.length).split('/').map(decodeURIComponent);
  const info = (await engine.api.caseInfo()) as CaseInfo | null;
  const ok = info && parts.length === 2 && parts.every((p) => /^[\w][\w.-]*$/.test(p));
  const file = ok ? path.join(info.path, 'exports', parts[0], parts[1]) : '';
  if (!ok || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end('no such export file');
    return;
  }
  res.writeHead(200, {
    'Content-Type': 'application/octet-stream',
    'Content-Disposition': `attachment; filename="${parts[1]}"`,
    'Content-Length': fs.statSync(file).size,
    'X-Content-Type-Options': 'nosniff',
  });
  await pipeline(fs.createReadStream(file), res);
}
