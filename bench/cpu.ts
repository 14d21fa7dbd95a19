import { readFileSync } from 'node:fs';

/** Linux's clock ticks a second for /proc's CPU times (USER_HZ, 100 on every common kernel). */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time a process has used so far, user and system, in ms; undefined where there is no /proc
 * (macOS, Windows) or the process is gone. Unlike a rate, it does not move with the load generator's
 * share of the machine, nor with time the host takes from the VM.
 */
export function cpuMsOf(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    // The fields after the command name's closing parenthesis; utime and stime are the 12th and 13th of them.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
