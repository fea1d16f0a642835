// `report --pdf` in plain Node: a headless Chromium prints the report page (its print CSS decides the
// page breaks). Which Chromium: $AUDITDESK_CHROMIUM, else Debian's /usr/bin/chromium.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export function findChromium(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.AUDITDESK_CHROMIUM?.trim();
  const bin = chosen || DEFAULT_CHROMIUM;
  if (!fs.existsSync(bin)) {
    throw new Error(
      chosen
        ? `AUDITDESK_CHROMIUM is ${chosen}, which does not exist: point it at a Chromium or Chrome binary to print the PDF`
        : `no Chromium to print the PDF with: ${DEFAULT_CHROMIUM} is missing; install chromium or set AUDITDESK_CHROMIUM to a Chromium or Chrome binary (the HTML report is written)`,
    );
  }
  return bin;
}

/** Prints htmlFile to pdfFile; a fresh profile each time, so a running browser's profile is never shared. */
export async function printPdf(htmlFile: string, pdfFile: string): Promise<void> {
  const bin = findChromium();
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-pdf-'));
  const tmp = `${pdfFile}.partial`;
  try {
    await new Promise<void>((resolve, reject) => {
      execFile(
        bin,
        [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--no-first-run',
          `--user-data-dir=${profile}`,
          '--no-pdf-header-footer',
          `--print-to-pdf=${tmp}`,
          pathToFileURL(htmlFile).href,
        ],
        { timeout: 120_000 },
        (e, _out, stderr) =>
          e ? reject(new Error(`${bin} could not print ${htmlFile} to PDF: ${e.message}${stderr ? `\n${String(stderr).trim()}` : ''}`)) : resolve(),
      );
    });
    const head = fs.existsSync(tmp) ? fs.readFileSync(tmp).subarray(0, 5).toString('latin1') : '';
    if (head !== '%PDF-') throw new Error(`${bin} ran but wrote no PDF for ${htmlFile}`);
    fs.renameSync(tmp, pdfFile);
  } finally {
    fs.rmSync(tmp, { force: true });
    fs.rmSync(profile, { recursive: true, force: true });
  }
}
