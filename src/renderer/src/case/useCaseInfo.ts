// The open case, kept current from caseInfo() at start and caseChanged events after.
import { useCallback, useEffect, useState } from 'react';
import type { CaseInfo } from '../../../shared/contract';
import { useBackend, useHostEvent } from '../api/BackendContext';
import { errorMessage } from '../util/format';

export interface CaseState {
  info: CaseInfo | null;
  loading: boolean;
  error: string | null;
  /** Bumped whenever the case's events may have changed, so views refetch. */
  revision: number;
  refresh(): void;
  setInfo(info: CaseInfo | null): void;
}

export function useCaseInfo(): CaseState {
  const { api } = useBackend();
  const [info, setInfoState] = useState<CaseInfo | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);

  const setInfo = useCallback((next: CaseInfo | null) => {
    setInfoState(next);
    setRevision((r) => r + 1);
  }, []);

  const refresh = useCallback(() => {
    api
      .caseInfo({})
      .then((ci) => {
        setError(null);
        setInfo(ci);
      })
      .catch((e: unknown) => setError(errorMessage(e)))
      .finally(() => setLoading(false));
  }, [api, setInfo]);

  useEffect(refresh, [refresh]);
  useHostEvent((e) => {
    if (e.type === 'caseChanged') setInfo(e.info);
  });

  return { info, loading, error, revision, refresh, setInfo };
}
