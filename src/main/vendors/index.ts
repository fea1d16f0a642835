// The built-in vendors, validated once when this module loads. The JSON files are imported
// statically so bundlers ship them; a descriptor that does not fit the schema stops startup with
// the file's name and the error, rather than mis-mapping someone's evidence later.
import Ajv from 'ajv';
import schema from './descriptor.schema.json';
import openindex from './openindex/descriptor.json';
import opbox from './opbox/descriptor.json';
import adminconsole from './adminconsole/descriptor.json';
import openclaw from './openclaw/descriptor.json';
import invent from './invent/descriptor.json';
import type { VendorDescriptor } from './descriptor';
import { parsePath } from '../../shared/mapping-paths';

export type { VendorDescriptor, DetectRule, DetectCondition, VendorPaging } from './descriptor';

export class DescriptorError extends Error {
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

/** Validates one descriptor; throws a DescriptorError naming `file`. Exported for tests and user-added vendors. */
export function loadDescriptor(file: string, data: unknown): VendorDescriptor {
  if (!validate(data)) {
    const errs = (validate.errors ?? [])
      .map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`.trim())
      .join('; ');
    throw new DescriptorError(file, `invalid vendor descriptor: ${errs}`);
  }
  const d = data as unknown as VendorDescriptor;
  checkPatternsAndPaths(file, d);
  const folder = file.split('/')[0];
  if (folder && folder !== d.vendor)
    throw new DescriptorError(file, `vendor "${d.vendor}" does not match its folder "${folder}"`);
  return d;
}

const SOURCES: [string, unknown][] = [
  ['openindex/descriptor.json', openindex],
  ['opbox/descriptor.json', opbox],
  ['adminconsole/descriptor.json', adminconsole],
  ['openclaw/descriptor.json', openclaw],
  ['invent/descriptor.json', invent],
];

export const VENDORS: readonly VendorDescriptor[] = SOURCES.map(([file, data]) => loadDescriptor(file, data));

const byId = new Map(VENDORS.map((v) => [v.vendor, v]));

export function getDescriptor(vendor: string): VendorDescriptor | undefined {
  return byId.get(vendor);
}
