import type { ServerResponse } from 'node:http';
import type { Reply } from '../../dialects/types';
import { headList } from './reply';
import type { StreamFraming } from './strict';

export interface StreamChecks {
  /** Strict mode's framing check; its violations go out as a trailer, the status being sent already. */
  framing?: StreamFraming;
  trailerName: string;
  /** The last chunk for a producer that failed after the stream began (the dialect's error framing). */
  onError(error: unknown): string | undefined;
}

/**
 * Writes a streamed reply: status and headers at once, then every chunk as the producer yields it.
 * When the client goes away the signal aborts and the producer is asked for no more chunks (its
 * `finally` runs), so `log?follow=1` stops with its reader.
 */
export async function writeStream(res: ServerResponse, reply: Reply, checks: StreamChecks): Promise<void> {
  const head = headList(reply);
  if (reply.contentType) head.push('Content-Type', reply.contentType);
  if (checks.framing) head.push('Trailer', checks.trailerName);
  // What the producer yields in one go leaves in one write: each chunk written alone cost a syscall and
  // woke the reader once per line. The socket is corked until the event loop's next turn, so the head
  // and a burst of lines go out together, and a chunk the producer waits for still goes out at once.
  let corked = false;
  const coalesce = () => {
    if (corked) return;
    corked = true;
    res.cork();
    setImmediate(() => {
      corked = false;
      res.uncork();
    });
  };
  coalesce();
  res.writeHead(reply.status, head).flushHeaders();
  const aborted = new AbortController();
  const onClose = () => aborted.abort();
  res.on('close', onClose);
  const write = (chunk: string | Uint8Array) => {
    checks.framing?.feed(chunk);
    coalesce();
    res.write(chunk);
  };
  try {
    for await (const chunk of reply.stream!(aborted.signal)) {
      if (aborted.signal.aborted) break;
      write(chunk);
    }
  } catch (error) {
    const last = aborted.signal.aborted ? undefined : checks.onError(error);
    if (last !== undefined) write(last);
  } finally {
    res.off('close', onClose);
  }
  if (aborted.signal.aborted || res.destroyed) return;
  const problems = checks.framing?.end() ?? [];
  if (problems.length) res.addTrailers({ [checks.trailerName]: JSON.stringify(problems) });
  res.end();
}
