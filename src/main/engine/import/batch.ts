// Accumulates reader output into RecordBatch units of a bounded size.
import type { RecordBatch, RecordError, SourceRecord } from './source-record';

export const DEFAULT_BATCH_SIZE = 2000;

export class BatchBuilder {
  records: SourceRecord[] = [];
  errors: RecordError[] = [];

  constructor(readonly size: number) {}

  /** Errors count too, so a file of nothing but bad lines still streams in bounded batches. */
  get full(): boolean {
    return this.records.length + this.errors.length >= this.size;
  }

  get empty(): boolean {
    return this.records.length === 0 && this.errors.length === 0;
  }

  take(bytesDone: number): RecordBatch {
    const batch = { records: this.records, errors: this.errors, bytesDone };
    this.records = [];
    this.errors = [];
    return batch;
  }
}
