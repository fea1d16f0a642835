// The bundled Sigma rules over a case of N events the rules apply to. The generated benchmark file is
// of the five API vendors, which no bundled rule targets, so this builds its own case: the corpus's
// real CloudTrail, Okta, Azure, Entra ID, GCP, GitHub, M365 and Google Workspace records, repeated up to
// N events in one file per vendor (each copy with its own sequence number, so none is a duplicate).
// Prints one JSON document on stdout: the best of --repeat runs and each run's times. The column warm-up
// that opening a case starts is timed apart (openMs), before detection. AD_DETECT_FAST=0 measures the
// reference path (every record parsed, every rule tried) instead of the fast one; AD_DETECT_WORKER=0 the
// fast path in one thread.
//   node --import tsx bench/measure-detect.ts [--events 1000000] [--keep DIR] [--repeat 1]
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ms } from './bench-cli';
import { Engine } from '../src/main/engine/engine';

const { values } = parseArgs({ options: { events: { type: 'string' }, keep: { type: 'string' }, repeat: { type: 'string' } } });
const EVENTS = Number(values.events ?? 1_000_000);
const REPEAT = Math.max(1, Number(values.repeat ?? 1));
const CORPUS = path.join(__dirname, '..', 'test', 'fixtures', 'corpus');

/** Corpus files by the share of the case they make up (CloudTrail dominates real cloud cases). */
const MIX: [string, number][] = [
  ['aws_cloudtrail/ec2_proxy_s3_exfiltration_2020-09-14011940.json', 0.5],
  ['okta/elastic_okta_system_events.log', 0.1],
  ['azure_activity/plaso_azure_activity_log.jsonl', 0.1],
  ['entra_id_signin/elastic_azure_signinlogs_raw.log', 0.1],
  ['gcp_audit/plaso_gcp_logging.jsonl', 0.08],
  ['github/elastic_github_enterprise_audit.log', 0.06],
  ['m365_unified_audit/plaso_microsoft_audit_log.jsonl', 0.03],
  ['google_workspace/elastic_gws_admin_updated.log', 0.03],
];

function writeRepeated(src: string, count: number, out: string): void {
  const recs = fs
    .readFileSync(path.join(CORPUS, src), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const fd = fs.openSync(out, 'w');
  try {
    let buf: string[] = [];
    for (let i = 0; i < count; i++) {
      buf.push(JSON.stringify({ ...recs[i % recs.length], benchSeq: i }));
      if (buf.length === 10_000) {
        fs.writeSync(fd, `${buf.join('\n')}\n`);
        buf = [];
      }
    }
    if (buf.length) fs.writeSync(fd, `${buf.join('\n')}\n`);
  } finally {
    fs.closeSync(fd);
  }
}

async function main() {
  const dir = values.keep ?? fs.mkdtempSync(path.join(os.tmpdir(), 'auditdesk-bench-detect-'));
  fs.mkdirSync(dir, { recursive: true });
  try {
    const files = MIX.map(([src, share], i) => {
      const file = path.join(dir, `${path.basename(path.dirname(src))}.jsonl`);
      const n = i === 0 ? EVENTS - MIX.slice(1).reduce((s, [, w]) => s + Math.round(EVENTS * w), 0) : Math.round(EVENTS * share);
      if (!fs.existsSync(file)) writeRepeated(src, n, file);
      return file;
    });
    const engine = new Engine();
    const casePath = path.join(dir, 'detect.auditdesk');
    const fresh = !fs.existsSync(casePath);
    let t0 = process.hrtime.bigint();
    await engine.openCase({ path: casePath, create: true });
    // Opening a case warms the column engine in the next turn: done here, so detection is timed alone.
    await new Promise((res) => setImmediate(res));
    const openMs = ms(t0);
    t0 = process.hrtime.bigint();
    if (fresh) await engine.importFiles({ paths: files });
    const importMs = ms(t0);
    const runs: { detectMs: number; detectCpuMs: number }[] = [];
    let r: Awaited<ReturnType<Engine['detect']>> | null = null;
    for (let i = 0; i < REPEAT; i++) {
      t0 = process.hrtime.bigint();
      // CPU time too: on a shared machine the wall time says more about the neighbours than about this.
      const cpu0 = process.cpuUsage();
      r = await engine.detect({});
      const detectMs = ms(t0);
      const cpu = process.cpuUsage(cpu0);
      runs.push({ detectMs, detectCpuMs: (cpu.user + cpu.system) / 1000 });
    }
    engine.close();
    const ran = r!.rules.filter((x) => !x.skipped);
    const best = runs.reduce((a, b) => (b.detectMs < a.detectMs ? b : a));
    const out = {
      events: r!.events,
      rules: r!.rules.length,
      ran: ran.length,
      rulesHit: ran.filter((x) => x.hits > 0).length,
      hits: ran.reduce((s, x) => s + x.hits, 0),
      path: process.env.AD_DETECT_FAST === '0' ? 'reference' : process.env.AD_DETECT_WORKER === '0' ? 'fast, one thread' : 'fast',
      detectMs: best.detectMs,
      detectCpuMs: best.detectCpuMs,
      runs,
      openMs,
      importMs,
      peakRssBytes: process.memoryUsage().rss,
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    if (!values.keep) fs.rmSync(dir, { recursive: true, force: true });
  }
}
void main();
