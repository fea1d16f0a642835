// Whether the Electron app may keep sync tokens on disk. safeStorage on Linux falls back to the
// "basic_text" backend (a key hard-coded in Chromium) when no secret service or KWallet is found:
// a file sealed that way is as good as plain text. Tokens then live in memory for the session only.
// Kept free of Electron so the decision is tested; token-vault.ts only feeds it Electron's answers.

export type TokenPersistence = { persist: true } | { persist: false; reason: string };

/** Linux backends that encrypt with a key kept outside the user's files. */
const LINUX_KEYRINGS = new Set(['gnome_libsecret', 'kwallet', 'kwallet5', 'kwallet6']);

export const SESSION_ONLY = 'the token is kept in memory for this session only: enter it again after restarting AuditDesk';

export function tokenPersistence(platform: string, encryptionAvailable: boolean, linuxBackend: string | null): TokenPersistence {
  if (!encryptionAvailable) return { persist: false, reason: `no OS encryption is available to store the token; ${SESSION_ONLY}` };
  if (platform !== 'linux') return { persist: true };
  if (linuxBackend && LINUX_KEYRINGS.has(linuxBackend)) return { persist: true };
  const why =
    linuxBackend === 'basic_text'
      ? 'no keyring (GNOME Keyring / KWallet) was found, and the fallback "basic_text" store is not encrypted with a secret'
      : `the keyring backend "${linuxBackend ?? 'unknown'}" is not one known to encrypt`;
  return { persist: false, reason: `the token was not saved: ${why}; ${SESSION_ONLY}` };
}
