// A panel or dialog that takes the focus gives it back when it closes: to what had it when the panel
// opened (the timeline, usually), so the keyboard goes on where it was instead of starting again from
// the page with nothing focused.
import { useEffect, useState } from 'react';

export function useReturnFocus(): void {
  // Read while the panel first renders, before any effect (a child's too, like the SQL editor's)
  // moves the focus into it.
  const [before] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  useEffect(
    () => () => {
      // This runs after the panel left the page. Only focus that went with it is given back: a
      // click elsewhere that closed it keeps its own.
      const now = document.activeElement;
      if ((now === null || now === document.body) && before?.isConnected) before.focus();
    },
    [before],
  );
}
