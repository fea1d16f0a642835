// What every CLI command is: a name, its usage lines (help is generated from them) and a run over
// the engine client with the parsed flags. One option table for all commands, so a flag means one thing.
import type { parseArgs } from 'node:util';
import type { EngineClient } from '../engine/worker/engine-client';

export class UsageError extends Error {}

export const OPTIONS = {
  json: { type: 'boolean' },
  where: { type: 'string', multiple: true },
  q: { type: 'string' },
  text: { type: 'string' },
  search: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  limit: { type: 'string' },
  offset: { type: 'string' },
  sort: { type: 'string' },
  tag: { type: 'string', multiple: true },
  untag: { type: 'string', multiple: true },
  bookmarked: { type: 'boolean' },
  noted: { type: 'boolean' },
  bookmark: { type: 'boolean' },
  unbookmark: { type: 'boolean' },
  note: { type: 'string' },
  port: { type: 'string' },
  cases: { type: 'string' },
  imports: { type: 'string' },
  exports: { type: 'string' },
  'max-upload': { type: 'string' },
  vendor: { type: 'string' },
  'base-url': { type: 'string' },
  org: { type: 'string' },
  param: { type: 'string', multiple: true },
  path: { type: 'string' },
  name: { type: 'string' },
  'token-env': { type: 'string' },
  since: { type: 'string' },
  filter: { type: 'string', multiple: true },
  'page-size': { type: 'string' },
  'max-page-bytes': { type: 'string' },
  'max-pages': { type: 'string' },
  'allow-http': { type: 'boolean' },
  format: { type: 'string' },
  raw: { type: 'boolean' },
  normalized: { type: 'boolean' },
  redact: { type: 'string', multiple: true },
  id: { type: 'string', multiple: true },
  out: { type: 'string' },
  sources: { type: 'string' },
  field: { type: 'string', multiple: true },
  history: { type: 'boolean' },
  rules: { type: 'string' },
  finding: { type: 'string' },
  pdf: { type: 'boolean' },
  trace: { type: 'string', multiple: true },
  diff: { type: 'string', multiple: true },
  title: { type: 'string' },
  'no-findings': { type: 'boolean' },
  'max-record-bytes': { type: 'string' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

export interface CommandContext {
  engine: EngineClient;
  /** The first argument after the command: a case folder (an export folder for verify). */
  casePath: string;
  /** The arguments after it. */
  rest: string[];
  v: Values;
}

export interface Command {
  name: string;
  /** Its lines of the help text, starting with the command line after "auditdesk". */
  usage: string;
  /** The engine builds the full-text index in the background (serve); other commands leave it to search. */
  indexInBackground?: boolean;
  run(ctx: CommandContext): Promise<number>;
}
