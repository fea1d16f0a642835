// Building HTML as text: every value from the case passes through esc (records hold whatever an
// attacker or a vendor wrote), so no markup of theirs can reach the page.
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function esc(v: unknown): string {
  return String(v ?? '').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** Values of a diff or a note as one line of text (JSON for structures). */
export function text(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}
