// Reads an API token for the CLI: from the environment variable the user named, or typed at a
// terminal prompt without echo. Never from argv (it would sit in shell history and `ps`).
import readline from 'node:readline';

export async function readToken(envVar: string | undefined, source: string): Promise<string> {
  if (envVar) {
    const v = process.env[envVar];
    if (!v) throw new Error(`environment variable ${envVar} is not set or empty (it should hold the token for ${source})`);
    return v.trim();
  }
  if (!process.stdin.isTTY || !process.stderr.isTTY) {
    throw new Error(`no token for ${source}: pass --token-env VAR naming an environment variable that holds it, or run on a terminal to be asked`);
  }
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  // Mute echo: readline writes what is typed through _writeToOutput.
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let prompted = false;
  out._writeToOutput = (s: string) => {
    if (!prompted) out.output.write(s);
  };
  const answer = await new Promise<string>((resolve) => {
    rl.question(`API token for ${source} (not echoed): `, resolve);
    prompted = true;
  });
  rl.close();
  process.stderr.write('\n');
  if (!answer.trim()) throw new Error(`no token entered for ${source}`);
  return answer.trim();
}
