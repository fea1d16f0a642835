#!/usr/bin/env node
// Entry of `npx auditdesk`: make sure the build is there, then hand over to the CLI.
const { ensureBuild } = require('../scripts/ensure-build.cjs');

try {
  ensureBuild();
} catch (e) {
  process.stderr.write(`${e.message}\n`);
  process.exit(1);
}
require('../out/main/cli.js')
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
