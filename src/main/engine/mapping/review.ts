// What the mapping review screen needs: the mapping, every path seen with an example, and a few
// mapped values per field so a wrong guess is visible before import.
import { MAPPED_FIELDS, type MappedField } from '../../../shared/event';
import type { Mapping, MappingReview } from '../../../shared/mapping';
import { signatureById } from './signatures/index';
import { formatUtc } from '../../../shared/time';
import { compileMapping } from './compile';
import { collectPaths } from './flatten';
import { pickSample } from './infer';
import type { MappedFields } from './mapped-fields';

const MAX_EXAMPLE = 200;
const VALUES_PER_FIELD = 5;

function show(v: unknown): string {
  const s = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return s.length > MAX_EXAMPLE ? `${s.slice(0, MAX_EXAMPLE - 1)}…` : s;
}

function fieldValue(f: MappedField, m: MappedFields): unknown {
  switch (f) {
    case 'time':
      if (m.timeMs !== null) return m.timeFlag ? `${formatUtc(m.timeMs)} (${m.timeFlag}: ${m.timeOriginal})` : formatUtc(m.timeMs);
      return m.timeOriginal ? `${m.timeFlag}: ${m.timeOriginal}` : null;
    default:
      return (m as unknown as Record<string, unknown>)[f];
  }
}

export function reviewMapping(samples: readonly Record<string, unknown>[], mapping: Mapping, sourceId: number): MappingReview {
  const sample = pickSample(samples, 200);
  const stats = collectPaths(sample);
  const paths = [...stats.values()]
    .filter((s) => s.kind === 'leaf' || s.kind === 'array' || s.kind === 'object')
    .map((s) => ({
      path: s.path,
      example: s.examples.length ? show(s.examples[0]) : '',
    }));
  const apply = compileMapping(mapping);
  const mapped = sample.map((r) => apply(r));
  const samplesOut = MAPPED_FIELDS.map((field) => {
    const values: string[] = [];
    for (const m of mapped) {
      const v = fieldValue(field, m);
      if (v === null || v === undefined || v === 'unknown') continue;
      const s = show(v);
      if (!values.includes(s)) values.push(s);
      if (values.length >= VALUES_PER_FIELD) break;
    }
    return { field, values };
  });
  const product = signatureById(mapping.signature ?? mapping.vendor)?.product;
  return { sourceId, mapping, paths, samples: samplesOut, ...(product ? { product } : {}) };
}
