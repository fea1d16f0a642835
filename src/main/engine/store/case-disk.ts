// The case as other processes and the disk see it: whether this process may write it (read-only, damaged,
// a failed save, the writer lock, another process's save since it was read), and writing case.sqlite
// atomically with its checksums.
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from './atomic-write';
import { CaseBusy, CaseLock } from './case-lock';
import { DB_FILE, saveFailure } from './case-files';
import { BlockSums, writeSums } from './db-checksum';

/** The case cannot be changed: a read-only drive or folder, or opened read-only. */
export class CaseReadOnly extends CaseBusy {}

export class CaseDisk {
  readonly lock: CaseLock;
  /** case.sqlite as this process last read or wrote it: another process's save changes it. */
  private stamp: string;
  /** Set when a save failed after the change was made in memory: this copy no longer matches the disk. */
  saveFailed: string | null = null;

  constructor(
    readonly dir: string,
    /** Why the case cannot be changed (a read-only drive or folder, or asked for), or null. */
    readonly readOnly: string | null,
    /** What is wrong with case.sqlite (db-checksum.ts): the case is read, never written. */
    readonly damaged: string | null,
    /** The checksum of case.sqlite as this process last read or wrote it. */
    private sum: string | null,
  ) {
    this.lock = new CaseLock(dir);
    this.stamp = this.stampOnDisk();
  }

  /** The checksum of case.sqlite as this process last read or wrote it. */
  get lastSum(): string | null {
    return this.sum;
  }

  private stampOnDisk(): string {
    try {
      const st = fs.statSync(path.join(this.dir, DB_FILE));
      return `${st.ino}:${st.size}:${st.mtimeMs}`;
    } catch {
      return 'none';
    }
  }

  /** Another process saved case.sqlite since this one read or wrote it. */
  changedElsewhere(): boolean {
    return this.stampOnDisk() !== this.stamp;
  }

  /** Refuses when the case cannot be written, else takes the writer lock and checks nobody saved since. */
  claim(): void {
    if (this.readOnly)
      throw new CaseReadOnly(`${this.dir} is read-only (${this.readOnly}): it can be searched and exported, but not changed; nothing was changed.`);
    if (this.damaged) {
      throw new CaseReadOnly(`${this.dir} is damaged (${this.damaged}): it can be read and exported, but nothing is written onto it; nothing was changed.`);
    }
    if (this.saveFailed) throw new CaseBusy(`${this.saveFailed}; open the case again before changing it.`);
    try {
      this.lock.claim();
    } catch (e) {
      throw saveFailure(e, this.dir, 'taking the writer lock of');
    }
    if (this.changedElsewhere()) {
      this.lock.release();
      throw new CaseBusy(
        `${this.dir} was changed by another AuditDesk process since it was opened here: open it again to see those changes, then repeat this (nothing was changed here).`,
      );
    }
  }

  /** Writes case.sqlite with its checksums; a crash between the two leaves a consistent pair. */
  write(bytes: Uint8Array): void {
    const sum = BlockSums.of(bytes);
    // The sum file first, listing the old sum too.
    writeSums(this.dir, sum, this.sum);
    writeFileAtomic(path.join(this.dir, DB_FILE), bytes);
    this.sum = sum;
  }

  /** A save failed: the case on disk is as saved last, and this copy in memory, ahead of it, is not saved again. */
  failed(e: unknown): Error {
    const failure = saveFailure(e, this.dir);
    this.saveFailed = failure.message;
    return failure;
  }

  /** The save went through: case.sqlite on disk is this process's. */
  saved(): void {
    this.stamp = this.stampOnDisk();
  }
}
