// The incident report: one self-contained HTML file built from the case (annotated events, chosen
// traces and diffs, the filter's histogram, the findings), with an evidence export of every event it cites.
import type { EventQuery } from './query';

export interface ReportRequest {
  /** Shown at the top of the report; default "Incident report: <case name>". */
  title?: string;
  /** The HTML file to write (must not exist); its evidence goes to FILE.evidence/ beside it. Default: <case>/exports/<time>-report/report.html. */
  out?: string;
  /** The current filter: its histogram and description go in the report. */
  query?: EventQuery;
  /** Request ids whose traces the report shows. */
  traces?: string[];
  /** Event ids whose before/after the report shows. */
  diffs?: string[];
  /** The last detection run's findings (default true). */
  includeFindings?: boolean;
  /** The Electron app also prints FILE.pdf (printToPDF); the engine and serve leave it to the browser's print. */
  pdf?: boolean;
}

export interface ReportSummary {
  file: string;
  evidenceDir: string;
  /** SHA-256 of the evidence export's manifest.json, as stated in the report. */
  manifestSha256: string;
  /** Events the report cites (all of them in the evidence export). */
  events: number;
  /** "folder/file" under EXPORT_DOWNLOAD_PATH when the report sits in the case's exports folder (serve offers it), else null. */
  download: string | null;
  /** The PDF written beside the report (Electron app with pdf set). */
  pdf?: string;
}

/** The Content-Security-Policy of the report page: nothing may load, nothing may run. */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/** The evidence folder written beside a report file. */
export function evidenceDirOf(htmlFile: string): string {
  return htmlFile.replace(/\.html?$/i, '') + '.evidence';
}
