import type { Response } from 'express';
import type { Reply } from '../../dialects/types';

export const isJsonType = (type: string) => /^application\/([\w.+-]+\+)?json\b/.test(type);

/** The media type without parameters, lower-cased: "text/plain; charset=utf-8" -> "text/plain". */
export const mediaType = (type: string) => type.split(';')[0].trim().toLowerCase();

/**
 * Writes a reply exactly as given: the status, the headers, the content type byte for byte (real
 * clients compare it with ==), and the body serialised for JSON types or sent as is for text.
 */
export function writeReply(res: Response, reply: Reply): void {
  const head = headList(reply);
  if (reply.body === undefined) {
    res.writeHead(reply.status, head).end();
    return;
  }
  const type = reply.contentType ?? 'application/json';
  const text = typeof reply.body === 'string' && !isJsonType(mediaType(type)) ? reply.body : JSON.stringify(reply.body);
  // A known length, as Django, Go and Flask send it: no chunked framing, and head and body leave in one write.
  head.push('Content-Type', type, 'Content-Length', String(Buffer.byteLength(text)));
  res.writeHead(reply.status, head).end(text);
}

/** A reply's own headers as the flat list `writeHead` takes, every header in one call: Node then skips building its header map. */
export function headList(reply: Reply): string[] {
  const head: string[] = [];
  for (const name in reply.headers) head.push(name, String(reply.headers[name]));
  return head;
}
