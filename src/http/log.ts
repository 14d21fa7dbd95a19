export type LogLevel = 'silent' | 'error' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };
export const LOG_LEVELS = Object.keys(RANK) as LogLevel[];

/** A minimal leveled logger: errors to stderr, the rest to stdout. Silent unless asked (the CLI asks for info). */
export function createLogger(level: LogLevel) {
  const enabled = (at: LogLevel) => RANK[at] <= RANK[level];
  const write = (at: LogLevel) => (message: string) => {
    if (enabled(at)) (at === 'error' ? process.stderr : process.stdout).write(`[polypaas] ${message}\n`);
  };
  return { enabled, error: write('error'), info: write('info'), debug: write('debug') };
}
