// The display time zone for the whole UI, remembered in this browser profile.
import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { isValidZone, type DisplayZone } from '../../../shared/display-zone';

const KEY = 'auditdesk.displayZone';

interface ZoneState {
  zone: DisplayZone;
  setZone(z: DisplayZone): void;
}

const Ctx = createContext<ZoneState>({ zone: 'UTC', setZone: () => {} });

function stored(): DisplayZone {
  try {
    const z = localStorage.getItem(KEY);
    return z && isValidZone(z) ? z : 'UTC';
  } catch {
    return 'UTC';
  }
}

export function DisplayZoneProvider({ children }: { children: ReactNode }) {
  const [zone, setZoneState] = useState<DisplayZone>(stored);
  const setZone = useCallback((z: DisplayZone) => {
    setZoneState(z);
    try {
      localStorage.setItem(KEY, z);
    } catch {
      // Storage can be unavailable (private windows); the choice then lasts this session.
    }
  }, []);
  return <Ctx.Provider value={{ zone, setZone }}>{children}</Ctx.Provider>;
}

export const useDisplayZone = (): ZoneState => useContext(Ctx);
