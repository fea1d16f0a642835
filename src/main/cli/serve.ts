// `auditdesk serve`: the UI and the contract on 127.0.0.1, behind a token printed in the URL, with the
// browser's paths kept inside the folders given here (or their defaults).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { UsageError, type Command } from './command';
import { startHttpHost } from '../host/http';
import type { ServeFolders } from '../host/path-guard';
import { DEFAULT_MAX_UPLOAD, formatSize, parseSize } from '../host/uploads';

export const serveCommand: Command = {
  name: 'serve',
  indexInBackground: true,
  usage: `serve CASE [--port N] [--cases DIR] [--imports DIR] [--exports DIR] [--max-upload SIZE] [--json]
                    prints http://127.0.0.1:PORT/?token=...; the page may open cases in DIR (default: CASE's
                    folder), import from DIR (default ~/AuditDesk/imports), export to CASE/exports or DIR;
                    uploads up to SIZE (default 4GiB, or $AUDITDESK_MAX_UPLOAD)`,
  async run({ engine, casePath, v }) {
    const folder = (flag: 'cases' | 'imports' | 'exports'): string | null => {
      const given = v[flag];
      if (given === undefined) return null;
      if (!fs.existsSync(given) || !fs.statSync(given).isDirectory()) throw new UsageError(`--${flag} ${given}: no such folder`);
      return path.resolve(given);
    };
    const sizeText = v['max-upload'] ?? process.env.AUDITDESK_MAX_UPLOAD;
    const maxUploadBytes = sizeText === undefined ? DEFAULT_MAX_UPLOAD : parseSize(sizeText);
    if (maxUploadBytes === null) throw new UsageError(`--max-upload takes a size such as 4GiB, 500MB or 1048576, got "${sizeText}"`);
    const port = v.port === undefined ? undefined : /^\d+$/.test(v.port) ? Number(v.port) : null;
    if (port === null) throw new UsageError(`--port takes a whole number, got "${v.port}"`);
    const folders: ServeFolders = {
      cases: folder('cases') ?? path.dirname(path.resolve(casePath)),
      startCase: path.resolve(casePath),
      imports: folder('imports') ?? path.join(os.homedir(), 'AuditDesk', 'imports'),
      exports: folder('exports'),
    };

    const info = await engine.api.openCase({ path: casePath, create: true });
    const rendererDir = path.join(__dirname, '../renderer');
    if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
      throw new Error(`the UI is not built (${rendererDir}); run npm run build`);
    }
    const host = await startHttpHost({ engine, rendererDir, port, folders, maxUploadBytes }).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EADDRINUSE') throw e;
      throw new Error(
        `port ${port} on 127.0.0.1 is already in use (another AuditDesk?): stop that program, or choose another port with --port N (npm start: PORT=N npm start)`,
      );
    });
    const exportsText = `${path.join(info.path, 'exports')}${folders.exports ? ` and ${folders.exports}` : ''}`;
    process.stdout.write(
      v.json
        ? `${JSON.stringify({ url: host.url, case: info.path, folders: { cases: folders.cases, imports: folders.imports, exports: folders.exports }, maxUploadBytes })}\n`
        : [
            `AuditDesk is serving ${info.path} at ${host.url}`,
            `  Open that address: its token is this run's secret, needed by every request (keep it to yourself).`,
            `  The page may open cases in ${folders.cases}, import files from ${folders.imports} (or upload them,`,
            `  up to ${formatSize(maxUploadBytes)} each), and export to ${exportsText}.`,
            '',
          ].join('\n'),
    );
    await new Promise<void>((resolve) => {
      const stop = () => resolve();
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    await host.close();
    return 0;
  },
};
