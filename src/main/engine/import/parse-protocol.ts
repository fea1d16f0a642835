import type { Mapping } from '../../../shared/mapping';
import type { TextEncoding } from '../../../shared/text-encoding';
import type { PreparedBatch } from './prepared-batch';

export interface ParseStart {
  file: string;
  saved: Mapping[];
  batchSize?: number;
  maxRecordBytes?: number;
  /** Bytes of the file to read, fixed when the import started. */
  length?: number;
}

export type ParseMessage =
  | { type: 'header'; format: string; gzip: boolean; encoding: TextEncoding; bytesTotal: number; notes: string[]; mapping: Mapping }
  | { type: 'batch'; batch: PreparedBatch }
  | { type: 'end' }
  /** The file cannot be read as records at all (empty, binary, unknown format, no records). */
  | { type: 'unreadable'; message: string; line: number; errors: { line: number; message: string }[] }
  | { type: 'fail'; message: string };

/** Sent back for each batch consumed, so the parser stays only a few batches ahead. */
export type ParseAck = { type: 'ack' };
