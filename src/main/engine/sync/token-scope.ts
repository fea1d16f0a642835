// What a kept sync token is bound to: the case it was entered in, the source's name and its exact
// base URL. A token is handed back only for the same three, so a source renamed, pointed at another
// server, or created in another case with the same name never receives it: it must be entered again.
import path from 'node:path';
import { syncSourceName, type SyncSettings } from '../../../shared/sync';

/**
 * The base URL as one string per endpoint: URL lowercases the scheme and host and drops default
 * ports; trailing slashes of the path prefix are dropped. An unreadable URL is kept as typed (the
 * run rejects it before any request).
 */
export function normalBaseUrl(raw: string): string {
  try {
    const u = new URL(raw.trim());
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/+$/, '')}`;
  } catch {
    return raw.trim();
  }
}

export function tokenScope(caseDir: string, s: Pick<SyncSettings, 'name' | 'vendor' | 'baseUrl'>): string {
  return JSON.stringify([path.resolve(caseDir), syncSourceName(s), normalBaseUrl(s.baseUrl)]);
}
