// Messages between a host thread and the engine worker. Contract methods plus the few host-only
// calls (where uploads go, full events for the CLI) that never cross to the renderer.
import type { HostEvent } from '../../../shared/contract';

export const HOST_ONLY_METHODS = ['incomingDir', 'queryFull', 'traceFull', 'close'] as const;
export type HostOnlyMethod = (typeof HOST_ONLY_METHODS)[number];

export interface WorkerRequest {
  id: number;
  method: string;
  params: unknown;
}

export type WorkerReply = { id: number; result: unknown } | { id: number; error: string } | { event: HostEvent };
