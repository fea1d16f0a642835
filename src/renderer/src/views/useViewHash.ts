// Keeps the timeline state and `#view=<name>` together: a view named in the address (on load or when
// the address changes) is fetched and applied; opening a view from the panel puts its name there.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { SavedView } from '../../../shared/views';
import { useBackend } from '../api/BackendContext';
import { errorMessage } from '../util/format';
import { hashForView, viewFromHash } from './viewHash';

export function useViewHash(caseOpen: boolean, apply: (view: SavedView) => void) {
  const { api } = useBackend();
  const [wanted, setWanted] = useState<string | null>(() => viewFromHash(window.location.hash));
  const [error, setError] = useState<string | null>(null);
  const applied = useRef<string | null>(null);
  const latestApply = useRef(apply);
  latestApply.current = apply;

  useEffect(() => {
    const onHash = () => setWanted(viewFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (!caseOpen || wanted === null || applied.current === wanted) return;
    let live = true;
    api
      .listViews()
      .then((views) => {
        if (!live) return;
        const view = views.find((v) => v.name === wanted);
        if (!view) {
          setError(`no saved view named "${wanted}" in this case`);
          return;
        }
        applied.current = wanted;
        setError(null);
        latestApply.current(view);
      })
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [api, caseOpen, wanted]);

  const open = useCallback((view: SavedView) => {
    applied.current = view.name;
    setWanted(view.name);
    setError(null);
    latestApply.current(view);
    if (viewFromHash(window.location.hash) !== view.name) window.location.hash = hashForView(view.name);
  }, []);

  return { current: wanted, open, error, dismiss: () => setError(null) };
}
