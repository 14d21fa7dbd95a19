import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';

export interface PostResult {
  statusCode: number | null;
  responseBody: string;
  error: string | null;
  /** The target was refused before any byte was sent (it is the emulator's own admin API). */
  refused: boolean;
}

export interface PostOptions {
  /** Time the whole attempt may take, from connecting to the response's last byte. */
  deadlineMs: number;
  headers: Record<string, string>;
  lookup?: LookupFunction;
  /** Aborts the attempt when the dispatcher closes. */
  signal: AbortSignal;
}

/** How much of a response body is kept for the delivery log; the rest is read and thrown away. */
const RESPONSE_KEPT = 2048;

/**
 * One POST of a JSON body, settled exactly once. The deadline is total, not an idle timeout: a
 * receiver that answers one byte every two seconds is cut off like one that never answers.
 */
export function postJson(url: URL, body: string, options: PostOptions): Promise<PostResult> {
  return new Promise((resolve) => {
    let settled = false;
    const done = (result: Omit<PostResult, 'refused'> & { refused?: boolean }) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve({ refused: false, ...result });
      request.destroy();
    };
    const failed = (error: Error & { code?: string }) =>
      done({ statusCode: null, responseBody: '', error: error.message, refused: error.code === 'EADMINTARGET' });
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.request(url, {
      method: 'POST',
      lookup: options.lookup,
      signal: options.signal,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)), ...options.headers },
    }, (response) => {
      const chunks: Buffer[] = [];
      let kept = 0;
      response.on('data', (chunk: Buffer) => {
        if (kept < RESPONSE_KEPT) chunks.push(chunk);
        kept += chunk.length;
      });
      response.on('end', () => done({
        statusCode: response.statusCode ?? null, responseBody: Buffer.concat(chunks).toString('utf8').slice(0, RESPONSE_KEPT), error: null,
      }));
      response.on('error', failed);
    });
    const deadline = setTimeout(() => done({ statusCode: null, responseBody: '', error: `no complete answer within ${options.deadlineMs} ms` }), options.deadlineMs);
    request.on('error', failed);
    request.end(body);
  });
}
