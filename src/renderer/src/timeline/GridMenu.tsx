// The context menu of a row or cell (right click, the Menu key or Shift+F10): a menu of buttons,
// Up/Down move, Enter runs, Escape closes and gives the focus back to the grid.
import { useEffect, useRef, type KeyboardEvent } from 'react';
import { useReturnFocus } from '../util/useReturnFocus';

export interface MenuItem {
  id: string;
  label: string;
  disabled?: boolean;
  run(): void;
}

interface Props {
  at: { x: number; y: number };
  items: MenuItem[];
  onClose(): void;
}

export function GridMenu({ at, items, onClose }: Props) {
  useReturnFocus();
  const ref = useRef<HTMLDivElement>(null);
  const buttons = () => [...(ref.current?.querySelectorAll<HTMLButtonElement>('button:not([disabled])') ?? [])];
  useEffect(() => {
    buttons()[0]?.focus();
    const away = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && onClose();
    window.addEventListener('mousedown', away);
    return () => window.removeEventListener('mousedown', away);
  }, [onClose]);
  const onKey = (e: KeyboardEvent) => {
    const list = buttons();
    const i = list.indexOf(document.activeElement as HTMLButtonElement);
    if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      list[(i + (e.key === 'ArrowDown' ? 1 : list.length - 1)) % list.length]?.focus();
    }
  };
  // Kept inside the window.
  const left = Math.min(at.x, window.innerWidth - 240);
  const top = Math.min(at.y, window.innerHeight - 36 * items.length - 12);
  return (
    <div ref={ref} className="grid-menu" role="menu" data-testid="grid-menu" style={{ left, top }} onKeyDown={onKey}>
      {items.map((it) => (
        <button
          key={it.id}
          role="menuitem"
          data-testid={`menu-${it.id}`}
          disabled={it.disabled}
          onClick={() => {
            onClose();
            it.run();
          }}
        >
          {it.label}
        </button>
      ))}
    </div>
  );
}
