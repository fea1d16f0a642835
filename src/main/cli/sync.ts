// `auditdesk sync`: pull a vendor's audit log over its API into a case; the token never comes from argv.
import { plainHttpWarning } from '../../shared/sync-transport';
import { syncSourceName, type SyncReport, type SyncSettings } from '../../shared/sync';
import { UsageError, type Command } from './command';
import { intOption, out } from './output';
import { syncProgressPrinter, syncRetryLine } from './progress';
import { readToken } from './token-prompt';
import { syncParams, syncVendorsHelp } from './sync-vendors';

/** The engine names settings, not flags: the CLI says which of its flags sets them. */
function flagHint(message: string): string {
  if (message.includes('allow plain http for this source')) return ' (--allow-http)';
  if (message.includes('give a start time (since)')) return ' (--since T)';
  return '';
}

function humanSyncReport(r: SyncReport): string {
  const lines = [
    `${r.source}: ${r.finished ? 'finished' : 'NOT finished'} (${r.mode}): ${r.pages} pages, ${r.received} events received, ` +
      `${r.new} new, ${r.duplicates} duplicates${r.expectedTotal != null ? `, API stated ${r.expectedTotal}` : ''}, ${r.retries} retries` +
      (r.refetched ? `, ${r.refetched} pages re-read after the list moved` : ''),
  ];
  if (r.error) lines.push(`  stopped: ${r.error}`);
  if (r.limitReached) lines.push(`  (raise the limit with ${r.limitReached.kind === 'pages' ? '--max-pages N' : '--max-page-bytes B'})`);
  for (const g of r.gaps) lines.push(`  gap: ${g}`);
  for (const w of r.warnings.slice(0, 5)) lines.push(`  warning ${w}`);
  return lines.join('\n');
}

export const syncCommand: Command = {
  name: 'sync',
  usage: `sync CASE --vendor V --base-url URL [--org ID] [--param NAME=VALUE]... [--path P] [--name N]
                    [--token-env VAR] [--since T] [--filter k=v]... [--page-size N] [--max-page-bytes B]
                    [--max-pages N] [--allow-http] [--json]
                    V, and what its path needs:
${syncVendorsHelp('                      ')}
                    The token comes from the environment variable VAR, or a prompt on a terminal;
                    never from the command line.
                    Caps: B bytes per response (default 64 MiB), N pages per run (default 100000).
                    --allow-http: send the token over plain http:// to another machine (refused otherwise).`,
  async run({ engine, casePath, v }) {
    if (!v.vendor) throw new UsageError('sync needs --vendor');
    if (!v['base-url']) throw new UsageError('sync needs --base-url');
    // No prototype: a NAME of "__proto__" is a name like any other, not a way to reach Object.prototype.
    const filters: Record<string, string> = Object.create(null) as Record<string, string>;
    for (const f of v.filter ?? []) {
      const eq = f.indexOf('=');
      if (eq <= 0) throw new UsageError(`--filter takes NAME=VALUE, got "${f}"`);
      const name = f.slice(0, eq);
      if (Object.hasOwn(filters, name)) throw new UsageError(`--filter ${name} is given twice`);
      filters[name] = f.slice(eq + 1);
    }
    const params = syncParams(v.vendor, v.org, v.param ?? [], (m) => new UsageError(m));
    const settings: SyncSettings = {
      vendor: v.vendor,
      baseUrl: v['base-url'],
      ...(v.name ? { name: v.name } : {}),
      ...(Object.keys(params).length ? { params } : {}),
      ...(v.path ? { path: v.path } : {}),
      ...(v.since ? { since: v.since } : {}),
      ...(Object.keys(filters).length ? { filters } : {}),
      ...(v['page-size'] ? { pageSize: intOption(v['page-size'], 'page-size') } : {}),
      ...(v['allow-http'] ? { allowHttp: true } : {}),
    };
    const limits = { maxPageBytes: intOption(v['max-page-bytes'], 'max-page-bytes'), maxPages: intOption(v['max-pages'], 'max-pages') };
    const token = await readToken(v['token-env'], syncSourceName(settings));
    await engine.api.openCase({ path: casePath, create: true });
    const bar = syncProgressPrinter();
    const off = engine.onEvent((e) => e.type === 'syncProgress' && (syncRetryLine(e.source, e.progress), bar(e.progress, e.done)));
    const clear = plainHttpWarning(settings.baseUrl);
    if (clear && settings.allowHttp) process.stderr.write(`auditdesk: warning: ${clear}\n`);
    const report = await engine.api.runSync({ settings, token, limits }).catch((e: Error) => {
      throw new Error(`${e.message}${flagHint(e.message)}`);
    });
    off();
    out(Boolean(v.json), report, () => humanSyncReport(report));
    return report.error ? 1 : 0;
  },
};
