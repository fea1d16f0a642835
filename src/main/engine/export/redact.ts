// Redaction for exports: a model field's value is replaced with a marker in the model and wherever the
// same value appears in the raw record (as written, or JSON-escaped). Every other byte is kept, and the
// manifest lists the fields redacted in each row, so nothing is altered silently.
import type { AuditEvent } from '../../../shared/event';
import type { RedactableField } from '../../../shared/export';

export const REDACTION_MARKER = '[REDACTED]';

export function redactEvent(event: AuditEvent, fields: readonly RedactableField[]): { event: AuditEvent; redacted: RedactableField[] } {
  if (!fields.length) return { event, redacted: [] };
  const redacted: RedactableField[] = [];
  let raw = event.raw;
  const copy: AuditEvent = { ...event };
  for (const f of fields) {
    const value = event[f];
    if (typeof value !== 'string' || value === '') continue;
    redacted.push(f);
    (copy as unknown as Record<string, unknown>)[f] = REDACTION_MARKER;
    const escaped = JSON.stringify(value).slice(1, -1);
    raw = raw.split(value).join(REDACTION_MARKER);
    if (escaped !== value) raw = raw.split(escaped).join(REDACTION_MARKER);
    const csvQuoted = value.replace(/"/g, '""');
    if (csvQuoted !== value) raw = raw.split(csvQuoted).join(REDACTION_MARKER);
    copy.before = replaceInJson(copy.before, escaped);
    copy.after = replaceInJson(copy.after, escaped);
  }
  copy.raw = raw;
  return { event: copy, redacted };
}

function replaceInJson(v: unknown, escaped: string): unknown {
  if (v === null || v === undefined) return v;
  const text = JSON.stringify(v);
  return text.includes(escaped) ? JSON.parse(text.split(escaped).join(REDACTION_MARKER)) : v;
}
