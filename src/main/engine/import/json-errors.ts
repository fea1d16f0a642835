// Turns JSON.parse failures into messages and line numbers relative to the file.

/** Character position V8 reports ("... at position N"), or null if the message has none. */
export function errorPosition(message: string): number | null {
  const m = / at position (\d+)/.exec(message);
  return m ? Number(m[1]) : null;
}

/** Strip V8's own "(line X column Y)" suffix: it is relative to the slice, not the file. */
function cleanMessage(message: string): string {
  return message.replace(/ \(line \d+ column \d+\)$/, '');
}

export function countNewlines(text: string, end: number): number {
  let n = 0;
  let i = text.indexOf('\n');
  while (i >= 0 && i < end) {
    n++;
    i = text.indexOf('\n', i + 1);
  }
  return n;
}

/** The file line a JSON.parse error points at, given the parsed text began on `startLine`. */
export function describeParseError(err: unknown, text: string, startLine: number): { line: number; message: string; position: number | null } {
  const raw = err instanceof Error ? err.message : String(err);
  const position = errorPosition(raw);
  const line = position === null ? startLine : startLine + countNewlines(text, position);
  return { line, message: `invalid JSON: ${cleanMessage(raw)}`, position };
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
