// The HTTP/WebSocket transport of the contract, used by `auditdesk serve` and the end-to-end tests.
// Listens on loopback only; every request must carry this run's token (auth.ts), come from its own
// page (Host and Origin: DNS rebinding, cross-site WebSocket), and name only paths inside the folders
// chosen at start (path-guard.ts). No request, however malformed, may bring the host down: a crash
// would drop annotations not yet saved.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { isApiMethod } from '../../shared/contract';
import { UPLOAD_PATH, WS_PATH, type WireMessage } from '../../shared/wire';
import type { EngineClient } from '../engine/worker/engine-client';
import { serveStatic } from './static-files';
import { CSP_HTTP } from './csp';
import { EXPORT_DOWNLOAD_PATH } from '../../shared/export';
import { ServeAuth, UNAUTHORIZED_TEXT } from './auth';
import { confine, guardParams, type ServeFolders } from './path-guard';
import { DEFAULT_MAX_UPLOAD, clearLeftovers, receiveUpload, removeUploads } from './uploads';
import { parseWireRequest } from './wire-request';
import { CASE_FOLDER_PATH, RECENT_CASES_PATH } from '../../shared/cases';
import { recentCases, rememberCase } from './recent-cases';
import { listCaseFolder } from './case-folder';

export interface HttpHost {
  /** The address to open: it carries the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest WebSocket message: a request naming every event of a big selection still fits. */
const MAX_FRAME = 64 << 20;

export async function startHttpHost(opts: {
  engine: EngineClient;
  rendererDir: string;
  folders: ServeFolders;
  port?: number;
  maxUploadBytes?: number;
}): Promise<HttpHost> {
  const { engine, rendererDir, folders } = opts;
  const maxUpload = opts.maxUploadBytes ?? DEFAULT_MAX_UPLOAD;
  let origins = new Set<string>();
  let hosts = new Set<string>();
  let auth: ServeAuth | null = null;
  clearLeftovers(await engine.incomingDir());
  rememberCase(folders.startCase);

  const sameOrigin = (req: http.IncomingMessage): boolean => {
    if (!hosts.has(String(req.headers.host))) return false;
    const origin = req.headers.origin;
    return origin === undefined || origins.has(origin);
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const raw = req.url ?? '/';
    if (!sameOrigin(req)) {
      res.writeHead(403).end('forbidden: AuditDesk answers only its own page on this machine');
      return;
    }
    const url = new URL(raw, 'http://host');
    if (!auth?.allows(req, url)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' }).end(UNAUTHORIZED_TEXT);
      return;
    }
    if (auth.login(req, url, res)) return;
    if (req.method === 'POST' && url.pathname === UPLOAD_PATH) {
      await receiveUpload(await engine.incomingDir(), maxUpload, req, res);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    if (url.pathname.startsWith(EXPORT_DOWNLOAD_PATH)) {
      await handleExportDownload(engine, url, res);
      return;
    }
    if (url.pathname === RECENT_CASES_PATH || url.pathname === CASE_FOLDER_PATH) {
      sendCases(url, res, folders);
      return;
    }
    res.setHeader('Content-Security-Policy', CSP_HTTP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    if (!serveStatic(rendererDir, raw, res)) {
      if (!raw.startsWith('/api/') && serveStatic(rendererDir, '/index.html', res)) return;
      res.writeHead(404).end('not found');
    }
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: Error) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const bad = e instanceof URIError || (e as NodeJS.ErrnoException).code === 'ERR_INVALID_URL';
      res.writeHead(bad ? 400 : 500, { 'Content-Type': 'text/plain; charset=utf-8' }).end(bad ? `bad request: ${e.message}` : 'internal error');
    });
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME });
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const url = URL.canParse(req.url ?? '', 'http://host') ? new URL(req.url ?? '', 'http://host') : null;
    const refuse = (status: string) => socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    if (!url || url.pathname !== WS_PATH || !sameOrigin(req) || req.headers.origin === undefined) return void refuse('403 Forbidden');
    if (!auth?.allows(req, url)) return void refuse('401 Unauthorized');
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      // An oversized or broken frame: ws is already closing this socket (1009, 1002...); without a
      // listener its report would be an uncaught error that ends the host.
      ws.on('error', () => undefined);
      ws.on('message', (data) => void answer(ws, data));
    });
  });

  const answer = async (ws: WebSocket, data: RawData): Promise<void> => {
    const reply = (m: WireMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m));
    };
    const msg = parseWireRequest(data);
    if ('bad' in msg) {
      reply({ id: msg.id, error: { message: msg.bad, code: 'bad-request' } });
      return;
    }
    if (!isApiMethod(msg.method)) {
      reply({ id: msg.id, error: { message: `unknown method ${msg.method}` } });
      return;
    }
    const caseDir = () => engine.api.caseInfo().then((i) => i?.path ?? null);
    try {
      const params = guardParams(msg.method, msg.params, folders, await caseDir());
      // Tidied before the answer, so a client that is answered sees incoming/ as it will stay.
      const result = await engine.call(msg.method, params).finally(() => tidyIncoming(msg.method, msg.params));
      if (msg.method === 'openCase') rememberCase((result as { path: string }).path);
      reply({ id: msg.id, result });
    } catch (e) {
      reply({ id: msg.id, error: { message: (e as Error).message } });
    }
  };

  /** Uploads go once their import is over; a case opened from the page loses what earlier serves left. */
  const tidyIncoming = async (method: string, params: unknown): Promise<void> => {
    try {
      if (method === 'importFiles') removeUploads(await engine.incomingDir(), (params as { paths?: unknown }).paths);
      if (method === 'openCase') clearLeftovers(await engine.incomingDir());
    } catch {
      // No case open, or a file already gone: nothing to tidy.
    }
  };

  const off = engine.onEvent((event) => {
    const text = JSON.stringify({ event } satisfies WireMessage);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  auth = new ServeAuth(port);
  hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  origins = new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);
  return {
    url: `http://127.0.0.1:${port}/?token=${auth.token}`,
    port,
    token: auth.token,
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

/** Files of an export the UI wrote into the case's exports/ folder, offered as downloads (names checked, no paths). */
async function handleExportDownload(engine: EngineClient, url: URL, res: http.ServerResponse): Promise<void> {
  const parts = url.pathname.slice(EXPORT_DOWNLOAD_PATH.length).split('/').map(decodeURIComponent);
  const info = await engine.api.caseInfo();
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

/** The recent cases, or a folder's listing (a path outside the cases folder is refused with 400). */
function sendCases(url: URL, res: http.ServerResponse, folders: ServeFolders): void {
  const json = (code: number, body: unknown) =>
    res.writeHead(code, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(body));
  if (url.pathname === RECENT_CASES_PATH) {
    // Only those this serve may open: a case from another run's folders is neither shown nor openable.
    const openable = (p: string) => {
      try {
        confine(p, [folders.cases, folders.startCase], 'cases');
        return true;
      } catch {
        return false;
      }
    };
    return void json(
      200,
      recentCases().filter((c) => openable(c.path)),
    );
  }
  try {
    json(200, listCaseFolder(url.searchParams.get('dir'), folders.cases));
  } catch (e) {
    json(400, { error: (e as Error).message });
  }
}
