import { openRecordReader } from '../../src/main/engine/import/open-reader';
import type { RecordBatch, RecordError, RecordReader, SourceRecord } from '../../src/main/engine/import/source-record';

export interface ReadResult {
  reader: RecordReader;
  records: SourceRecord[];
  errors: RecordError[];
  batches: RecordBatch[];
}

/** Every batch a reader yields for a file, and its records and errors gathered. */
export async function readAll(file: string, batchSize?: number): Promise<ReadResult> {
  const reader = await openRecordReader(file, batchSize ? { batchSize } : undefined);
  const records: SourceRecord[] = [];
  const errors: RecordError[] = [];
  const batches: RecordBatch[] = [];
  for await (const b of reader.batches()) {
    batches.push(b);
    records.push(...b.records);
    errors.push(...b.errors);
  }
  return { reader, records, errors, batches };
}
