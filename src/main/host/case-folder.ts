// serve's folder picker: the sub-folders of one folder inside the allowed cases folder, so the page
// can choose a case by clicking. The path guard confines what may be listed.
import fs from 'node:fs';
import path from 'node:path';
import type { CaseFolderListing } from '../../shared/cases';
import { DB_FILE } from '../engine/store/case-store';
import { confine } from './path-guard';

export function listCaseFolder(dir: string | null, casesRoot: string): CaseFolderListing {
  const root = confine(casesRoot, [casesRoot], 'cases');
  const at = confine(dir ?? root, [root], 'cases');
  const entries = fs
    .readdirSync(at, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !d.name.startsWith('.'))
    .map((d) => {
      const p = path.join(at, d.name);
      return { name: d.name, path: p, case: fs.existsSync(path.join(p, DB_FILE)) };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  return { dir: at, parent: at === root ? null : path.dirname(at), entries };
}
