// Picks the transport once at startup: the Electron preload when present, else the WebSocket host.
import { createApiClient, type AuditDeskApi, type HostEvent } from '../../../shared/contract';
import { getBridge } from './bridge';
import { browserIntake, electronIntake, type FileIntake } from './fileIntake';
import { WsTransport, type ConnectionState } from './wsTransport';

export interface Backend {
  api: AuditDeskApi;
  intake: FileIntake;
  onEvent(cb: (e: HostEvent) => void): () => void;
  /** Connection state for the header; Electron's IPC is always 'open'. */
  onConnection(cb: (s: ConnectionState) => void): () => void;
  connection(): ConnectionState;
}

export function connectBackend(): Backend {
  const bridge = getBridge();
  if (bridge) {
    const api = createApiClient((m, p) => bridge.call(m, p));
    return {
      api,
      intake: electronIntake(api, bridge),
      onEvent: (cb) => bridge.onEvent(cb),
      onConnection: () => () => undefined,
      connection: () => 'open',
    };
  }
  const ws = WsTransport.forLocation();
  const api = createApiClient((m, p) => ws.call(m, p));
  return {
    api,
    intake: browserIntake(api),
    onEvent: (cb) => ws.onEvent(cb),
    onConnection: (cb) => ws.onState(cb),
    connection: () => ws.state,
  };
}
