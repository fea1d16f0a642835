// Detection rules (Sigma) run over a case: what the CLI's `detect --json` prints and the Findings panel shows.

export interface RuleFinding {
  /** The rule's id (a UUID for SigmaHQ rules); the `finding` filter of EventQuery takes it. */
  id: string;
  title: string;
  level: string;
  /** The rule's authors, shown with its findings as the Detection Rule License asks. */
  author: string;
  /** `bundled:<path>` or the rule file's path. */
  file: string;
  hits: number;
  /** Why the rule was not run (unsupported feature, bad YAML, a logsource no source has), or null. */
  skipped: string | null;
}

export interface DetectResult {
  rules: RuleFinding[];
  /** Events the rules were run on: those of sources at least one rule applies to. */
  events: number;
  /** Sources that could not be read (a CSV whose original file is gone), with the reason. */
  warnings: string[];
  /** When the run finished (UTC ISO), and the rules folder it used besides the bundled set. */
  ranAt: string;
  rulesDir: string | null;
}

const LEVELS = ['critical', 'high', 'medium', 'low', 'informational'];

/** Most severe first, then most hits, then title: the order the panel and the CLI list rules in. */
export function compareFindings(a: RuleFinding, b: RuleFinding): number {
  const la = LEVELS.indexOf(a.level);
  const lb = LEVELS.indexOf(b.level);
  return (la < 0 ? 9 : la) - (lb < 0 ? 9 : lb) || b.hits - a.hits || a.title.localeCompare(b.title);
}
