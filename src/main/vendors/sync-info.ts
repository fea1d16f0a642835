// What the hosts show about the vendors that can be synced (the sync form, the CLI help), read
// from the descriptors: a vendor with a documented list API and auth scheme is listed here.
import type { SyncVendorInfo } from '../../shared/sync';
import { VENDORS, type VendorDescriptor } from './index';
import { endpointParams } from './endpoint-params';

export function syncVendorInfo(d: VendorDescriptor): SyncVendorInfo | null {
  if (!d.paging || !d.auth) return null;
  const declared = d.pathParams ?? {};
  return {
    vendor: d.vendor,
    displayName: d.displayName,
    endpoint: d.paging.endpoint,
    auth: d.auth,
    params: endpointParams(d.paging.endpoint).map((name) => ({ name, ...declared[name] })),
  };
}

export function syncVendors(): SyncVendorInfo[] {
  return VENDORS.map(syncVendorInfo).filter((v): v is SyncVendorInfo => v != null);
}
