// A query's from/to as the engine reads it: ISO 8601 (a value without a zone is read as UTC) or epoch
// milliseconds (or seconds, 10 digits). Shared so the UI can tell a half-typed bound from a real one.

/** The bound's instant in epoch ms, or null when the text is not a date or time. */
export function boundMs(text: string): number | null {
  if (/^\d{10,16}$/.test(text)) return Number(text.length <= 10 ? Number(text) * 1000 : text);
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) || /^\d{4}-\d\d-\d\d$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms;
}
