// Output and number flags shared by the commands: --json prints exactly one JSON document on stdout.
import { UsageError } from './command';

export function intOption(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new UsageError(`--${name} takes a whole number, got "${v}"`);
  return Number(v);
}

export function out(json: boolean, doc: unknown, human: () => string): void {
  process.stdout.write(json ? `${JSON.stringify(doc)}\n` : `${human()}\n`);
}
