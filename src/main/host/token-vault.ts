// Sync tokens in the Electron app: encrypted with the OS's key store through Electron's safeStorage,
// kept in the app's user-data folder (never in a case), readable by the user alone. Where safeStorage
// has no encryption available, tokens stay in memory only, as in `auditdesk serve`.
import fs from 'node:fs';
import path from 'node:path';
import { app, safeStorage } from 'electron';
import { writeFileAtomic } from '../engine/store/atomic-write';

export class TokenVault {
  private readonly file = path.join(app.getPath('userData'), 'sync-tokens.json');

  get available(): boolean {
    return safeStorage.isEncryptionAvailable();
  }

  private read(): Record<string, string> {
    try {
      return JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }

  save(source: string, token: string): void {
    if (!this.available) return;
    const all = this.read();
    all[source] = safeStorage.encryptString(token).toString('base64');
    writeFileAtomic(this.file, Buffer.from(JSON.stringify(all)));
  }

  load(source: string): string | null {
    const sealed = this.read()[source];
    if (!sealed || !this.available) return null;
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      return null;
    }
  }
}
