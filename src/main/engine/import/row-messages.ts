import type { RowMessage } from '../../../shared/contract';

/**
 * Collects per-row errors or warnings. A million flagged rows would drown the report, so after a cap
 * the rest are counted per kind of message and summarised, with the first line each occurred on.
 */
export class RowMessages {
  readonly list: RowMessage[] = [];
  private overflow = new Map<string, { first: number; count: number }>();

  constructor(private readonly cap = 500) {}

  add(line: number, message: string, kind = message): void {
    if (this.list.length < this.cap) {
      this.list.push({ line, message });
      return;
    }
    const o = this.overflow.get(kind);
    if (o) o.count++;
    else this.overflow.set(kind, { first: line, count: 1 });
  }

  get total(): number {
    let n = this.list.length;
    for (const o of this.overflow.values()) n += o.count;
    return n;
  }

  finish(): RowMessage[] {
    for (const [kind, o] of this.overflow) {
      this.list.push({ line: o.first, message: `${o.count} more rows: ${kind} (first at line ${o.first})` });
    }
    this.overflow.clear();
    return this.list;
  }
}
