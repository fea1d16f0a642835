// Pages of timeline rows for one query. Framework-free so the React hook stays a thin adapter.
import type { EventRow } from '../../../shared/event';

export const PAGE_SIZE = 200;
/** Pages kept around the viewport; 40 × 200 rows is small and covers a lot of back-and-forth. */
export const MAX_PAGES = 40;

export class PageCache {
  private readonly pages = new Map<number, EventRow[]>();
  private readonly inFlight = new Set<number>();

  getRow(index: number): EventRow | undefined {
    return this.pages.get(Math.floor(index / PAGE_SIZE))?.[index % PAGE_SIZE];
  }

  /** Where a loaded row is, or -1 when it is on no page in memory. */
  indexOf(id: string): number {
    for (const [page, rows] of this.pages) {
      const i = rows.findIndex((r) => r.id === id);
      if (i >= 0) return page * PAGE_SIZE + i;
    }
    return -1;
  }

  has(page: number): boolean {
    return this.pages.has(page) || this.inFlight.has(page);
  }

  /** Pages that cover [first, last] and are neither cached nor being fetched. */
  missing(first: number, last: number): number[] {
    const out: number[] = [];
    for (let p = Math.floor(first / PAGE_SIZE); p <= Math.floor(last / PAGE_SIZE); p++) {
      if (!this.has(p)) out.push(p);
    }
    return out;
  }

  begin(page: number): void {
    this.inFlight.add(page);
  }

  fail(page: number): void {
    this.inFlight.delete(page);
  }

  put(page: number, rows: EventRow[], centerPage: number): void {
    this.inFlight.delete(page);
    this.pages.set(page, rows);
    this.evict(centerPage);
  }

  /** Drops the pages farthest from where the user is looking. */
  private evict(centerPage: number): void {
    if (this.pages.size <= MAX_PAGES) return;
    const byDistance = [...this.pages.keys()].sort((a, b) => Math.abs(b - centerPage) - Math.abs(a - centerPage));
    for (const p of byDistance.slice(0, this.pages.size - MAX_PAGES)) this.pages.delete(p);
  }
}
