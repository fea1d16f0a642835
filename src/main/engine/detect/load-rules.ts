// Sigma rules from the bundled set (SigmaHQ's cloud rules, rules/README.md) and from a folder the user chooses.
import fs from 'node:fs';
import path from 'node:path';
import { compileRule, type SigmaRule } from './sigma-rule';
import { shippedFile } from '../runtime/shipped-file';

/**
 * The bundled rules stay YAML files (their licence asks that they be shared as they are): beside this
 * module in the sources, copied into out/main/rules by the build (electron.vite.config.ts).
 */
export function bundledRulesDir(): string {
  return shippedFile('rules', __dirname);
}

function ruleFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...ruleFiles(p));
    else if (/\.ya?ml$/i.test(entry.name)) out.push(p);
  }
  return out;
}

/** Every rule file under dir, compiled; `label` names where they came from. */
export function loadRuleDir(dir: string, label: (file: string) => string = (f) => f): SigmaRule[] {
  let st: fs.Stats;
  try {
    st = fs.statSync(dir);
  } catch {
    throw new Error(`rules folder ${dir} does not exist`);
  }
  if (!st.isDirectory()) throw new Error(`rules folder ${dir} is not a folder`);
  return ruleFiles(dir).map((f) => compileRule(fs.readFileSync(f, 'utf8'), label(f)));
}

/**
 * The bundled rules, then the user's folder (when given). A user rule with the id of a bundled one
 * replaces it, so an edited copy of a SigmaHQ rule runs instead of the original.
 */
export function loadRules(userDir?: string): SigmaRule[] {
  const root = bundledRulesDir();
  const bundled = loadRuleDir(root, (f) => `bundled:${path.relative(root, f).split(path.sep).join('/')}`);
  if (!userDir) return bundled;
  const mine = loadRuleDir(path.resolve(userDir));
  const ids = new Set(mine.map((r) => r.id));
  return [...bundled.filter((r) => !ids.has(r.id)), ...mine];
}
