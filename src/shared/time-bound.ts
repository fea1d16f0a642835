// A query's from/to as the engine reads it: ISO 8601 (a value without a zone is read as UTC) or epoch
// milliseconds (or seconds, 10 digits). Shared so the UI can tell a half-typed bound from a real one.

/** A bound that names its zone (Z or an offset): read as written, whichever zone the reader is in. */
export const ZONED_BOUND = /(Z|[+-]\d\d:?\d\d)$/i;
/** Epoch milliseconds (or seconds, 10 digits). */
export const EPOCH_BOUND = /^\d{10,16}$/;

/** The bound's instant in epoch ms, or null when the text is not a date or time. */
export function boundMs(text: string): number | null {
  if (EPOCH_BOUND.test(text)) return Number(text.length <= 10 ? Number(text) * 1000 : text);
  const zoned = ZONED_BOUND.test(text) || /^\d{4}-\d\d-\d\d$/.test(text) ? text : `${text}Z`;
  const ms = Date.parse(zoned.replace(' ', 'T'));
  return Number.isNaN(ms) ? null : ms;
}
