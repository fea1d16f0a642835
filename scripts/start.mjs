// `npm start`: the Electron app where its binary exists; otherwise the same UI served on 127.0.0.1.
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { electronBinary, ensureBuild, ensureNodeModules, root } from './ensure-deps.mjs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log(`Usage: npm start [-- CASE]

Opens CASE, a case folder (created when missing; default: $AUDITDESK_CASE, else
~/AuditDesk/scratch.auditdesk), in the AuditDesk app. Where no Electron binary can be had, serves the
same UI at http://127.0.0.1:PORT/?token=... instead (PORT from the environment, default 7420; stop with
Ctrl+C). Open the address it prints: the token is new each run, and the page needs it.
Everything else the command line does (serve's folders and upload limit too): node bin/auditdesk.js --help`);
  process.exit(0);
}

ensureNodeModules();
ensureBuild();

const casePath = args.find((a) => !a.startsWith('-')) ?? process.env.AUDITDESK_CASE ?? path.join(os.homedir(), 'AuditDesk', 'scratch.auditdesk');
const bin = electronBinary();
if (bin) {
  const child = spawn(bin, [root, casePath], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log(
    `No Electron binary on this machine (node_modules/electron has none; it cannot be downloaded here), so AuditDesk serves the same UI in your browser instead:`,
  );
  const require = createRequire(import.meta.url);
  const port = process.env.PORT ?? '7420';
  const code = await require(path.join(root, 'out/main/cli.js')).main(['serve', casePath, '--port', port]);
  process.exit(code);
}
