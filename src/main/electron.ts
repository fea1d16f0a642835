// The Electron shell: one locked-down window over the same engine worker `auditdesk serve` uses.
import path from 'node:path';
import { app, BrowserWindow, session } from 'electron';
import { EngineClient } from './engine/worker/engine-client';
import { registerIpcHost } from './host/ipc';
import { CSP_HTTP } from './host/csp';

// No remote content, ever: the renderer is loaded from disk and talks to the engine over IPC only.
function lockDownSession(): void {
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => {
    const allowed = details.url.startsWith('file://') || details.url.startsWith('devtools://') || details.url.startsWith('data:') || details.url.startsWith('blob:');
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
  await win.loadFile(path.join(__dirname, '../renderer/index.html'));
}

app.enableSandbox();
app.whenReady().then(async () => {
  lockDownSession();
  const engine = new EngineClient();
  const caseArg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-') && a !== '.');
  if (caseArg) await engine.api.openCase({ path: caseArg, create: true });
  await createWindow(engine);
  app.on('window-all-closed', async () => {
    await engine.close().catch(() => undefined);
    app.quit();
  });
});
