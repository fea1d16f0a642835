// A case as an earlier version wrote it: its database changed by SQL (a table it did not have yet
// dropped) and no checksum file, which those versions did not write.
import fs from 'node:fs';
import path from 'node:path';
import { loadSqlJs } from '../../src/main/engine/store/sqljs';
import { DB_FILE } from '../../src/main/engine/store/case-store';
import { SUM_FILE } from '../../src/main/engine/store/db-checksum';

export async function rewriteAsOldCase(casePath: string, sql: string): Promise<void> {
  const SQL = await loadSqlJs();
  const dbFile = path.join(casePath, DB_FILE);
  const db = new SQL.Database(fs.readFileSync(dbFile));
  db.run(sql);
  fs.writeFileSync(dbFile, db.export());
  db.close();
  fs.rmSync(path.join(casePath, SUM_FILE), { force: true });
}
