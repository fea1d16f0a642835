// The case's catalog: meta keys, the sources its events came from and the mappings saved for shapes of
// records. Small and mutable, read often (every row names its source): sources are cached until changed.
import type { Database } from 'sql.js';
import type { SourceInfo } from '../../../shared/contract';
import type { Mapping } from '../../../shared/mapping';
import { isTextEncoding, type TextEncoding } from '../../../shared/text-encoding';
import { ADDED_COLUMNS } from './schema';
import { scalar } from './scalar';

export interface NewSource {
  kind: 'file' | 'api';
  name: string;
  path: string;
  originalName: string | null;
  sha256: string;
  format: string;
  vendor: string;
  gzip: boolean;
  /** Only for a file not in UTF-8: its records were decoded from this encoding. */
  encoding?: TextEncoding;
  mapping: Mapping;
}

export class Catalog {
  private sourceCache = new Map<number, SourceInfo>();
  private gzipCache = new Map<number, boolean>();
  private encodingCache = new Map<number, TextEncoding | null>();

  constructor(private readonly db: Database) {}

  meta(key: string): string | null {
    return metaValue(this.db, key);
  }

  setMeta(key: string, value: string): void {
    this.db.run('INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)', [key, value]);
  }

  sources(): SourceInfo[] {
    const res = this.db.exec('SELECT id FROM sources ORDER BY id')[0];
    return (res?.values ?? []).map((r) => this.source(Number(r[0])));
  }

  source(id: number): SourceInfo {
    const hit = this.sourceCache.get(id);
    if (hit) return hit;
    const stmt = this.db.prepare('SELECT id,name,path,original_name,sha256,format,vendor,events,imported_at,mapping FROM sources WHERE id = ?');
    try {
      stmt.bind([id]);
      if (!stmt.step()) throw new Error(`no source ${id} in this case`);
      const r = stmt.getAsObject();
      const info: SourceInfo = {
        id: Number(r.id),
        name: String(r.name),
        path: String(r.path),
        originalName: (r.original_name as string | null) ?? null,
        sha256: String(r.sha256),
        format: String(r.format),
        vendor: String(r.vendor),
        events: Number(r.events),
        importedAt: String(r.imported_at),
        mappingOrigin: (JSON.parse(String(r.mapping)) as Mapping).origin,
      };
      this.sourceCache.set(id, info);
      return info;
    } finally {
      stmt.free();
    }
  }

  sourceMapping(id: number): Mapping {
    return JSON.parse(String(scalar(this.db, 'SELECT mapping FROM sources WHERE id = ?', [id]))) as Mapping;
  }

  sourceGzip(id: number): boolean {
    let gz = this.gzipCache.get(id);
    if (gz === undefined) {
      gz = Number(scalar(this.db, 'SELECT gzip FROM sources WHERE id = ?', [id])) === 1;
      this.gzipCache.set(id, gz);
    }
    return gz;
  }

  /** The encoding a file source was decoded from, or null for UTF-8 (read as it is). */
  sourceEncoding(id: number): TextEncoding | null {
    let enc = this.encodingCache.get(id);
    if (enc === undefined) {
      const v = scalar(this.db, 'SELECT encoding FROM sources WHERE id = ?', [id]);
      enc = isTextEncoding(v) && v !== 'utf-8' ? v : null;
      this.encodingCache.set(id, enc);
    }
    return enc;
  }

  findSourceBySha(sha256: string): SourceInfo | null {
    const id = scalar(this.db, 'SELECT id FROM sources WHERE sha256 = ? ORDER BY id LIMIT 1', [sha256]);
    return id == null ? null : this.source(Number(id));
  }

  addSource(s: NewSource): number {
    this.db.run(
      `INSERT INTO sources(kind,name,path,original_name,sha256,format,vendor,events,imported_at,gzip,mapping,encoding)
       VALUES (?,?,?,?,?,?,?,0,?,?,?,?)`,
      [
        s.kind,
        s.name,
        s.path,
        s.originalName,
        s.sha256,
        s.format,
        s.vendor,
        new Date().toISOString(),
        s.gzip ? 1 : 0,
        JSON.stringify(s.mapping),
        s.encoding && s.encoding !== 'utf-8' ? s.encoding : null,
      ],
    );
    return Number(scalar(this.db, 'SELECT last_insert_rowid()'));
  }

  updateSource(id: number, fields: { events?: number; vendor?: string; mapping?: Mapping; format?: string }): void {
    if (fields.events != null) this.db.run('UPDATE sources SET events = ? WHERE id = ?', [fields.events, id]);
    if (fields.vendor != null) this.db.run('UPDATE sources SET vendor = ? WHERE id = ?', [fields.vendor, id]);
    if (fields.format != null) this.db.run('UPDATE sources SET format = ? WHERE id = ?', [fields.format, id]);
    if (fields.mapping) this.db.run('UPDATE sources SET mapping = ? WHERE id = ?', [JSON.stringify(fields.mapping), id]);
    this.sourceCache.delete(id);
  }

  savedMappings(): Mapping[] {
    const res = this.db.exec('SELECT mapping FROM saved_mappings')[0];
    return (res?.values ?? []).map((r) => JSON.parse(String(r[0])) as Mapping);
  }

  saveMappingForShape(mapping: Mapping): void {
    this.db.run('INSERT OR REPLACE INTO saved_mappings(shape_key, mapping, saved_at) VALUES (?,?,?)', [
      mapping.shapeKey,
      JSON.stringify(mapping),
      new Date().toISOString(),
    ]);
  }

  /** A rollback may have undone sources added or changed in its transaction. */
  forgetSources(): void {
    this.sourceCache.clear();
    this.gzipCache.clear();
    this.encodingCache.clear();
  }
}

export function metaValue(db: Database, key: string): string | null {
  const v = db.exec('SELECT value FROM meta WHERE key = ?', [key])[0]?.values[0]?.[0];
  return v == null ? null : String(v);
}

/** Columns added since a case was made (ADDED_COLUMNS) are added on open. */
export function addMissingColumns(db: Database): void {
  for (const c of ADDED_COLUMNS) {
    const has = db.exec(`SELECT 1 FROM pragma_table_info('${c.table}') WHERE name = '${c.column}'`);
    if (!has.length) db.run(c.ddl);
  }
}
