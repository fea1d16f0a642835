// compileMapping's steady-state speed: one Opbox-like mapping applied to N generated records (1M by
// default) after a warm-up slice, as a long import sees it. Prints one JSON document on stdout.
//   node --import tsx bench/measure-mapping.ts [--count N]
import { parseArgs } from 'node:util';
import { compileMapping } from '../src/main/engine/mapping';
import { OPBOX_LIKE_MAPPING } from '../test/helpers/opbox-mapping';
import { ms } from './bench-cli';

const { values } = parseArgs({ options: { count: { type: 'string' } } });
const N = Number(values.count ?? 1_000_000);

const mapping = OPBOX_LIKE_MAPPING;

const actions = ['CREATE', 'UPDATE', 'DELETE', 'APPROVE', 'addon.install'];
const base = Date.UTC(2026, 0, 1);
const records: Record<string, unknown>[] = [];
for (let i = 0; i < N; i++) {
  records.push({
    id: `cm_audit_${i}`,
    action: actions[i % 5],
    resource: 'FORM',
    resourceId: `cm_form_${i % 977}`,
    metadata: { name: 'Contact Us' },
    ipAddress: '203.0.113.42',
    userAgent: 'Mozilla/5.0',
    createdAt: new Date(base + i * 1000).toISOString(),
    user: { name: 'Will Lilley', email: `user${i % 50}@example.com` },
    organization: { id: 'cm_org_ghi789', name: 'Acme Corp' },
  });
}

const apply = compileMapping(mapping);
// Steady state is what a long import sees: let the JIT settle on a slice first.
for (let i = 0; i < Math.min(N, 50_000); i++) apply(records[i]!);
let timed = 0;
const t0 = process.hrtime.bigint();
for (let i = 0; i < N; i++) if (apply(records[i]!).timeMs !== null) timed++;
const took = ms(t0);
if (timed !== N) throw new Error(`only ${timed} of ${N} records got a time`);
process.stdout.write(`${JSON.stringify({ records: N, ms: took, usPerRecord: (took * 1000) / N })}\n`);
