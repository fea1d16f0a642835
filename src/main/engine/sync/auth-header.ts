// The one header that carries the token, in the scheme the vendor's descriptor declares.
import type { SyncAuth } from '../../../shared/sync';

export function authHeader(auth: SyncAuth, token: string): [name: string, value: string] {
  return auth.scheme === 'bearer' ? ['authorization', `Bearer ${token}`] : [auth.header.toLowerCase(), `${auth.prefix ?? ''}${token}`];
}
