import { request } from 'node:http';
import { VIOLATIONS_HEADER } from '../../src/http/mountDialect';

/**
 * POSTs a form and returns the reply's body chunk by chunk, as the client received them: a test sees
 * that a log line went out before the work ended. Fails on a non-200 and on a strict-mode violation
 * (a header, or the trailer a streamed reply carries it in).
 */
export function streamChunks(base: string, path: string, form: string, token: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), {
      method: 'POST',
      headers: { Authorization: `bearer ${token}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    }, (res) => {
      const chunks: string[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => chunks.push(chunk));
      res.on('end', () => {
        const name = VIOLATIONS_HEADER.toLowerCase();
        const violations = res.headers[name] ?? res.trailers[name];
        if (res.statusCode !== 200 || violations) reject(new Error(`${res.statusCode} ${String(violations ?? '')} ${chunks.join('')}`));
        else resolve(chunks);
      });
    });
    req.on('error', reject);
    req.end(form);
  });
}
