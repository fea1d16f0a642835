// Keyboard of the timeline: the list, not the page, owns arrows, j/k, PgUp/PgDn, Home/End, Enter;
// with Shift they extend the selection, Space marks a row, Escape unmarks all, Ctrl+C copies, b/t/n
// bookmark, tag and note the selection, the Menu key (or Shift+F10) opens the row's context menu.
import { useCallback, type KeyboardEvent } from 'react';

interface Options {
  count: number;
  selected: number | null;
  pageRows: number;
  firstVisible: number;
  select(index: number): void;
  toggleExpand(): void;
  extend(index: number): void;
  toggleMark(): void;
  clearMarks(): boolean;
  copy(): void;
  bulk(kind: 'bookmark' | 'tag' | 'note'): void;
  menu(): void;
}

export function useTimelineKeys(o: Options) {
  const { count, selected, pageRows, firstVisible, select, toggleExpand, extend, toggleMark, clearMarks, copy, bulk, menu } = o;
  return useCallback(
    (e: KeyboardEvent<HTMLElement>) => {
      if (count === 0 || e.altKey) return;
      if (e.ctrlKey || e.metaKey) {
        if (e.key === 'c' || e.key === 'C') {
          e.preventDefault();
          copy();
        }
        return;
      }
      if (e.key === 'ContextMenu' || (e.shiftKey && e.key === 'F10')) {
        e.preventDefault();
        menu();
        return;
      }
      const from = selected ?? firstVisible - 1;
      let next: number | null = null;
      switch (e.key) {
        case 'ArrowDown':
        case 'j':
        case 'J':
          next = from + 1;
          break;
        case 'ArrowUp':
        case 'k':
        case 'K':
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
        case ' ':
          e.preventDefault();
          toggleMark();
          return;
        case 'Escape':
          if (clearMarks()) e.preventDefault();
          return;
        case 'b':
        case 't':
        case 'n':
          e.preventDefault();
          bulk(e.key === 'b' ? 'bookmark' : e.key === 't' ? 'tag' : 'note');
          return;
        default:
          return;
      }
      e.preventDefault();
      const to = Math.max(0, Math.min(count - 1, next));
      if (e.shiftKey) extend(to);
      else select(to);
    },
    [count, selected, pageRows, firstVisible, select, toggleExpand, extend, toggleMark, clearMarks, copy, bulk, menu],
  );
}
