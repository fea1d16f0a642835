// Builds each list request from the user's base URL, the vendor's documented path and the paging
// position. Only the base URL's origin is ever contacted; its path is kept as a prefix.
import type { VendorPaging } from '../../vendors/descriptor';
import type { SyncSettings } from '../../../shared/sync';

export class SyncSettingsError extends Error {}

/** The base URL, checked: http(s), no credentials, query or fragment (they would leak or confuse). */
export function parseBaseUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    throw new SyncSettingsError(`base URL "${raw}" is not a URL (expected e.g. https://audit.example.com)`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') throw new SyncSettingsError(`base URL must be http(s), got ${u.protocol}`);
  if (u.username || u.password) throw new SyncSettingsError('base URL must not carry a user name or password: give the token separately');
  if (u.search || u.hash) throw new SyncSettingsError('base URL must not carry a query or fragment: use filters instead');
  return u;
}

export function listPath(paging: VendorPaging, s: SyncSettings): string {
  const p = s.path?.trim() || paging.endpoint;
  if (!p.startsWith('/')) throw new SyncSettingsError(`path "${p}" must start with /`);
  if (p.includes('{orgId}')) {
    if (!s.orgId?.trim()) throw new SyncSettingsError(`${s.vendor} needs an org id (--org) for ${p}`);
    return p.replace('{orgId}', encodeURIComponent(s.orgId.trim()));
  }
  return p;
}

/** The URL of one request; query values are strings already formatted for the vendor. */
export function requestUrl(base: URL, path: string, query: Record<string, string | number | null | undefined>): URL {
  const u = new URL(base.href);
  u.pathname = `${base.pathname.replace(/\/+$/, '')}${path}`;
  for (const [k, v] of Object.entries(query)) if (v != null && v !== '') u.searchParams.set(k, String(v));
  if (u.origin !== base.origin || !u.pathname.startsWith(base.pathname.replace(/\/+$/, ''))) {
    throw new SyncSettingsError(`request ${u.href} would leave the base URL ${base.href}`);
  }
  return u;
}

/** A time bound in the vendor's documented format (Invent takes dates only). */
export function formatBound(ms: number, dateFormat: string | undefined): string {
  const iso = new Date(ms).toISOString();
  return dateFormat === 'YYYY-MM-DD' ? iso.slice(0, 10) : iso;
}

/** --since as ms: ISO 8601 with a zone, or a bare date (UTC midnight). */
export function parseSince(since: string): number {
  const s = since.trim();
  const ms = /^\d{4}-\d{2}-\d{2}$/.test(s) ? Date.parse(`${s}T00:00:00Z`) : /[zZ]|[+-]\d{2}:?\d{2}$/.test(s) ? Date.parse(s) : NaN;
  if (Number.isNaN(ms)) throw new SyncSettingsError(`since "${since}" is not an ISO 8601 time with a zone or a YYYY-MM-DD date`);
  return ms;
}
