// A vendor that is not in the app: its descriptor is written to a temporary folder (given to the app
// through $AUDITDESK_VENDORS_DIR) and its API is faked here. It differs from the five on purpose:
// the token goes in an X-Api-Key header, and its path holds a {tenant} the user must give.
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../helpers/paths';
import type { SyncAuth } from '../../../src/shared/sync';
import type { VendorApi } from './fake-vendor';

export const SIXTH_AUTH: SyncAuth = { scheme: 'header', header: 'X-Api-Key' };

export const SIXTH_DESCRIPTOR = {
  vendor: 'acmeaudit',
  displayName: 'Acme Audit',
  detect: { rules: [{ name: 'record shape', all: [{ paths: ['acme_event'] }, { paths: ['occurred_at'] }] }] },
  fields: { time: ['occurred_at'], eventId: ['uid'], actor: ['who.email'], action: ['acme_event'] },
  outcome: { default: 'success' },
  auth: SIXTH_AUTH,
  pathParams: { tenant: { label: 'Tenant', description: 'The tenant slug from the admin page' } },
  paging: {
    style: 'page',
    endpoint: '/v2/tenants/{tenant}/audit-events',
    recordsKey: 'items',
    params: { page: 'page', limit: 'per_page' },
    pageSize: 50,
    firstPage: 1,
    totalPagesPath: 'meta.total_pages',
    order: 'oldest-first',
  },
};

/** A folder holding the sixth vendor's folder, for $AUDITDESK_VENDORS_DIR. */
export function sixthVendorDir(): string {
  const dir = tempDir('auditdesk-vendors-');
  fs.mkdirSync(path.join(dir, SIXTH_DESCRIPTOR.vendor));
  fs.writeFileSync(path.join(dir, SIXTH_DESCRIPTOR.vendor, 'descriptor.json'), JSON.stringify(SIXTH_DESCRIPTOR, null, 2));
  return dir;
}

export const sixthVendor = (tenant: string): VendorApi => ({
  vendor: SIXTH_DESCRIPTOR.vendor,
  path: `/v2/tenants/${tenant}/audit-events`,
  order: 'oldest-first',
  makeRecord: (i, t) => ({
    id: `acm_${i}`,
    t,
    rec: {
      uid: `acm_${i}`,
      acme_event: ['login', 'export.started', 'role.granted'][i % 3],
      occurred_at: new Date(t).toISOString(),
      who: { email: `u${i % 4}@acme.test` },
    },
  }),
  respond(events, q) {
    const per = Number(q.get('per_page') ?? 50);
    const page = Number(q.get('page') ?? 1);
    return { items: events.slice((page - 1) * per, page * per).map((e) => e.rec), meta: { total_pages: Math.ceil(events.length / per) } };
  },
});
