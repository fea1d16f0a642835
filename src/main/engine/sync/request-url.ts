// Builds each list request from the user's base URL, the vendor's documented path and the paging
// position. Only the base URL's origin is ever contacted; its path is kept as a prefix.
import type { VendorDescriptor } from '../../vendors/descriptor';
import type { SyncSettings } from '../../../shared/sync';
import { endpointParams, fillEndpoint } from '../../vendors/endpoint-params';

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

/** The value of one {name} of the path; orgId may sit in the field sources saved before `params` had. */
export function pathParamValue(s: SyncSettings, name: string): string | undefined {
  const own = s.params && Object.hasOwn(s.params, name) ? s.params[name] : undefined;
  return own ?? (name === 'orgId' ? s.orgId : undefined);
}

/** The list path with its {name}s filled from the settings; each must be given, and only those. */
export function listPath(d: Pick<VendorDescriptor, 'pathParams'> & { paging: { endpoint: string } }, s: SyncSettings): string {
  const p = s.path?.trim() || d.paging.endpoint;
  if (!p.startsWith('/')) throw new SyncSettingsError(`path "${p}" must start with /`);
  const names = endpointParams(p);
  for (const k of Object.keys(s.params ?? {})) {
    if (!names.includes(k))
      throw new SyncSettingsError(`${s.vendor}: path parameter "${k}" is not in ${p} (it takes: ${names.length ? names.join(', ') : 'none'})`);
  }
  return fillEndpoint(
    p,
    (name) => pathParamValue(s, name),
    (name) => {
      const label = d.pathParams?.[name]?.label;
      throw new SyncSettingsError(`${s.vendor} needs ${name}${label ? ` (${label})` : ''} for {${name}} in ${p}`);
    },
  );
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

/** A time bound in the vendor's documented format (paging.dateFormat: some take dates only). */
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
