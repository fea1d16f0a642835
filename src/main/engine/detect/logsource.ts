// Which of the case's sources a rule runs on: its logsource (product, service) against the vendor
// AuditDesk detected for each source (mapping/source-name.ts, vendors/).
import type { Logsource } from './sigma-rule';

/** Sigma product → service → AuditDesk vendor; '*' stands for any service of the product. */
const VENDOR_OF: Record<string, Record<string, string>> = {
  aws: { cloudtrail: 'aws' },
  azure: { activitylogs: 'azure-activity', auditlogs: 'entra-id', signinlogs: 'entra-id', riskdetection: 'entra-id', pim: 'entra-id' },
  gcp: { 'gcp.audit': 'gcp', 'google_workspace.admin': 'google-workspace', 'google_workspace.login': 'google-workspace' },
  google_workspace: { '*': 'google-workspace' },
  github: { '*': 'github' },
  m365: { '*': 'm365' },
  okta: { '*': 'okta' },
  bitbucket: { '*': 'bitbucket' },
};

/**
 * The vendors a rule applies to, or a reason it applies to none. A product or service that is itself
 * an AuditDesk vendor name (`openclaw`, `kubernetes`) selects that vendor, so a user's own rule can
 * target any source the case holds.
 */
export function ruleVendors(ls: Logsource, caseVendors: readonly string[]): { vendors: string[] } | { reason: string } {
  const product = ls.product?.toLowerCase();
  const service = ls.service?.toLowerCase();
  const known = product ? VENDOR_OF[product] : undefined;
  if (known) {
    if (!service) return { vendors: [...new Set(Object.values(known))] };
    const v = known[service] ?? known['*'];
    if (v) return { vendors: [v] };
  }
  const direct = [product, service].filter((n): n is string => !!n && caseVendors.includes(n));
  if (direct.length) return { vendors: direct };
  const what = Object.entries(ls)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return { reason: `logsource (${what || 'none'}) names no audit source AuditDesk reads, nor a vendor of this case` };
}
