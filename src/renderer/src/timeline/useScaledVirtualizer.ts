// useVirtualizer over the virtual (uncapped) space, fed with real scroll positions mapped through
// scrollScale. The virtualizer never sees the real scrollTop, so its ranges are always in rows.
import { observeElementOffset, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { scrollScale, type ScrollScale } from './scaledScroll';

export interface ScaledVirtualizer {
  virtualizer: Virtualizer<HTMLDivElement, Element>;
  scale: ScrollScale;
  /** Top of the rendered window in real px: rows are placed relative to it. */
  windowTop: number;
  /** Virtual offset that windowTop stands for. */
  windowVirtualTop: number;
  viewportHeight: number;
  /** Width of the vertical scrollbar, so the header can line up with the rows. */
  scrollbarWidth: number;
  /**
   * Scrolls so that the virtual offset `top` is at the top of the viewport. scrollTop snaps to
   * whole px (up to `ratio` virtual px), so the caller says which way an error may fall.
   */
  scrollToVirtual(top: number, round: 'up' | 'down'): void;
}

export function useScaledVirtualizer(scrollRef: RefObject<HTMLDivElement | null>, count: number, rowHeight: number): ScaledVirtualizer {
  const [viewportHeight, setViewportHeight] = useState(0);
  const [scrollbarWidth, setScrollbarWidth] = useState(0);
  const scale = scrollScale(count * rowHeight, viewportHeight);
  const scaleRef = useRef(scale);
  scaleRef.current = scale;
  const [realTop, setRealTop] = useState(0);

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const measure = () => {
      setViewportHeight(el.clientHeight);
      setScrollbarWidth(el.offsetWidth - el.clientWidth);
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, [scrollRef]);

  const virtualizer = useVirtualizer<HTMLDivElement, Element>({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 8,
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => {
        setRealTop(offset);
        cb(scaleRef.current.toVirtual(offset), isScrolling);
      }),
    scrollToFn: (offset, { adjustments = 0 }, instance) => {
      instance.scrollElement?.scrollTo({ top: scaleRef.current.toReal(offset + adjustments) });
    },
  });

  // Cached sizes are of the old height when it changes (search rows are taller).
  useEffect(() => virtualizer.measure(), [virtualizer, rowHeight]);

  // When the scale changes under a fixed scrollTop (new count, resize) the virtual offset moves.
  useEffect(() => {
    const el = scrollRef.current;
    if (el) el.dispatchEvent(new Event('scroll'));
  }, [scale.ratio, scale.realHeight, scrollRef]);

  // Wheel and trackpad deltas are in screen px; applying them to the scaled scrollTop would jump
  // several rows per notch, so they are divided by the ratio to move the list by screen px.
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // scrollTop snaps to whole px, so small trackpad deltas are accumulated in virtual px.
    let target: number | null = null;
    const onWheel = (e: WheelEvent) => {
      const s = scaleRef.current;
      if (s.ratio === 1 || e.ctrlKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      e.preventDefault();
      const px = e.deltaMode === 1 ? e.deltaY * rowHeight : e.deltaMode === 2 ? e.deltaY * el.clientHeight : e.deltaY;
      const current = s.toVirtual(el.scrollTop);
      const base = target !== null && Math.abs(target - current) <= 2 * s.ratio ? target : current;
      target = Math.max(0, Math.min(s.virtualHeight - el.clientHeight, base + px));
      el.scrollTop = s.toReal(target);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scrollRef, rowHeight]);

  const scrollToVirtual = useCallback(
    (top: number, round: 'up' | 'down') => {
      const real = scaleRef.current.toReal(top);
      scrollRef.current?.scrollTo({ top: round === 'up' ? Math.floor(real) : Math.ceil(real) });
    },
    [scrollRef],
  );

  const maxReal = Math.max(0, scale.realHeight - viewportHeight);
  const windowTop = Math.min(realTop, maxReal);
  return {
    virtualizer,
    scale,
    windowTop,
    windowVirtualTop: scale.toVirtual(windowTop),
    viewportHeight,
    scrollbarWidth,
    scrollToVirtual,
  };
}
