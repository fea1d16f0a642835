// The HTTP/WebSocket transport's messages (the Electron transport carries the same calls over IPC).

export const WS_PATH = '/api/ws';
/** POST the file's bytes here with ?name=<file name>; answers {"path": "<server path>"} to import. */
export const UPLOAD_PATH = '/api/upload';

export interface WireRequest {
  id: number;
  method: string;
  params: unknown;
}

export type WireMessage =
  { id: number; result: unknown } | { id: number; error: { message: string; code?: string } } | { event: import('./contract').HostEvent };
