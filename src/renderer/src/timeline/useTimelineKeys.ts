// Keyboard of the timeline: the list, not the page, owns arrows, j/k, PgUp/PgDn, Home/End, Enter.
import { useCallback, type KeyboardEvent } from 'react';

interface Options {
  count: number;
  selected: number | null;
  pageRows: number;
  firstVisible: number;
  select(index: number): void;
  toggleExpand(): void;
}

export function useTimelineKeys({ count, selected, pageRows, firstVisible, select, toggleExpand }: Options) {
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (e.altKey || e.ctrlKey || e.metaKey || count === 0) return;
      const from = selected ?? firstVisible - 1;
      let next: number | null = null;
      switch (e.key) {
        case 'ArrowDown':
        case 'j':
          next = from + 1;
          break;
        case 'ArrowUp':
        case 'k':
          next = selected === null ? firstVisible : from - 1;
          break;
        case 'PageDown':
          next = from + pageRows;
          break;
        case 'PageUp':
          next = from - pageRows;
          break;
        case 'Home':
          next = 0;
          break;
        case 'End':
          next = count - 1;
          break;
        case 'Enter':
          e.preventDefault();
          toggleExpand();
          return;
        default:
          return;
      }
      e.preventDefault();
      select(Math.max(0, Math.min(count - 1, next)));
    },
    [count, selected, pageRows, firstVisible, select, toggleExpand],
  );
}
