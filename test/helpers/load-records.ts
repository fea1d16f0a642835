// Test-only record loader: reads a corpus file whole, the simple way. The real streaming readers
// live in engine/import; mapping tests only need the parsed values.
import fs from 'node:fs';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { CORPUS_DIR } from './paths';

export interface ManifestEntry {
  file: string;
  vendor: string;
  product: string;
  format: string;
  records: number;
  record_path: string | null;
  fields: Record<string, string | null>;
  notes?: string;
}

export function loadManifest(): ManifestEntry[] {
  const m = JSON.parse(fs.readFileSync(path.join(CORPUS_DIR, 'manifest.json'), 'utf8')) as {
    files: ManifestEntry[];
  };
  return m.files;
}

function maybeJson(cell: string): unknown {
  const t = cell.trim();
  if ((t.startsWith('{') && t.endsWith('}')) || (t.startsWith('[') && t.endsWith(']'))) {
    try {
      return JSON.parse(t);
    } catch {
      return cell; // Python-dict literals and the like stay text.
    }
  }
  return cell;
}

function csvRecords(text: string): Record<string, unknown>[] {
  const rows = parseCsv(text, {
    columns: true,
    bom: true,
    relax_column_count: true,
  }) as Record<string, string>[];
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) out[k] = maybeJson(v);
    return out;
  });
}

/** Bitbucket's audit log: " | "-separated positional fields, the sixth holding JSON. */
function pipeRecords(text: string): Record<string, unknown>[] {
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .map((line) => {
      const parts = line.split(' | ');
      const out: Record<string, unknown> = {};
      parts.forEach((p, i) => {
        out[`col${i + 1}`] = i === 5 ? maybeJson(p) : p;
      });
      return out;
    });
}

function getByKey(root: unknown, key: string): unknown {
  if (key === '') return root;
  return (root as Record<string, unknown>)[key];
}

export function loadRecordsFromText(text: string, fileName: string, recordPath: string | null): Record<string, unknown>[] {
  if (fileName.endsWith('.csv')) return csvRecords(text);
  if (/bitbucket/.test(fileName) && !text.trimStart().startsWith('{')) return pipeRecords(text);
  const trimmed = text.trim();
  if (recordPath !== null) {
    const arr = getByKey(JSON.parse(trimmed), recordPath);
    if (!Array.isArray(arr)) throw new Error(`${fileName}: no array at ${recordPath}`);
    return arr as Record<string, unknown>[];
  }
  // One object (pretty-printed or on one line) or NDJSON.
  try {
    const whole = JSON.parse(trimmed) as unknown;
    if (Array.isArray(whole)) return whole as Record<string, unknown>[];
    return [whole as Record<string, unknown>];
  } catch {
    return trimmed
      .split(/\r?\n/)
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

export function loadCorpusFile(entry: ManifestEntry): Record<string, unknown>[] {
  const text = fs.readFileSync(path.join(CORPUS_DIR, entry.file), 'utf8');
  return loadRecordsFromText(text, entry.file, entry.record_path);
}

/** Records of a vendor sample file (JSON array/envelope, JSONL or CSV). */
export function loadSampleFile(file: string): Record<string, unknown>[] {
  const text = fs.readFileSync(file, 'utf8');
  if (file.endsWith('.csv')) return csvRecords(text);
  if (file.endsWith('.jsonl')) return loadRecordsFromText(text, file, null);
  const whole = JSON.parse(text) as unknown;
  if (Array.isArray(whole)) return whole as Record<string, unknown>[];
  for (const v of Object.values(whole as Record<string, unknown>)) {
    if (Array.isArray(v) && v.length > 0 && typeof v[0] === 'object') return v as Record<string, unknown>[];
  }
  return [whole as Record<string, unknown>];
}
