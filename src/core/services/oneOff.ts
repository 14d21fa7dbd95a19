import type { RunResult, VariableValue } from '../model';

/**
 * What a one-off command prints. Nothing really runs in an emulator, so a few shell builtins are
 * answered from the app's config (its environment) and anything else fails the way a shell would:
 * clients see real exit codes and output that depends on state, never a canned string.
 */
export function simulateCommand(command: string, env: Record<string, VariableValue>): RunResult {
  const [name = '', ...args] = command.trim().split(/\s+/);
  switch (name) {
    case 'echo':
      return { rc: 0, output: `${args.map((a) => expand(a, env)).join(' ')}\n` };
    case 'env':
    case 'printenv':
      if (args.length) return Object.hasOwn(env, args[0]) ? { rc: 0, output: `${env[args[0]]}\n` } : { rc: 1, output: '' };
      return { rc: 0, output: Object.entries(env).map(([k, v]) => `${k}=${v}\n`).join('') };
    case 'true':
      return { rc: 0, output: '' };
    case 'false':
      return { rc: 1, output: '' };
    case 'exit':
      return { rc: Number.parseInt(args[0] ?? '0', 10) & 255 || 0, output: '' };
    default:
      return { rc: 127, output: `/bin/sh: 1: ${name}: not found\n` };
  }
}

/** Expands $NAME and ${NAME} from the environment, and drops surrounding quotes, as sh would. */
function expand(word: string, env: Record<string, VariableValue>): string {
  const unquoted = word.replace(/^(['"])(.*)\1$/, '$2');
  if (word.startsWith("'")) return unquoted;
  return unquoted.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, key: string) => (Object.hasOwn(env, key) ? String(env[key]) : ''));
}
