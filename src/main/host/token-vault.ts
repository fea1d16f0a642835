// Sync tokens in the Electron app: encrypted with the OS's key store through Electron's safeStorage,
// kept in the app's user-data folder (never in a case), readable by the user alone, each under its
// scope (case, source name, base URL). Where tokenPersistence refuses (no encryption, or Linux's
// plaintext basic_text fallback), tokens stay in the engine's memory only, as in `auditdesk serve`.
import fs from 'node:fs';
import path from 'node:path';
import { app, safeStorage } from 'electron';
import { writeFileAtomic } from '../engine/store/atomic-write';
import { tokenPersistence, type TokenPersistence } from './token-persistence';
import type { TokenKeeper } from './vault-token';

export class TokenVault implements TokenKeeper {
  private readonly file = path.join(app.getPath('userData'), 'sync-tokens.json');

  private policy(): TokenPersistence {
    const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : null;
    return tokenPersistence(process.platform, safeStorage.isEncryptionAvailable(), backend);
  }

  /** Saved tokens by scope; entries of earlier versions (keyed by source name alone) are dropped. */
  private read(): Record<string, string> {
    try {
      const all = JSON.parse(fs.readFileSync(this.file, 'utf8')) as Record<string, string>;
      return Object.fromEntries(Object.entries(all).filter(([scope]) => scope.startsWith('[')));
    } catch {
      return {};
    }
  }

  save(scope: string, token: string): TokenPersistence {
    const policy = this.policy();
    if (!policy.persist) return policy;
    const all = this.read();
    all[scope] = safeStorage.encryptString(token).toString('base64');
    writeFileAtomic(this.file, Buffer.from(JSON.stringify(all)));
    return policy;
  }

  load(scope: string): string | null {
    const sealed = this.read()[scope];
    if (!sealed || !this.policy().persist) return null;
    try {
      return safeStorage.decryptString(Buffer.from(sealed, 'base64'));
    } catch {
      return null;
    }
  }
}
