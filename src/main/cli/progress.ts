import type { SyncProgress } from '../../shared/sync';
import type { JobProgress } from '../../shared/contract';

/** A one-line progress bar on stderr, only when stderr is a terminal (never mixed into --json). */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: JobProgress) => void {
  if (!stream.isTTY) return () => {};
  return (p) => {
    if (p.done && !p.file) {
      stream.write('\r\x1b[K');
      return;
    }
    if (p.phase === 'indexing') {
      stream.write(`\r\x1b[K${p.events.toLocaleString('en')} events stored; building indexes and saving…`);
      return;
    }
    const frac = p.bytesTotal ? Math.min(1, p.bytesDone / p.bytesTotal) : 0;
    const width = 30;
    const bar = '#'.repeat(Math.round(frac * width)).padEnd(width, '.');
    const name = p.file.length > 40 ? `…${p.file.slice(-39)}` : p.file;
    stream.write(
      `\r\x1b[K[${bar}] ${(frac * 100).toFixed(0).padStart(3)}% ${p.events.toLocaleString('en')} events  ${name} (${p.fileIndex + 1}/${p.fileCount})`,
    );
  };
}

/** Sync progress on a terminal: pages, events, rate, and a bar with ETA when the API states a total. */
export function syncProgressPrinter(stream: NodeJS.WriteStream = process.stderr): (p: SyncProgress, done: boolean) => void {
  if (!stream.isTTY) return () => {};
  const started = Date.now();
  return (p, done) => {
    if (done) {
      stream.write('\r\x1b[K');
      return;
    }
    const secs = Math.max(0.001, (Date.now() - started) / 1000);
    const rate = p.received / secs;
    let bar = '';
    if (p.expectedTotal) {
      const frac = Math.min(1, p.received / p.expectedTotal);
      const eta = rate > 0 ? Math.max(0, (p.expectedTotal - p.received) / rate) : 0;
      bar = `[${'#'.repeat(Math.round(frac * 30)).padEnd(30, '.')}] ${(frac * 100).toFixed(0).padStart(3)}% ETA ${eta.toFixed(0)} s  `;
    }
    stream.write(
      `\r\x1b[K${bar}${p.pages} pages, ${p.received.toLocaleString('en')} events (${p.new.toLocaleString('en')} new), ${rate.toFixed(0)}/s${p.retries ? `, ${p.retries} retries` : ''}`,
    );
  };
}

/** Each retry on its own line, terminal or not: a host that cannot be reached says why at once. */
export function syncRetryLine(source: string, p: SyncProgress, stream: NodeJS.WriteStream = process.stderr): void {
  if (!p.retry) return;
  const clearBar = stream.isTTY ? '\r\x1b[K' : '';
  stream.write(`${clearBar}auditdesk: ${source} page ${p.retry.page}: ${p.retry.reason}; retrying in ${(p.retry.delayMs / 1000).toFixed(1)} s\n`);
}
