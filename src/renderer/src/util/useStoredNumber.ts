// A number kept in this browser profile (a panel's height), so it survives closing and reloading.
import { useCallback, useState } from 'react';

export function useStoredNumber(key: string): [number | null, (n: number) => void] {
  const [value, setValue] = useState<number | null>(() => {
    try {
      const n = Number(localStorage.getItem(key));
      return localStorage.getItem(key) !== null && Number.isFinite(n) ? n : null;
    } catch {
      return null;
    }
  });
  const set = useCallback(
    (n: number) => {
      setValue(n);
      try {
        localStorage.setItem(key, String(n));
      } catch {
        // Storage can be unavailable (private windows); the value then lasts this session.
      }
    },
    [key],
  );
  return [value, set];
}
