#!/usr/bin/env node
// Entry of `npx auditdesk`: make sure the build is there, then hand over to the CLI.
const { ensureBuild } = require('../scripts/ensure-build.cjs');

try {
  ensureBuild();
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
let cli;
try {
  cli = require('../out/main/cli.js');
} catch (e) {
  // A vendor descriptor that does not fit its schema stops the CLI here: its message names the file.
  if (e?.name !== 'DescriptorError') throw e;
  process.stderr.write(`auditdesk: ${e.message}\n`);
  process.exit(1);
}
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
