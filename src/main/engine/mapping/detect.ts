// Which vendor wrote these records: descriptor detection rules evaluated over a sample.
import type { DetectCondition, DetectRule, VendorDescriptor } from '../../vendors/descriptor';
import { VENDORS } from '../../vendors/index';
import { getPath } from '../../../shared/mapping-paths';
import { toText } from './values';

type Rec = Record<string, unknown>;

const regexCache = new Map<string, RegExp>();
function re(p: string): RegExp {
  let r = regexCache.get(p);
  if (!r) {
    r = new RegExp(p, 'i');
    regexCache.set(p, r);
  }
  return r;
}

function firstValue(rec: Rec, paths: string[]): string | null {
  for (const p of paths) {
    const t = toText(getPath(rec, p));
    if (t !== null) return t;
  }
  return null;
}

export function conditionHolds(samples: readonly Rec[], c: DetectCondition): boolean {
  if (samples.length === 0) return false;
  const need = c.minFraction ?? 0.5;
  let ok = 0;
  for (const rec of samples) {
    const v = firstValue(rec, c.paths);
    if (v === null) continue;
    if (c.pattern === undefined || re(c.pattern).test(v)) ok++;
  }
  return ok > 0 && ok / samples.length >= need;
}

function headersPresent(samples: readonly Rec[], headers: string[]): boolean {
  const first = samples[0];
  if (!first) return false;
  const keys = new Set(Object.keys(first).map((k) => k.trim().toLowerCase()));
  return headers.every((h) => keys.has(h.toLowerCase()));
}

/** 0 when the rule does not match; otherwise how many conditions backed the match. */
export function ruleScore(samples: readonly Rec[], rule: DetectRule): number {
  let score = 0;
  if (rule.csvHeaders) {
    if (!headersPresent(samples, rule.csvHeaders)) return 0;
    score += rule.csvHeaders.length;
  }
  for (const c of rule.all ?? []) {
    if (!conditionHolds(samples, c)) return 0;
    score++;
  }
  if (rule.any && rule.any.length > 0) {
    const held = rule.any.filter((c) => conditionHolds(samples, c)).length;
    if (held < (rule.anyMin ?? 1)) return 0;
    score += held;
  }
  return score;
}

export interface Detection {
  descriptor: VendorDescriptor;
  score: number;
  rule: string;
}

export function detectVendor(samples: readonly Rec[], vendors: readonly VendorDescriptor[] = VENDORS): Detection | null {
  let best: Detection | null = null;
  for (const d of vendors) {
    d.detect.rules.forEach((r, i) => {
      const s = ruleScore(samples, r);
      if (s > 0 && (!best || s > best.score)) best = { descriptor: d, score: s, rule: r.name ?? `rule ${i}` };
    });
  }
  return best;
}
