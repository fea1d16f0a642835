// The bar between the timeline and the event panel: drag it, or focus it and use the arrow keys
// (PageUp/PageDown for big steps), to give the panel more or less height.
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export const PANEL_MIN = 120;
/** Room always left above the panel: the toolbar, the overview, the column header and some rows. */
const TIMELINE_ROOM = 300;
const STEP = 24;

interface Props {
  /** The panel's height in px, or null while it has its default (a share of the column). */
  height: number | null;
  onHeight(h: number): void;
}

export function Splitter({ height, onHeight }: Props) {
  const ref = useRef<HTMLDivElement>(null);
  const drag = useRef<{ y: number; h: number } | null>(null);
  const panel = () => ref.current?.nextElementSibling as HTMLElement | null;
  const clamp = (h: number) => {
    const column = ref.current?.parentElement?.clientHeight ?? 0;
    return Math.round(Math.max(PANEL_MIN, Math.min(Math.max(PANEL_MIN, column - TIMELINE_ROOM), h)));
  };
  const current = () => height ?? panel()?.getBoundingClientRect().height ?? PANEL_MIN;

  const onPointerDown = (e: PointerEvent<HTMLDivElement>) => {
    e.preventDefault();
    e.currentTarget.setPointerCapture(e.pointerId);
    e.currentTarget.focus();
    drag.current = { y: e.clientY, h: current() };
  };
  const onPointerMove = (e: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onHeight(clamp(drag.current.h + drag.current.y - e.clientY));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const by: Record<string, number> = { ArrowUp: STEP, ArrowDown: -STEP, PageUp: 5 * STEP, PageDown: -5 * STEP };
    if (!(e.key in by)) return;
    e.preventDefault();
    onHeight(clamp(current() + by[e.key]));
  };
  return (
    <div
      ref={ref}
      className="splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize the event panel (arrow keys)"
      aria-valuenow={height ?? undefined}
      aria-valuemin={PANEL_MIN}
      tabIndex={0}
      data-testid="detail-splitter"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={onKeyDown}
    />
  );
}
