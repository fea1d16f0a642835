// One backend call keyed by its inputs; the last answer wins, earlier ones are dropped.
import { useEffect, useState } from 'react';
import { errorMessage } from '../util/format';

export function useApiCall<T>(run: () => Promise<T>, deps: readonly unknown[]): { data: T | null; error: string | null; loading: boolean } {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true, error: null }));
    run()
      .then((data) => live && setState({ data, error: null, loading: false }))
      .catch((e: unknown) => live && setState({ data: null, error: errorMessage(e), loading: false }));
    return () => {
      live = false;
    };
    // The caller lists what the call depends on, as with useEffect.
  }, deps);
  return state;
}
