export type LogLevel = 'silent' | 'error' | 'info' | 'debug';

const RANK: Record<LogLevel, number> = { silent: 0, error: 1, info: 2, debug: 3 };
export const LOG_LEVELS = Object.keys(RANK) as LogLevel[];

/** Where log lines go: stdout and stderr, or anything that takes text (a test's sink). */
export interface LogSinks {
  out: { write(text: string): unknown };
  err: { write(text: string): unknown };
}

/** Debug lines wait this long at most, or until this many bytes are waiting, before one write. */
const DEBUG_FLUSH_MS = 100;
const DEBUG_FLUSH_BYTES = 64 * 1024;

/**
 * A minimal leveled logger: errors to stderr, the rest to stdout. Silent unless asked (the CLI asks
 * for info). Debug writes one line per request, and a write to a pipe or a file blocks the event loop
 * on Linux, so debug lines are batched into one write per 100 ms (or 64 KiB); `flush` writes what
 * waits, and the emulator calls it when it closes. Errors and info lines are rare and written at once.
 */
export function createLogger(level: LogLevel, sinks: LogSinks = { out: process.stdout, err: process.stderr }) {
  const enabled = (at: LogLevel) => RANK[at] <= RANK[level];
  let pending: string[] = [];
  let pendingBytes = 0;
  let timer: NodeJS.Timeout | undefined;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (!pending.length) return;
    const text = pending.join('');
    pending = [];
    pendingBytes = 0;
    sinks.out.write(text);
  };
  const now = (at: LogLevel) => (message: string) => {
    if (enabled(at)) (at === 'error' ? sinks.err : sinks.out).write(`[polypaas] ${message}\n`);
  };
  const debug = (message: string) => {
    if (!enabled('debug')) return;
    const line = `[polypaas] ${message}\n`;
    pending.push(line);
    pendingBytes += line.length;
    if (pendingBytes >= DEBUG_FLUSH_BYTES) flush();
    else timer ??= setTimeout(flush, DEBUG_FLUSH_MS).unref();
  };
  // An info or error line must not overtake debug lines written before it.
  const ordered = (write: (message: string) => void) => (message: string) => {
    flush();
    write(message);
  };
  return { enabled, error: ordered(now('error')), info: ordered(now('info')), debug, flush };
}
