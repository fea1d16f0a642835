import type { JobProgress } from '../shared/contract';

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
    stream.write(`\r\x1b[K[${bar}] ${(frac * 100).toFixed(0).padStart(3)}% ${p.events.toLocaleString('en')} events  ${name} (${p.fileIndex + 1}/${p.fileCount})`);
  };
}
