// A generated multi-vendor case: five vendor-shaped files (from src/main/vendors samples' shapes)
// with background noise, plus one request that crosses vendors. The trace id sits where each vendor
// keeps it: top level, snake_case, or nested under metadata / context.
import fs from 'node:fs';
import path from 'node:path';

export const TRACE_ID = 'req-7f3c9a01';
const BASE = Date.UTC(2026, 2, 13, 14, 0, 0);
const iso = (ms: number) => new Date(ms).toISOString();

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

/** The cross-vendor request: [vendor, offset from its start in ms], in time order. */
export const TRACE_STEPS = [
  ['opbox', 0],
  ['openclaw', 850],
  ['adminconsole', 2_300],
  ['openclaw', 2_900],
  ['openindex', 61_000],
] as const;

export interface MultiVendorFiles {
  files: string[];
  /** Events written in all (noise plus trace steps). */
  total: number;
}

export function writeMultiVendorCase(dir: string, noisePerVendor = 200): MultiVendorFiles {
  const r = rng(7);
  const traceAt = (vendor: string) => TRACE_STEPS.filter(([v]) => v === vendor).map(([, off]) => BASE + off);
  const reqFor = (i: number) => `req-${(1000 + i).toString(16)}`;

  const opbox = Array.from({ length: noisePerVendor }, (_, i) => ({
    id: `cm_audit_${i}`,
    action: pick(r, ['CREATE', 'UPDATE', 'DELETE', 'SHARE']),
    resource: pick(r, ['FORM', 'TABLE', 'MATTER']),
    resourceId: `cm_res_${i % 50}`,
    requestId: reqFor(i),
    ipAddress: `203.0.113.${i % 250}`,
    userAgent: 'Mozilla/5.0',
    createdAt: iso(BASE - 3_600_000 + i * 37_000),
    user: { name: `User ${i % 20}`, email: `user${i % 20}@example.com` },
    organization: { id: 'cm_org_1', name: 'Acme Corp' },
  }));
  for (const t of traceAt('opbox')) {
    opbox.push({
      id: 'cm_audit_trace',
      action: 'SHARE',
      resource: 'DOCUMENT',
      resourceId: 'cm_res_secret',
      requestId: TRACE_ID,
      ipAddress: '198.51.100.7',
      userAgent: 'Mozilla/5.0',
      createdAt: iso(t),
      user: { name: 'Mallory', email: 'mallory@example.com' },
      organization: { id: 'cm_org_1', name: 'Acme Corp' },
    });
  }

  const claw: Record<string, unknown>[] = Array.from({ length: noisePerVendor }, (_, i) => ({
    id: `audit-n${i}`,
    tenantId: 'acme-corp',
    userId: `user-${i % 30}`,
    timestamp: iso(BASE - 1_800_000 + i * 29_000),
    actionType: pick(r, ['data_access', 'model_call', 'tool_invocation']),
    actionDetail: { tool: 'email_read' },
    dataAccessed: [],
    outcome: pick(r, ['success', 'success', 'denied']),
    policyResult: 'allow',
    requestId: reqFor(5000 + i),
  }));
  traceAt('openclaw').forEach((t, k) =>
    claw.push({
      id: `audit-trace-${k}`,
      tenantId: 'acme-corp',
      userId: 'agent-exfil',
      timestamp: iso(t),
      actionType: k === 0 ? 'data_access' : 'tool_invocation',
      actionDetail: { tool: 'crm_export' },
      dataAccessed: [{ source: 'salesforce:report-991', classification: 'restricted', purpose: 'export' }],
      outcome: k === 0 ? 'success' : 'denied',
      policyResult: k === 0 ? 'allow' : 'deny',
      requestId: TRACE_ID,
    }),
  );

  const admin: Record<string, unknown>[] = Array.from({ length: noisePerVendor }, (_, i) => ({
    id: `aud_n${i}`,
    created_at: iso(BASE - 900_000 + i * 13_000),
    action: pick(r, ['key.created', 'fix.dispatched', 'report.viewed']),
    actor: `dev${i % 10}@acme.dev`,
    actor_type: 'human',
    resource: `key:key_${i}`,
    metadata: { request_id: reqFor(9000 + i), scopes: ['reports:read'] },
  }));
  for (const t of traceAt('adminconsole')) {
    admin.push({
      id: 'aud_trace',
      created_at: iso(t),
      action: 'key.created',
      actor: 'exfil_agent',
      actor_type: 'agent',
      resource: 'key:key_exfil',
      metadata: { request_id: TRACE_ID, before: null, after: { key_id: 'key_exfil', revoked: false } },
    });
  }

  const index: Record<string, unknown>[] = Array.from({ length: noisePerVendor }, (_, i) => ({
    _id: `k_n${i}`,
    timestamp: iso(BASE - 600_000 + i * 11_000),
    eventType: pick(r, ['work_item.status_changed', 'agent.claimed']),
    workItemKey: `OPS-${i % 60}`,
    domainId: 'dom_ops',
    userId: `usr_${i % 15}`,
    context: { requestId: reqFor(13000 + i) },
  }));
  for (const t of traceAt('openindex')) {
    index.push({
      _id: 'k_trace',
      timestamp: iso(t),
      eventType: 'sync.failed',
      workItemKey: 'OPS-42',
      domainId: 'dom_ops',
      userId: 'agent_exfil',
      context: { requestId: TRACE_ID },
    });
  }

  const files = [
    ['opbox-audit.jsonl', opbox.map((o) => JSON.stringify(o)).join('\n') + '\n'],
    ['openclaw-audit.jsonl', claw.map((o) => JSON.stringify(o)).join('\n') + '\n'],
    ['adminconsole-audit.json', JSON.stringify({ entries: admin }, null, 1)],
    ['openindex-audit.json', JSON.stringify(index, null, 1)],
  ].map(([name, text]) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  });
  return { files, total: opbox.length + claw.length + admin.length + index.length };
}
