// How the Electron host fills in a sync's token from the vault: a token typed in the form is saved
// under its scope (case, name, base URL) once the engine accepted the run; a run without one gets
// only the token saved for exactly that scope. The case it was looked up for travels along, so the engine refuses it if another case
// was opened meanwhile.
import type { ApiParams } from '../../shared/contract';
import { tokenScope } from '../engine/sync/token-scope';
import type { TokenPersistence } from './token-persistence';

export interface TokenKeeper {
  save(scope: string, token: string): TokenPersistence;
  load(scope: string): string | null;
}

export interface VaultedCall {
  params: ApiParams<'runSync'>;
  /**
   * Saves the typed token, once the engine has taken the run (a refused URL or setting leaves it
   * unsaved). Returns why it could not be saved (said to the user with the report), else null.
   */
  keep(): string | null;
}

export function withVaultToken(vault: TokenKeeper, p: ApiParams<'runSync'>, caseDir: string | null): VaultedCall {
  if (caseDir == null) return { params: p, keep: () => null };
  const scope = tokenScope(caseDir, p.settings);
  const typed = p.token;
  if (typed) {
    return {
      params: { ...p, tokenCase: caseDir },
      keep: () => {
        const kept = vault.save(scope, typed);
        return kept.persist ? null : kept.reason;
      },
    };
  }
  const saved = vault.load(scope);
  return { params: saved ? { ...p, token: saved, tokenCase: caseDir } : p, keep: () => null };
}
