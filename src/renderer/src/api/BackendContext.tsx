import { createContext, useContext, useEffect, useRef } from 'react';
import type { HostEvent } from '../../../shared/contract';
import type { Backend } from './connect';

export const BackendContext = createContext<Backend | null>(null);

export function useBackend(): Backend {
  const b = useContext(BackendContext);
  if (!b) throw new Error('useBackend outside <BackendContext>');
  return b;
}

/** Subscribes to host events for the component's lifetime; the latest handler is always used. */
export function useHostEvent(handler: (e: HostEvent) => void): void {
  const { onEvent } = useBackend();
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => onEvent((e) => ref.current(e)), [onEvent]);
}
