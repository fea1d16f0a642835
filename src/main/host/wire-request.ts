// One WebSocket message, checked before anything reads it: whatever a client sends (not JSON, null, a
// number, a list, a missing method) is answered as a bad request instead of throwing in the host.
import type { RawData } from 'ws';
import type { WireRequest } from '../../shared/wire';

/** The request, or why it is not one (id 0 when it carries none: the UI numbers its calls from 1). */
export function parseWireRequest(data: RawData): WireRequest | { id: number; bad: string } {
  let msg: unknown;
  try {
    const bytes = Buffer.isBuffer(data) ? data : Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
    msg = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { id: 0, bad: 'bad request: the message is not JSON' };
  }
  if (typeof msg !== 'object' || msg === null || Array.isArray(msg)) {
    return { id: 0, bad: 'bad request: expected {"id": number, "method": string, "params": ...}' };
  }
  const { id, method, params } = msg as Record<string, unknown>;
  const safeId = Number.isSafeInteger(id) ? (id as number) : 0;
  if (!Number.isSafeInteger(id) || typeof method !== 'string') {
    return { id: safeId, bad: 'bad request: expected {"id": number, "method": string, "params": ...}' };
  }
  return { id: id as number, method, params: params ?? {} };
}
