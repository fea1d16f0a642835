// The case's annotations journal (annotations.jsonl): bookmarks, tags, notes and saved views are saved
// by appending one line here (fsynced) instead of rewriting case.sqlite, which costs seconds at a
// million events. Each line is {"crc":"<CRC-32 of rec's bytes>","rec":{"s":<sequence>,...}}: a line
// cut short by a crash has no newline or fails its CRC and is not applied. The next full save folds
// the lines into case.sqlite (meta journal_seq = the last sequence folded) and removes the file; lines
// at or below journal_seq are never applied again, so a crash between the two applies nothing twice.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fsyncDir } from './atomic-write';
import type { JournalRecord } from './annotation-records';

export const JOURNAL_FILE = 'annotations.jsonl';

const PREFIX = '{"crc":"';
const MIDDLE = '","rec":';
/** Bytes before rec's own: the prefix, 8 hex digits, the middle. */
const REC_AT = PREFIX.length + 8 + MIDDLE.length;
const NEWLINE = 0x0a;

export interface Sequenced {
  seq: number;
  rec: JournalRecord;
}

export interface JournalRead {
  records: Sequenced[];
  /** What went wrong with lines that were not applied, naming the file and the line. */
  warnings: string[];
}

function crcHex(bytes: Uint8Array): string {
  return zlib.crc32(bytes).toString(16).padStart(8, '0');
}

/** One line of the journal, newline included. */
export function journalLine(seq: number, rec: JournalRecord): Buffer {
  const body = Buffer.from(JSON.stringify({ s: seq, ...rec }));
  return Buffer.concat([Buffer.from(`${PREFIX}${crcHex(body)}${MIDDLE}`), body, Buffer.from('}\n')]);
}

function parseLine(line: Buffer): Sequenced | string {
  const head = line.subarray(0, REC_AT).toString('latin1');
  if (line.length < REC_AT + 2 || !head.startsWith(PREFIX) || !head.endsWith(MIDDLE) || line[line.length - 1] !== 0x7d) return 'it is not a journal line';
  const body = line.subarray(REC_AT, line.length - 1);
  if (crcHex(body) !== head.slice(PREFIX.length, PREFIX.length + 8)) return 'its checksum does not match (damaged)';
  try {
    const { s, ...rec } = JSON.parse(body.toString('utf8')) as { s: unknown } & JournalRecord;
    if (!Number.isSafeInteger(s) || (rec.k !== 'e' && rec.k !== 'v')) return 'it holds no known change';
    return { seq: s as number, rec: rec as JournalRecord };
  } catch (e) {
    return `it cannot be read (${(e as Error).message})`;
  }
}

/**
 * Reads and appends the journal of one case folder. It remembers how far it has read (the end of the
 * last whole line), so reading again returns only lines appended since, by this or another process.
 */
export class AnnotationJournal {
  readonly file: string;
  /** Offset just past the last whole line read, and that line's number. */
  private end = 0;
  private line = 0;
  /** The file's inode when last read: another one means it was folded away and begun again. */
  private ino = 0;
  /** Lines already reported, so a reader polling the file says each once. */
  private told = new Set<string>();

  constructor(dir: string) {
    this.file = path.join(dir, JOURNAL_FILE);
  }

  private stat(): fs.Stats | null {
    try {
      return fs.statSync(this.file);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  /** Whether the file holds anything not read yet (a cheap stat: readers call it before every answer). */
  changed(): boolean {
    const st = this.stat();
    if (!st) return this.end > 0;
    return st.ino !== this.ino || st.size !== this.end;
  }

  /** The whole lines appended since the last read; an unfinished last line is left for later. */
  readNew(): JournalRead {
    const st = this.stat();
    if (!st || st.ino !== this.ino || st.size < this.end) {
      this.end = 0;
      this.line = 0;
      this.ino = st?.ino ?? 0;
    }
    if (!st || st.size === this.end) return { records: [], warnings: [] };
    const bytes = this.readFrom(this.end, st.size - this.end);
    const out: JournalRead = { records: [], warnings: [] };
    let at = 0;
    for (let nl = bytes.indexOf(NEWLINE); nl >= 0; nl = bytes.indexOf(NEWLINE, at)) {
      this.line++;
      const parsed = parseLine(bytes.subarray(at, nl));
      if (typeof parsed === 'string') this.warn(out, `${JOURNAL_FILE} line ${this.line}: ${parsed}; that change is not applied (the others are)`);
      else out.records.push(parsed);
      at = nl + 1;
    }
    this.end += at;
    if (at < bytes.length) {
      this.warn(
        out,
        `${JOURNAL_FILE} line ${this.line + 1} is incomplete (a save cut short by a crash): that change is not applied (the ${this.line} lines before it are)`,
      );
    }
    return out;
  }

  private warn(out: JournalRead, message: string): void {
    if (this.told.has(message)) return;
    this.told.add(message);
    out.warnings.push(message);
  }

  private readFrom(offset: number, length: number): Buffer {
    const buf = Buffer.alloc(length);
    const fd = fs.openSync(this.file, 'r');
    try {
      let done = 0;
      while (done < length) {
        const n = fs.readSync(fd, buf, done, length - done, offset + done);
        if (n === 0) break;
        done += n;
      }
      return buf.subarray(0, done);
    } finally {
      fs.closeSync(fd);
    }
  }

  /**
   * Appends one change and syncs it to disk; only for the holder of the writer lock, after readNew
   * has read every whole line. An unfinished line left by a crash is cut off first, so the new line
   * starts on a line of its own.
   */
  append(seq: number, rec: JournalRecord): void {
    const created = !this.stat();
    const fd = fs.openSync(this.file, 'a', 0o600);
    try {
      if (fs.fstatSync(fd).size > this.end) fs.ftruncateSync(fd, this.end);
      const line = journalLine(seq, rec);
      let done = 0;
      while (done < line.length) done += fs.writeSync(fd, line, done, line.length - done);
      fs.fdatasyncSync(fd);
      this.ino = fs.fstatSync(fd).ino;
      this.end += line.length;
      this.line++;
    } catch (e) {
      // A line not written whole (a full disk) is cut again, so the journal ends on its last good line.
      try {
        fs.ftruncateSync(fd, this.end);
      } catch {
        // The next append cuts it; a reader never applies a line without its newline and checksum.
      }
      throw e;
    } finally {
      fs.closeSync(fd);
    }
    if (created) fsyncDir(path.dirname(this.file));
  }

  /** After a full save folded every line into case.sqlite: the journal begins again, empty. */
  remove(): void {
    fs.rmSync(this.file, { force: true });
    fsyncDir(path.dirname(this.file));
    this.end = 0;
    this.line = 0;
    this.ino = 0;
  }
}
