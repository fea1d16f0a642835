import { useEffect, type RefObject } from 'react';

/** A modal dialog's keyboard: focus starts on its first field, and Escape closes it unless work is running. */
export function useDialogKeys(first: RefObject<HTMLElement | null>, onClose: () => void, busy: unknown): void {
  useEffect(() => first.current?.focus(), [first]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && !busy && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose, busy]);
}
