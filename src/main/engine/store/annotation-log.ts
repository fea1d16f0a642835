// The journal as one case store sees it: which sequence it has applied, the lines of other processes
// it has not, and what went wrong with lines it could not apply (told to the user once each).
import type { Database } from 'sql.js';
import { AnnotationJournal } from './annotation-journal';
import { applyRecord, type JournalRecord } from './annotation-records';

export class AnnotationLog {
  private readonly journal: AnnotationJournal;
  /** Warnings about lines not applied, for CaseInfo. */
  readonly warnings: string[] = [];

  /** folded: meta journal_seq of the case.sqlite read, the last sequence already in its tables. */
  constructor(
    dir: string,
    private seq: number,
  ) {
    this.journal = new AnnotationJournal(dir);
  }

  /** The last sequence applied to the tables: stored as journal_seq when they are saved whole. */
  get applied(): number {
    return this.seq;
  }

  /** Whether lines may have been appended since the last catchUp (one stat). */
  changed(): boolean {
    return this.journal.changed();
  }

  /** Applies the lines appended since the last call (by any process); true when any was applied. */
  catchUp(db: Database): boolean {
    const { records, warnings } = this.journal.readNew();
    this.warnings.push(...warnings);
    const fresh = records.filter((r) => r.seq > this.seq);
    if (!fresh.length) return false;
    db.run('SAVEPOINT journal');
    try {
      for (const r of fresh) {
        applyRecord(db, r.rec);
        this.seq = Math.max(this.seq, r.seq);
      }
    } finally {
      db.run('RELEASE journal');
    }
    return true;
  }

  /** Saves a change (holding the writer lock, caught up), then applies it: a change not saved is not made. */
  append(db: Database, rec: JournalRecord): void {
    this.journal.append(this.seq + 1, rec);
    this.seq++;
    applyRecord(db, rec);
  }

  /** case.sqlite now holds every line applied (meta journal_seq = applied): the journal begins again. */
  folded(): void {
    this.journal.remove();
  }
}
