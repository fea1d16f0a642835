// A name for records no descriptor claims, from what they say about themselves (eventSource
// "s3.amazonaws.com", kind "admin#reports#activity", apiVersion "audit.k8s.io/v1"), matched against
// the signature library (signatures/signatures.json). '' when nothing is telling: the caller then
// names the source after the file.
import type { MappedField } from '../../../shared/event';
import { ruleScore } from './detect';
import { SIGNATURES, signatureById } from './signatures/index';

type Rec = Record<string, unknown>;

export function guessSourceName(samples: readonly Rec[]): string {
  let best = '';
  let bestScore = 0;
  for (const sig of SIGNATURES) {
    const s = ruleScore(samples, sig.detect);
    if (s > bestScore) {
      best = sig.id;
      bestScore = s;
    }
  }
  return best;
}

/**
 * Paths a sample may not show but a known source documents: CloudTrail writes errorCode only on
 * failures, so a clean sample never contains it, yet its absence is what "success" means there.
 */
export function sourceHints(vendor: string): Partial<Record<MappedField, string[]>> {
  return signatureById(vendor)?.hints ?? {};
}
