import { spawn, type ChildProcess } from 'node:child_process';
import { fromRoot } from '../../src/store/paths';

export interface RunningCli {
  child: ChildProcess;
  /** Each dialect's own URL and the gateway's, as the banner prints them. */
  urls: Record<string, string>;
  output: string[];
}

/** Starts the built CLI and resolves once its banner is out (the line naming the admin user). */
export function startCli(args: string[]): Promise<RunningCli> {
  const child = spawn(process.execPath, [fromRoot('dist', 'src', 'cli.js'), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  return new Promise((resolve, reject) => {
    const urls: Record<string, string> = {};
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output.push(chunk);
      for (const m of chunk.matchAll(/(\w+)\s+(http:\/\/\S+)\s+also (http:\/\/\S+)/g)) {
        urls[m[1]] = m[2];
        urls.gateway = m[3].replace(`/${m[1]}`, '');
      }
      if (output.join('').includes('admin user')) resolve({ child, urls, output });
    });
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => output.push(chunk));
    child.once('exit', (code) => reject(new Error(`polypaas exited with ${code}: ${output.join('')}`)));
  });
}

/** Resolves with the exit code once the process has ended. */
export const exited = (child: ChildProcess) => new Promise<number | null>((resolve) => {
  if (child.exitCode !== null) resolve(child.exitCode);
  else child.once('exit', (code) => resolve(code));
});

/** Stops a CLI started by a test and waits for it to be gone. */
export async function stopCli(cli: RunningCli | undefined): Promise<void> {
  if (!cli || cli.child.exitCode !== null) return;
  const gone = exited(cli.child);
  cli.child.kill('SIGTERM');
  await gone;
}
