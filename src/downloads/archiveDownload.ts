import http from 'node:http';
import https from 'node:https';
import type { ArchiveDownloader, DownloadOutcome } from '../core/context';
import type { AdminGuard } from '../webhooks/adminGuard';

export interface DownloadOptions {
  /** Time the whole download may take, redirects included (tsuru's client allows 300 s). */
  deadlineMs: number;
  /** Aborts every download under way when the emulator closes, so none outlives it. */
  closed?: AbortSignal;
}

/** Go's http.Client follows at most 10 redirects. */
const MAX_REDIRECTS = 10;

/**
 * The deploy's archive downloader: a GET over http or https, redirects followed, each hop checked by
 * the webhooks' admin guard (the literal host first, then every address a name resolves to), the body
 * cut off past the size limit, and one deadline for it all. Never rejects: every failure is an outcome.
 */
export function archiveDownloader(guard: AdminGuard, options: DownloadOptions): ArchiveDownloader {
  return async (url, limitBytes) => {
    const abort = new AbortController();
    const deadline = setTimeout(() => abort.abort(), options.deadlineMs);
    const stop = () => abort.abort();
    options.closed?.addEventListener('abort', stop, { once: true });
    try {
      let target = url;
      for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
        const result = await get(guard, target, limitBytes, abort.signal);
        if (!('redirect' in result)) return result;
        target = result.redirect;
      }
      return { ok: false, reason: 'unreachable', detail: `stopped after ${MAX_REDIRECTS} redirects` };
    } catch (error) {
      if (abort.signal.aborted) return { ok: false, reason: 'deadline', ms: options.deadlineMs };
      return { ok: false, reason: 'unreachable', detail: (error as Error).message };
    } finally {
      clearTimeout(deadline);
      options.closed?.removeEventListener('abort', stop);
    }
  };
}

/** One hop: the outcome, or where a redirect points. Network errors reject. */
function get(guard: AdminGuard, raw: string, limitBytes: number, signal: AbortSignal): Promise<DownloadOutcome | { redirect: string }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch (error) {
    return Promise.resolve({ ok: false, reason: 'unreachable', detail: (error as Error).message });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return Promise.resolve({ ok: false, reason: 'scheme', scheme: url.protocol.replace(/:$/, '') });
  if (guard.refusalFor(url)) return Promise.resolve({ ok: false, reason: 'refused' });
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const request = transport.get(url, { lookup: guard.lookupFor(url), signal }, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        resolve({ redirect: new URL(response.headers.location, url).toString() });
        return;
      }
      if (status < 200 || status > 299) {
        response.resume();
        resolve({ ok: false, reason: 'status', status });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > limitBytes) {
          resolve({ ok: false, reason: 'too_large', limit: limitBytes });
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () => resolve(size ? { ok: true, data: Buffer.concat(chunks) } : { ok: false, reason: 'empty' }));
      response.on('error', reject);
    });
    request.on('error', (error: Error & { code?: string }) => {
      if (error.code === 'EADMINTARGET') resolve({ ok: false, reason: 'refused' });
      else reject(error);
    });
  });
}
