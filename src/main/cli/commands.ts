// The command table: the order here is the order of the help text, which is generated from it.
import type { Command } from './command';
import { importCommand } from './import';
import { infoCommand } from './info';
import { queryCommand } from './query';
import { annotateCommand } from './annotate';
import { traceCommand } from './trace';
import { diffCommand } from './diff';
import { facetsCommand } from './facets';
import { exportCommand } from './export';
import { verifyCommand } from './verify';
import { serveCommand } from './serve';
import { sqlCommand } from './sql';
import { viewsCommand } from './views';
import { syncCommand } from './sync';
import { detectCommand } from './detect';
import { reportCommand } from './report';

export const COMMANDS: readonly Command[] = [
  importCommand,
  infoCommand,
  queryCommand,
  annotateCommand,
  traceCommand,
  diffCommand,
  facetsCommand,
  exportCommand,
  verifyCommand,
  serveCommand,
  sqlCommand,
  viewsCommand,
  detectCommand,
  reportCommand,
  syncCommand,
];

export const USAGE = [
  'usage:',
  ...COMMANDS.map((c) =>
    c.usage
      .split('\n')
      .map((line, i) => (i === 0 ? `  auditdesk ${line}` : `  ${line}`))
      .join('\n'),
  ),
  'QUERY is the query language, e.g. \'outcome:(failure OR denied) AND -actor:svc-*\' (README, "Query language").',
  'CASE is a case folder (e.g. incident-42.auditdesk); import and serve create it when missing.',
].join('\n');
