// The object the Electron preload exposes with contextBridge. Declared here (not imported from the
// preload) because the renderer may only depend on src/shared and browser APIs.
import type { HostEvent } from '../../../shared/contract';

export interface AuditDeskBridge {
  call(method: string, params: unknown): Promise<unknown>;
  onEvent(cb: (e: HostEvent) => void): () => void;
  /** Electron's webUtils.getPathForFile: the real path of a dropped or picked File. */
  pathForFile(file: File): string;
  /** Native open-file dialog; resolves to [] when cancelled. */
  pickFiles(): Promise<string[]>;
  /** Native folder dialog for a case; null when cancelled. */
  pickCase(): Promise<string | null>;
}

declare global {
  interface Window {
    auditdesk?: AuditDeskBridge;
  }
}

export function getBridge(): AuditDeskBridge | undefined {
  return typeof window !== 'undefined' ? window.auditdesk : undefined;
}
