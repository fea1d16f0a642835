// The Electron IPC transport of the contract: one generic channel routed by API_METHODS, so a new
// contract method needs no edit here.
import { dialog, ipcMain, type BrowserWindow, type IpcMainInvokeEvent } from 'electron';
import { isApiMethod, type ApiParams, type CaseInfo } from '../../shared/contract';
import type { SyncReport } from '../../shared/sync';
import type { ReportRequest, ReportSummary } from '../../shared/report';
import { printReportPdf } from './report-pdf';
import { TokenVault } from './token-vault';
import { pickHandlers } from './pick-dialogs';
import { withVaultToken } from './vault-token';
import type { EngineClient } from '../engine/worker/engine-client';

export const CALL_CHANNEL = 'auditdesk:call';
export const EVENT_CHANNEL = 'auditdesk:event';

export function registerIpcHost(engine: EngineClient, win: BrowserWindow): () => void {
  // Only our own window's top frame may call the engine.
  const trusted = (e: IpcMainInvokeEvent) => e.sender === win.webContents && e.senderFrame === win.webContents.mainFrame;

  const vault = new TokenVault();
  ipcMain.handle(CALL_CHANNEL, async (e, method: string, params: unknown) => {
    if (!trusted(e)) throw new Error('refused: not the AuditDesk window');
    if (!isApiMethod(method)) throw new Error(`unknown method ${method}`);
    // The one place tokens cross the host: seal a new one with safeStorage, unseal a saved one, so a
    // sync can run again after the app restarts without the token ever being stored in plain text.
    if (method === 'runSync') {
      // Saved tokens are bound to the case they were entered in (the engine re-checks it is still open).
      const open = (await engine.call('caseInfo', {})) as CaseInfo | null;
      const { params: withToken, keep } = withVaultToken(vault, params as ApiParams<'runSync'>, open?.path ?? null);
      const report = (await engine.call(method, withToken)) as SyncReport;
      const notice = keep();
      return notice ? { ...report, warnings: [notice, ...report.warnings] } : report;
    }
    if (method === 'buildReport' && (params as ReportRequest | undefined)?.pdf) {
      const r = (await engine.call(method, params)) as ReportSummary;
      return { ...r, pdf: await printReportPdf(r.file) };
    }
    return engine.call(method, params);
  });
  const pickers = pickHandlers((options) => dialog.showOpenDialog(win, options), trusted);
  for (const [channel, handler] of Object.entries(pickers)) ipcMain.handle(channel, handler);
  const off = engine.onEvent((event) => {
    if (!win.isDestroyed()) win.webContents.send(EVENT_CHANNEL, event);
  });
  return () => {
    off();
    ipcMain.removeHandler(CALL_CHANNEL);
    for (const channel of Object.keys(pickers)) ipcMain.removeHandler(channel);
  };
}
