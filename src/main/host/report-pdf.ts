// The Electron app's PDF of a report: a hidden window prints the report file with printToPDF. It gets
// a session of its own, because the app's session cancels every file: request; this one lets exactly
// the report load and nothing else, and the page runs no script.
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session } from 'electron';

let prints = 0;

export async function printReportPdf(htmlFile: string): Promise<string> {
  const url = pathToFileURL(htmlFile).href;
  const ses = session.fromPartition(`auditdesk-report-print-${++prints}`, { cache: false });
  ses.webRequest.onBeforeRequest((d, cb) => cb({ cancel: d.url !== url }));
  ses.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  const win = new BrowserWindow({
    show: false,
    webPreferences: { session: ses, javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, spellcheck: false },
  });
  try {
    await win.loadURL(url);
    const pdf = await win.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true });
    const out = htmlFile.replace(/\.html?$/i, '.pdf');
    fs.writeFileSync(out, pdf, { mode: 0o600 });
    return out;
  } finally {
    win.destroy();
  }
}
