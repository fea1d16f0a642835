// How the Electron host fills in a sync's token from the vault: a token typed in the form is saved
// under its scope (case, name, base URL); a run without one gets only the token saved for exactly
// that scope. The case it was looked up for travels along, so the engine refuses it if another case
// was opened meanwhile.
import type { ApiParams } from '../../shared/contract';
import { tokenScope } from '../sync/token-scope';
import type { TokenPersistence } from './token-persistence';

export interface TokenKeeper {
  save(scope: string, token: string): TokenPersistence;
  load(scope: string): string | null;
}

export interface VaultedCall {
  params: ApiParams<'runSync'>;
  /** Why a typed token was not saved (said to the user with the run's report), else null. */
  notice: string | null;
}

export function withVaultToken(vault: TokenKeeper, p: ApiParams<'runSync'>, caseDir: string | null): VaultedCall {
  if (caseDir == null) return { params: p, notice: null };
  const scope = tokenScope(caseDir, p.settings);
  if (p.token) {
    const kept = vault.save(scope, p.token);
    return { params: { ...p, tokenCase: caseDir }, notice: kept.persist ? null : kept.reason };
  }
  const saved = vault.load(scope);
  return { params: saved ? { ...p, token: saved, tokenCase: caseDir } : p, notice: null };
}
