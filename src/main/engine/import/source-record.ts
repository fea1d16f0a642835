// What a format reader hands the import pipeline: records with their exact text and position.
import type { TextEncoding } from './encoding';

export interface SourceRecord {
  /** The record's exact source text (JSON text, JSONL line without its line break, or CSV row). */
  raw: string;
  /** Parsed record: JSON object, or for CSV an object keyed by header (col1.. without one). */
  value: Record<string, unknown>;
  /** 1-based line where the record starts. */
  line: number;
  /** Byte offset and length of raw in the (decompressed) file. */
  offset: number;
  length: number;
}

export interface RecordError {
  line: number;
  message: string;
}

export interface RecordBatch {
  records: SourceRecord[];
  errors: RecordError[];
  /** Bytes of the file (compressed bytes for gzip) consumed so far, for progress. */
  bytesDone: number;
}

export interface RecordReader {
  /** e.g. "jsonl", "json-array", "json-envelope:Records", "json-object", "csv", "csv-noheader"; "+gzip" appended. */
  format: string;
  gzip: boolean;
  /** The file's text encoding; records of a file not in UTF-8 are decoded to UTF-8. */
  encoding: TextEncoding;
  /** File size on disk. */
  bytesTotal: number;
  /** Warnings about the file as a whole (e.g. "no header row: columns numbered col1..col8"). */
  notes: string[];
  batches(): AsyncIterable<RecordBatch>;
}

/** A file that cannot be read as records at all (empty, binary, unknown format). */
export class FileFormatError extends Error {
  constructor(
    readonly path: string,
    message: string,
    readonly line = 0,
  ) {
    super(message);
  }
}
