// The five vendor list APIs as their documents describe them (see docs/vendors/). Where
// a document leaves the response body out (OpenIndex, admin console), the body here is one
// plausible shape, and the sync must find the records array as file import does.
import { inRange, type FakeEvent, type VendorApi } from './fake-vendor';

const iso = (t: number) => new Date(t).toISOString();
const int = (v: string | null, d: number) => (v == null || v === '' ? d : Number(v));

export const openindex: VendorApi = {
  vendor: 'openindex',
  path: '/audit',
  order: 'newest-first',
  makeRecord: (i, t) => ({
    id: `oi_${i}`,
    t,
    rec: {
      _id: `oi_${i}`,
      _creationTime: t + 0.5,
      timestamp: iso(t),
      eventType: i % 3 ? 'work_item.updated' : 'agent.claimed',
      workItemKey: `OPS-${i % 50}`,
      domainId: 'dom_ops',
      userId: `usr_${i % 7}`,
    },
  }),
  // Newest first; `before`/`after` are exclusive ISO bounds; the server picks the page size.
  respond(events, q) {
    const hits = events.filter(
      (e) => inRange(e, q.get('after'), q.get('before'), { exclusive: true }) && (!q.get('eventType') || e.rec.eventType === q.get('eventType')),
    );
    return { data: hits.slice(0, 100).map((e) => e.rec), count: Math.min(100, hits.length) };
  },
};

export const opbox: VendorApi = {
  vendor: 'opbox',
  path: '/api/audit',
  order: 'newest-first',
  makeRecord: (i, t) => ({
    id: `cm_audit_${i}`,
    t,
    rec: {
      id: `cm_audit_${i}`,
      action: ['CREATE', 'UPDATE', 'DELETE'][i % 3],
      resource: 'FORM',
      resourceId: `cm_form_${i}`,
      metadata: { n: i },
      ipAddress: '203.0.113.42',
      userAgent: 'Mozilla/5.0',
      createdAt: iso(t),
      user: { name: `User ${i % 9}`, email: `u${i % 9}@example.com` },
      organization: { id: 'cm_org_1', name: 'Acme' },
    },
  }),
  respond(events, q) {
    const limit = Math.min(100, Math.max(1, int(q.get('limit'), 50)));
    const offset = int(q.get('offset'), 0);
    const hits = events.filter((e) => !q.get('action') || e.rec.action === q.get('action'));
    return {
      logs: hits.slice(offset, offset + limit).map((e) => e.rec),
      pagination: { total: hits.length, limit, offset, hasMore: offset + limit < hits.length },
    };
  },
};

export const adminconsole: VendorApi = {
  vendor: 'adminconsole',
  path: '/v1/admin/audit',
  order: 'newest-first',
  makeRecord: (i, t) => ({
    id: `aud_${i}`,
    t,
    rec: {
      id: `aud_${i}`,
      created_at: iso(t),
      action: ['key.created', 'fix.dispatched', 'report.triaged'][i % 3],
      actor: `dev${i % 5}@acme.dev`,
      actor_type: 'human',
      resource: `key:key_${i}`,
      metadata: { i },
    },
  }),
  // The document shows the query only: limit+offset and a `since` lower bound (inclusive here).
  respond(events, q) {
    const limit = int(q.get('limit'), 50);
    const offset = int(q.get('offset'), 0);
    const hits = events.filter((e) => inRange(e, q.get('since'), null) && (!q.get('action') || e.rec.action === q.get('action')));
    return { entries: hits.slice(offset, offset + limit).map((e) => e.rec), limit, offset };
  },
};

export const openclaw: VendorApi = {
  vendor: 'openclaw',
  path: '/api/v1/audit',
  order: 'oldest-first',
  makeRecord: (i, t) => ({
    id: `audit-${i}`,
    t,
    rec: {
      id: `audit-${i}`,
      tenantId: 'acme-corp',
      userId: `user-${i % 11}`,
      timestamp: iso(t),
      actionType: ['data_access', 'model_call', 'tool_invocation'][i % 3],
      actionDetail: { tool: 'email_read' },
      dataAccessed: [],
      modelUsed: null,
      modelTokens: null,
      dataClassification: 'internal',
      policyApplied: 'p',
      policyResult: 'allow',
      policyReason: 'ok',
      outcome: 'success',
      requestId: `req-${i}`,
    },
  }),
  respond(events, q) {
    const pageSize = Math.min(1000, int(q.get('pageSize'), 100));
    const page = int(q.get('page'), 1);
    const hits = events.filter((e) => inRange(e, q.get('startDate'), q.get('endDate')) && (!q.get('actionType') || e.rec.actionType === q.get('actionType')));
    return {
      entries: hits.slice((page - 1) * pageSize, page * pageSize).map((e) => e.rec),
      pagination: { page, pageSize, totalEntries: hits.length, totalPages: Math.ceil(hits.length / pageSize) },
    };
  },
};

export const invent = (orgId: string): VendorApi => ({
  vendor: 'invent',
  path: `/orgs/${orgId}/audit-logs`,
  order: 'newest-first',
  makeRecord: (i, t): FakeEvent => ({
    id: `alog_${i}`,
    t,
    rec: {
      id: `alog_${i}`,
      action: ['assistant.created', 'api_key.deleted', 'member.invited'][i % 3],
      source: 'app',
      ip: '203.0.113.88',
      country: 'GB',
      userAgent: 'Mozilla/5.0',
      createdAt: iso(t),
      user: { id: `usr_${i % 4}`, name: 'Lena', email: 'lena@useinvent.example' },
      org: { id: orgId, name: 'Studio' },
      metadata: { i },
    },
  }),
  // "An array of audit log entries": the body is a bare array; page + take; from/to are dates.
  respond(events, q) {
    const take = int(q.get('take'), 20);
    const page = int(q.get('page'), 1);
    const hits = events.filter((e) => inRange(e, q.get('from'), q.get('to'), { dateOnly: true }) && (!q.get('action') || e.rec.action === q.get('action')));
    return hits.slice((page - 1) * take, page * take).map((e) => e.rec);
  },
});
