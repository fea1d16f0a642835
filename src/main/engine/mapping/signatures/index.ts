// The library of well-known audit formats (signatures.json), checked against its schema once when
// this module loads: a bad entry stops startup naming the entry, instead of misnaming evidence later.
import Ajv from 'ajv';
import type { MappedField, Outcome } from '../../../../shared/event';
import type { DetectRule } from '../../../vendors/descriptor';
import { parsePath } from '../../../../shared/mapping-paths';
import schema from './signatures.schema.json';
import library from './signatures.json';

export interface Signature {
  id: string;
  product: string;
  docs?: string;
  detect: DetectRule;
  hints?: Partial<Record<MappedField, string[]>>;
  lookups?: Partial<Record<MappedField, Record<string, string>>>;
  actionOutcomes?: { pattern: string; outcome: Exclude<Outcome, 'unknown'> }[];
}

export function loadSignatures(data: unknown, file = 'signatures.json'): Signature[] {
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  if (!validate(data)) {
    const e = validate.errors?.[0];
    throw new Error(`${file}: ${e?.instancePath || '/'} ${e?.message ?? 'does not fit the schema'}`);
  }
  const sigs = (data as { signatures: Signature[] }).signatures;
  const ids = new Set<string>();
  for (const s of sigs) {
    const where = `${file}: signature ${s.id}`;
    if (ids.has(s.id)) throw new Error(`${where}: id used twice`);
    ids.add(s.id);
    const conds = [...(s.detect.all ?? []), ...(s.detect.any ?? [])];
    if (conds.length === 0) throw new Error(`${where}: detect has no condition`);
    for (const c of conds) {
      if (c.pattern !== undefined) checkRegex(where, c.pattern);
      c.paths.forEach((p) => checkPath(where, p));
    }
    for (const ps of Object.values(s.hints ?? {})) ps.forEach((p) => checkPath(where, p));
    for (const a of s.actionOutcomes ?? []) checkRegex(where, a.pattern);
  }
  return sigs;
}

function checkRegex(where: string, p: string): void {
  try {
    new RegExp(p, 'i');
  } catch (e) {
    throw new Error(`${where}: bad pattern ${JSON.stringify(p)} (${(e as Error).message})`);
  }
}

function checkPath(where: string, p: string): void {
  try {
    parsePath(p);
  } catch (e) {
    throw new Error(`${where}: bad path ${JSON.stringify(p)} (${(e as Error).message})`);
  }
}

export const SIGNATURES: readonly Signature[] = loadSignatures(library);

export function signatureById(id: string): Signature | undefined {
  return SIGNATURES.find((s) => s.id === id);
}
