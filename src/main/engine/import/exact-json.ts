// JSON.parse rounds integers beyond 2^53 (9007199254740993 becomes …992), which made distinct event
// ids equal and raised false "same id, different content" flags. Such literals are read as text
// instead, digits exactly as the source wrote them; every other value parses as JSON.parse does.

/** Only text with a run of 16+ digits can hold an unsafe integer: the common case costs one regex test. */
const LONG_DIGITS = /\d{16}/;

export function parseJsonExact(text: string): unknown {
  if (!LONG_DIGITS.test(text)) return JSON.parse(text);
  try {
    return JSON.parse(quoteUnsafeIntegers(text));
  } catch {
    // Damaged input: throw JSON.parse's own error, whose position is in the unquoted text.
    return JSON.parse(text);
  }
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;

/** The text with every integer literal outside strings that is not a safe integer put in quotes. */
export function quoteUnsafeIntegers(text: string): string {
  let out = '';
  let from = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip a string, escapes included.
      for (i++; i < n && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
      continue;
    }
    if (c !== 0x2d && !isDigit(c)) continue;
    let j = i + 1;
    while (j < n && isDigit(text.charCodeAt(j))) j++;
    const next = j < n ? text.charCodeAt(j) : 0;
    const isInteger = next !== 0x2e && next !== 0x65 && next !== 0x45; // no fraction or exponent
    if (isInteger && j - i >= 16 && !Number.isSafeInteger(Number(text.slice(i, j)))) {
      out += `${text.slice(from, i)}"${text.slice(i, j)}"`;
      from = j;
    }
    // Skip the rest of a number (fraction, exponent) so its digits are not read as a new literal.
    while (j < n && /[0-9.eE+-]/.test(text[j])) j++;
    i = j - 1;
  }
  return from === 0 ? text : out + text.slice(from);
}
