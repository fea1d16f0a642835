// The Electron shell: one locked-down window over the same engine worker `auditdesk serve` uses.
import path from 'node:path';
import { app, BrowserWindow, protocol, session } from 'electron';
import { EngineClient } from './engine/worker/engine-client';
import { registerIpcHost } from './host/ipc';
import { CSP_HTTP } from './host/csp';
import { APP_INDEX_URL, APP_SCHEME, appResponse } from './app-protocol';

const RENDERER_DIR = path.join(__dirname, '../renderer');

// Before ready: app:// is a standard, secure origin (so 'self' in the CSP, fetch and workers work),
// unlike file://, which would open the whole disk to the page.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

// No remote content, ever: the renderer comes from app:// (the built renderer folder only) and talks to the engine over IPC only.
function lockDownSession(): void {
  protocol.handle(APP_SCHEME, (request) => appResponse(RENDERER_DIR, request.url));
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    const allowed =
      details.url.startsWith(`${APP_SCHEME}://`) || details.url.startsWith('devtools://') || details.url.startsWith('data:') || details.url.startsWith('blob:');
    cb({ cancel: !allowed });
  });
  session.defaultSession.webRequest.onHeadersReceived((details, cb) => {
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP_HTTP] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
}

async function createWindow(engine: EngineClient): Promise<void> {
  const win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'AuditDesk',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, '../preload/index.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  win.webContents.on('will-attach-webview', (e) => e.preventDefault());
  registerIpcHost(engine, win);
  win.once('ready-to-show', () => win.show());
  await win.loadURL(APP_INDEX_URL);
}

app.enableSandbox();
app.whenReady().then(async () => {
  lockDownSession();
  const engine = new EngineClient({ indexInBackground: true });
  const caseArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-') && a !== '.');
  if (caseArg) await engine.api.openCase({ path: caseArg, create: true });
  await createWindow(engine);
  app.on('window-all-closed', async () => {
    await engine.close().catch(() => undefined);
    app.quit();
  });
});
