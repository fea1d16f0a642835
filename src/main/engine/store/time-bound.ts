/** A query's from/to: ISO 8601 (a value without a zone is read as UTC) or epoch milliseconds. */
export function parseBound(text: string, name: string): number {
  if (/^\d{10,16}$/.test(text)) return Number(text.length <= 10 ? Number(text) * 1000 : text);
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(text) || /^\d{4}-\d\d-\d\d$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  if (Number.isNaN(ms)) throw new Error(`--${name}: "${text}" is not a date or time (use ISO 8601, e.g. 2026-03-01T10:00:00Z)`);
  return ms;
}
