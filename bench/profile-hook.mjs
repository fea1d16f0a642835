// Preload for profiling the real CLI with every thread: `node --cpu-prof --import ./bench/profile-hook.mjs out/main/cli.js ...`
// with AUDITDESK_PROF_DIR set. The engine starts its worker threads with an explicit execArgv, which
// drops the parent's --cpu-prof; this wraps worker_threads.Worker (in every thread, since the hook
// preloads itself into each worker) so each thread writes its own .cpuprofile into that folder.
import wt from 'node:worker_threads';
import { syncBuiltinESMExports } from 'node:module';

const dir = process.env.AUDITDESK_PROF_DIR;
const Original = wt.Worker;
if (dir && !Original.profiledByBench) {
  const extra = ['--cpu-prof', `--cpu-prof-dir=${dir}`, '--import', import.meta.url];
  class ProfiledWorker extends Original {
    static profiledByBench = true;
    constructor(file, options = {}) {
      if (options.execArgv) {
        const execArgv = [...options.execArgv];
        if (!execArgv.includes('--cpu-prof')) execArgv.push(...extra);
        options = { ...options, execArgv };
      }
      super(file, options);
    }
  }
  wt.Worker = ProfiledWorker;
  syncBuiltinESMExports();
}
