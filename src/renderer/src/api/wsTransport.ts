// The browser transport of the contract (`auditdesk serve`): one WebSocket carrying WireRequests,
// their replies and pushed HostEvents. Calls made while the socket is down wait in a queue, so the
// UI never has to know whether it is connected.
import type { HostEvent } from '../../../shared/contract';
import { WS_PATH, type WireMessage, type WireRequest } from '../../../shared/wire';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export type ConnectionState = 'connecting' | 'open' | 'closed';

export class WsTransport {
  private socket: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly queue: WireRequest[] = [];
  private readonly listeners = new Set<(e: HostEvent) => void>();
  private readonly stateListeners = new Set<(s: ConnectionState) => void>();
  private retryMs = 250;
  state: ConnectionState = 'connecting';

  constructor(private readonly url: string) {
    this.open();
  }

  static forLocation(loc: Location = window.location): WsTransport {
    const scheme = loc.protocol === 'https:' ? 'wss' : 'ws';
    return new WsTransport(`${scheme}://${loc.host}${WS_PATH}`);
  }

  call(method: string, params: unknown): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const req: WireRequest = { id: this.nextId++, method, params };
      this.pending.set(req.id, { resolve, reject });
      if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(req));
      else this.queue.push(req);
    });
  }

  onEvent(cb: (e: HostEvent) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  onState(cb: (s: ConnectionState) => void): () => void {
    this.stateListeners.add(cb);
    return () => this.stateListeners.delete(cb);
  }

  private setState(s: ConnectionState): void {
    this.state = s;
    for (const cb of this.stateListeners) cb(s);
  }

  private open(): void {
    this.setState('connecting');
    const ws = new WebSocket(this.url);
    this.socket = ws;
    ws.onopen = () => {
      this.retryMs = 250;
      this.setState('open');
      for (const req of this.queue.splice(0)) ws.send(JSON.stringify(req));
    };
    ws.onmessage = (ev) => this.receive(String(ev.data));
    ws.onclose = () => {
      this.socket = null;
      this.setState('closed');
      // Requests already sent are lost with the socket: fail them rather than hang the UI forever.
      for (const [id, p] of this.pending) {
        if (!this.queue.some((q) => q.id === id)) {
          this.pending.delete(id);
          p.reject(new Error('Connection to AuditDesk lost'));
        }
      }
      const delay = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, 5000);
      setTimeout(() => this.open(), delay);
    };
  }

  private receive(text: string): void {
    let msg: WireMessage;
    try {
      msg = JSON.parse(text) as WireMessage;
    } catch {
      return;
    }
    if ('event' in msg) {
      for (const cb of this.listeners) cb(msg.event);
      return;
    }
    const p = this.pending.get(msg.id);
    if (!p) return;
    this.pending.delete(msg.id);
    if ('error' in msg) p.reject(new Error(msg.error.message));
    else p.resolve(msg.result);
  }
}
