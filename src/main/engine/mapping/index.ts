// Field mapping: which vendor (or saved mapping, or inference) says where each model field is, and
// the compiled per-record function that reads it.
import type { MappedField } from '../../../shared/event';
import type { FieldPaths, Mapping } from '../../../shared/mapping';
import { detectVendor } from './detect';
import { inferFields, inferMapping, pickSample } from './infer';
import { getPath } from '../../../shared/mapping-paths';
import { shapeKey } from './shape-key';
import { toText } from './values';

export { compileDiffMapping, compileMapping } from './compile';
export { inferMapping, pickSample } from './infer';
export { reviewMapping } from './review';
export { shapeKey } from './shape-key';
export { detectVendor } from './detect';
export { guessSourceName } from './source-name';
export type { MappedFields } from './mapped-fields';

type Rec = Record<string, unknown>;

/** Share of records in which any of the paths yields a value. */
function hitRate(samples: readonly Rec[], paths: string[]): number {
  if (samples.length === 0 || paths.length === 0) return 0;
  let hit = 0;
  for (const r of samples) if (paths.some((p) => toText(getPath(r, p)) !== null || typeof getPath(r, p) === 'object')) hit++;
  return hit / samples.length;
}

export function chooseMapping(samples: Record<string, unknown>[], opts: { saved?: Mapping[] } = {}): Mapping {
  const sample = pickSample(samples);
  const key = shapeKey(sample);
  const detected = detectVendor(sample);
  if (detected) {
    const d = detected.descriptor;
    // Documented paths first; inference fills fields the document leaves out or that these records
    // do not carry under the documented name.
    const inferred = inferFields(sample, d.vendor);
    const fields: FieldPaths = {};
    const confidence: Partial<Record<MappedField, number>> = {};
    const all = new Set([...Object.keys(d.fields), ...Object.keys(inferred.fields)]) as Set<MappedField>;
    for (const f of all) {
      const documented = d.fields[f] ?? [];
      const rate = hitRate(sample, documented);
      const guessed = (inferred.fields[f] ?? []).filter((p) => !documented.includes(p));
      if (documented.length > 0 && rate >= 0.999) {
        fields[f] = [...documented];
        confidence[f] = 1;
      } else if (documented.length > 0 && rate > 0) {
        fields[f] = [...documented, ...guessed];
        confidence[f] = 1;
      } else if (guessed.length > 0) {
        fields[f] = [...documented, ...guessed];
        confidence[f] = inferred.confidence[f] ?? 0.5;
      } else if (documented.length > 0) {
        fields[f] = [...documented];
        confidence[f] = 0.5;
      }
    }
    return {
      vendor: d.vendor,
      fields,
      origin: 'descriptor',
      shapeKey: key,
      confidence,
    };
  }
  const saved = opts.saved?.find((m) => m.shapeKey === key);
  if (saved) return { ...saved, origin: 'saved' };
  return inferMapping(sample);
}
