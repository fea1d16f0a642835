// `auditdesk <command>`: a thin shell over the engine worker. Every command takes --json and then
// prints exactly one JSON document on stdout; human output and progress go elsewhere.
import { parseArgs } from 'node:util';
import { EngineClient } from '../engine/worker/engine-client';
import { OPTIONS, UsageError } from './command';
import { COMMANDS, USAGE } from './commands';

/** `--q -actor:x`: a query may start with "-" (NOT), which parseArgs would take for an option. */
function joinQueryArgs(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) out.push(argv[i] === '--q' && i + 1 < argv.length ? `--q=${argv[++i]}` : argv[i]);
  return out;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: joinQueryArgs(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    process.stderr.write(`auditdesk: ${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values: v, positionals } = parsed;
  const [command, casePath, ...rest] = positionals;
  if (v.help || !command || command === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return command || v.help ? 0 : 2;
  }
  const cmd = COMMANDS.find((c) => c.name === command);
  if (!cmd) {
    process.stderr.write(`auditdesk: unknown command "${command}"\n${USAGE}\n`);
    return 2;
  }
  if (!casePath) {
    process.stderr.write(`auditdesk: ${command} needs CASE\n${USAGE}\n`);
    return 2;
  }
  const engine = new EngineClient({ indexInBackground: cmd.indexInBackground });
  const told = new Set<string>();
  engine.onEvent((e) => {
    // What opening the case found and set aside, losing nothing saved (annotations.jsonl): once each.
    for (const w of e.type === 'caseChanged' ? (e.info?.warnings ?? []) : []) {
      if (!told.has(w)) process.stderr.write(`auditdesk: warning: ${w}\n`);
      told.add(w);
    }
  });
  try {
    return await cmd.run({ engine, casePath, rest, v });
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`auditdesk: ${e.message}\n${USAGE}\n`);
      return 2;
    }
    const msg = (e as Error).message;
    if (v.json) process.stdout.write(`${JSON.stringify({ error: msg })}\n`);
    process.stderr.write(`auditdesk: ${msg}\n`);
    return 1;
  } finally {
    await engine.close().catch(() => undefined);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
