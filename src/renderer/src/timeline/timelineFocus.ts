// Where the keyboard goes back to after a box or list of the event panel is done with (Enter in the
// tag box, Escape in the note or a trace step): the timeline, with its selected row, so j/k go on.
let timeline: HTMLElement | null = null;

export function registerTimeline(el: HTMLElement | null): void {
  timeline = el;
}

export function focusTimeline(): void {
  if (timeline?.isConnected) timeline.focus({ preventScroll: true });
}
