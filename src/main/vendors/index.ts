// The vendors: every <folder>/descriptor.json beside this file, validated once when this module
// loads, then those of the folder named by $AUDITDESK_VENDORS_DIR. No list of vendors is kept
// anywhere else: adding a folder adds the vendor to detection, sync, the CLI help and the sync form.
// A descriptor that does not fit the schema stops startup with the file's name and the error,
// rather than mis-mapping someone's evidence later.
/// <reference types="vite/types/importMeta.d.ts" />
import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import schema from './descriptor.schema.json';
import type { VendorDescriptor } from './descriptor';
import { parsePath } from '../../shared/mapping-paths';
import { endpointParams } from './endpoint-params';

export type { VendorDescriptor, DetectRule, DetectCondition, VendorPaging, VendorAuth } from './descriptor';
export { endpointParams } from './endpoint-params';

/** Extra vendor folders (each <vendor>/descriptor.json): vendors added without a rebuild, and tests. */
export const VENDORS_DIR_ENV = 'AUDITDESK_VENDORS_DIR';

export class DescriptorError extends Error {
  override readonly name = 'DescriptorError';
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
  }
}

const ajv = new Ajv({ allErrors: true, strict: true });
const validate = ajv.compile(schema);

function checkPatternsAndPaths(file: string, d: VendorDescriptor): void {
  const regex = (p: string, where: string): void => {
    try {
      new RegExp(p, 'i');
    } catch (e) {
      throw new DescriptorError(file, `${where}: bad pattern ${JSON.stringify(p)} (${(e as Error).message})`);
    }
  };
  const path = (p: string, where: string): void => {
    try {
      parsePath(p);
    } catch (e) {
      throw new DescriptorError(file, `${where}: bad path ${JSON.stringify(p)} (${(e as Error).message})`);
    }
  };
  d.detect.rules.forEach((r, i) => {
    for (const c of [...(r.all ?? []), ...(r.any ?? [])]) {
      c.paths.forEach((p) => path(p, `/detect/rules/${i}`));
      if (c.pattern) regex(c.pattern, `/detect/rules/${i}`);
    }
  });
  for (const [f, ps] of Object.entries(d.fields)) ps?.forEach((p) => path(p, `/fields/${f}`));
  d.actorType?.patterns?.forEach((p, i) => {
    regex(p.pattern, `/actorType/patterns/${i}`);
    if (p.path) path(p.path, `/actorType/patterns/${i}`);
  });
  d.outcome?.actionPatterns?.forEach((p, i) => regex(p.pattern, `/outcome/actionPatterns/${i}`));
}

/** Every {name} of the list path is a declared setting, and every declared setting is used. */
function checkPathParams(file: string, d: VendorDescriptor): void {
  const used = d.paging ? endpointParams(d.paging.endpoint) : [];
  const declared = Object.keys(d.pathParams ?? {});
  const undeclared = used.filter((n) => !declared.includes(n));
  if (undeclared.length)
    throw new DescriptorError(file, `/paging/endpoint: {${undeclared.join('}, {')}} has no entry in /pathParams (its label for the sync form)`);
  const unused = declared.filter((n) => !used.includes(n));
  if (unused.length) throw new DescriptorError(file, `/pathParams: ${unused.join(', ')} not used in /paging/endpoint`);
}

/** Validates one descriptor; throws a DescriptorError naming `file` (".../<vendor>/descriptor.json"). */
export function loadDescriptor(file: string, data: unknown): VendorDescriptor {
  if (!validate(data)) {
    const errs = (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim()).join('; ');
    throw new DescriptorError(file, `invalid vendor descriptor: ${errs}`);
  }
  const d = data as unknown as VendorDescriptor;
  checkPatternsAndPaths(file, d);
  checkPathParams(file, d);
  const parts = file.split(/[\\/]/);
  const folder = parts.length > 1 ? parts[parts.length - 2] : '';
  if (folder && folder !== d.vendor) throw new DescriptorError(file, `vendor "${d.vendor}" does not match its folder "${folder}"`);
  return d;
}

/** The descriptors of one folder's subfolders, by file name. */
export function readVendorFolder(dir: string): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, 'descriptor.json');
    if (!fs.existsSync(file)) continue;
    try {
      out.push([file, JSON.parse(fs.readFileSync(file, 'utf8'))]);
    } catch (e) {
      throw new DescriptorError(file, `not readable JSON (${(e as Error).message})`);
    }
  }
  return out;
}

function builtIn(): [string, unknown][] {
  // Built by Vite (import.meta.env is set): the folders are bundled. Run from source (tests, tsx):
  // the folder is read.
  if (import.meta.env) {
    const bundled = import.meta.glob('./*/descriptor.json', { eager: true, import: 'default' });
    return Object.entries(bundled)
      .map(([file, data]): [string, unknown] => [file.slice(2), data])
      .sort(([a], [b]) => (a < b ? -1 : 1));
  }
  return readVendorFolder(__dirname).map(([file, data]) => [path.relative(__dirname, file), data]);
}

function loadAll(): VendorDescriptor[] {
  const extra = process.env[VENDORS_DIR_ENV];
  const sources = [...builtIn(), ...(extra ? readVendorFolder(path.resolve(extra)) : [])];
  const out: VendorDescriptor[] = [];
  for (const [file, data] of sources) {
    const d = loadDescriptor(file, data);
    if (out.some((v) => v.vendor === d.vendor)) throw new DescriptorError(file, `vendor "${d.vendor}" is defined twice`);
    out.push(d);
  }
  return out;
}

export const VENDORS: readonly VendorDescriptor[] = loadAll();

const byId = new Map(VENDORS.map((v) => [v.vendor, v]));

export function getDescriptor(vendor: string): VendorDescriptor | undefined {
  return byId.get(vendor);
}
