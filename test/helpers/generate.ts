// Small vendor-shaped event files written from the vendor docs, generated (not hand-typed).

/** A seeded generator of numbers in [0, 1), so generated data is the same on every run. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

/** Opbox `/api/audit` records (doc 001), one JSON object per line. */
export function opboxJsonl(count: number, seed = 1): string {
  const r = rng(seed);
  const actions = ['CREATE', 'UPDATE', 'DELETE', 'APPROVE', 'REJECT', 'SHARE'];
  const resources = ['FORM', 'TABLE', 'MATTER', 'DOCUMENT', 'table_row'];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const user = Math.floor(r() * 40);
    lines.push(
      JSON.stringify({
        id: `cm_audit_${i.toString(36)}`,
        action: actions[Math.floor(r() * actions.length)],
        resource: resources[Math.floor(r() * resources.length)],
        resourceId: `cm_res_${Math.floor(r() * 1000)}`,
        metadata: { name: `Item ${i}` },
        ipAddress: `203.0.113.${Math.floor(r() * 250)}`,
        userAgent: 'Mozilla/5.0',
        createdAt: new Date(Date.UTC(2026, 1, 1) + i * 61_000).toISOString(),
        user: { name: `User ${user}`, email: `user${user}@example.com` },
        organization: { id: 'cm_org_1', name: 'Acme Corp' },
      }),
    );
  }
  return `${lines.join('\n')}\n`;
}
