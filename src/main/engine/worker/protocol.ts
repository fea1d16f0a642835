// Messages between a host thread and the engine worker. Contract methods plus the few host-only
// calls (where uploads go, full events for the CLI) that never cross to the renderer.
import type { ApiMethod, HostEvent } from '../../../shared/contract';
import type { Engine } from '../engine';

export const HOST_ONLY_METHODS = ['incomingDir', 'queryFull', 'traceFull', 'close'] as const;
export type HostOnlyMethod = (typeof HOST_ONLY_METHODS)[number];

export function isHostOnlyMethod(name: string): name is HostOnlyMethod {
  return (HOST_ONLY_METHODS as readonly string[]).includes(name);
}

/** The host-only calls as a host sees them: the Engine's own signatures, answered across the thread. */
export type HostOnlyApi = {
  [K in HostOnlyMethod]: (...p: Parameters<Engine[K]>) => Promise<Awaited<ReturnType<Engine[K]>>>;
};

/** What the worker may call on its Engine: every contract method and every host-only one. */
export type WorkerMethods = Record<ApiMethod | HostOnlyMethod, (p: never) => unknown>;

export interface WorkerRequest {
  id: number;
  method: string;
  params: unknown;
}

export type WorkerReply = { id: number; result: unknown } | { id: number; error: string } | { event: HostEvent };
