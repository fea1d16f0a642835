// Sandboxed preload: exposes the contract's one generic call and the event stream, nothing more.
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import type { HostEvent } from '../shared/contract';

// Channel names are repeated here (not imported from main) so the preload bundle stays tiny.
contextBridge.exposeInMainWorld('auditdesk', {
  call: (method: string, params: unknown) => ipcRenderer.invoke('auditdesk:call', method, params),
  onEvent: (cb: (e: HostEvent) => void) => {
    const listener = (_e: unknown, ev: HostEvent) => cb(ev);
    ipcRenderer.on('auditdesk:event', listener);
    return () => ipcRenderer.removeListener('auditdesk:event', listener);
  },
  pathForFile: (file: File) => webUtils.getPathForFile(file),
  pickFiles: () => ipcRenderer.invoke('auditdesk:pickFiles') as Promise<string[]>,
  pickCase: () => ipcRenderer.invoke('auditdesk:pickCase') as Promise<string | null>,
});
