// One record's size is bounded: a small .gz can inflate to a single multi-GB line, and buffering it
// whole aborted V8 with no message. Readers stop buffering as soon as a record passes the bound.

/** Default bound of one record's (decompressed) bytes; the import's maxRecordBytes changes it. */
export const DEFAULT_MAX_RECORD_BYTES = 64 * 1024 * 1024;

export function sizeText(bytes: number): string {
  if (bytes >= 1 << 20 && bytes % (1 << 20) === 0) return `${bytes / (1 << 20)} MiB`;
  if (bytes >= 1 << 10 && bytes % (1 << 10) === 0) return `${bytes / (1 << 10)} KiB`;
  return `${bytes} bytes`;
}

/**
 * "record at byte offset O is larger than the record size limit of 64 MiB" and what happens next. How to
 * raise the limit is the host's to say (the CLI names its flag), so no flag is named here.
 */
export function tooLarge(what: string, offset: number, limit: number, then: string): string {
  return `${what} at byte offset ${offset} is larger than the record size limit of ${sizeText(limit)}: ${then}`;
}
