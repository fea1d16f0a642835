// The CLI's view of the syncable vendors: the help lines and the path settings, both read from the
// vendor descriptors. --org is the CLI's name for the orgId setting; every other {name} of a
// vendor's path is given as --param name=VALUE.
import type { SyncVendorInfo } from '../../shared/sync';
import { syncVendors } from '../vendors/sync-info';

const flagOf = (name: string): string => (name === 'orgId' ? '--org ID' : `--param ${name}=VALUE`);

/** One line per vendor: its id, its name, and the settings its path needs. */
export function syncVendorsHelp(indent: string): string {
  const vendors = syncVendors();
  const width = Math.max(...vendors.map((v) => v.vendor.length));
  return vendors
    .map((v) => {
      const needs = v.params.map((p) => `${flagOf(p.name)} (${p.label})`).join(', ');
      return `${indent}${v.vendor.padEnd(width)}  ${v.displayName}${needs ? `; needs ${needs}` : ''}`;
    })
    .join('\n');
}

/**
 * The path settings from --org and --param NAME=VALUE, checked against the vendor's path: a missing
 * or unknown one is a usage error naming the flag. A vendor the descriptors do not know is left to
 * the engine to refuse.
 */
export function syncParams(vendorId: string, org: string | undefined, given: string[], usage: (m: string) => Error): Record<string, string> {
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const p of given) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw usage(`--param takes NAME=VALUE, got "${p}"`);
    const name = p.slice(0, eq);
    if (Object.hasOwn(params, name)) throw usage(`--param ${name} is given twice`);
    params[name] = p.slice(eq + 1);
  }
  if (org !== undefined) {
    if (Object.hasOwn(params, 'orgId')) throw usage('give the org id once: --org or --param orgId=..., not both');
    params.orgId = org;
  }
  const vendor: SyncVendorInfo | undefined = syncVendors().find((v) => v.vendor === vendorId);
  if (!vendor) return { ...params };
  const names = vendor.params.map((p) => p.name);
  for (const name of Object.keys(params)) {
    if (!names.includes(name))
      throw usage(
        `sync --vendor ${vendorId} takes no ${name === 'orgId' ? '--org' : `--param ${name}`} (its path ${vendor.endpoint} has ${names.length ? names.map((n) => `{${n}}`).join(', ') : 'no parameters'})`,
      );
  }
  const missing = vendor.params.filter((p) => !params[p.name]?.trim());
  if (missing.length) throw usage(`sync --vendor ${vendorId} needs ${missing.map((p) => `${flagOf(p.name)} (${p.label})`).join(', ')}`);
  return { ...params };
}
