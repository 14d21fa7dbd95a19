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
  res.status(reply.status);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  if (reply.body === undefined) {
    res.end();
    return;
  }
  const type = reply.contentType ?? 'application/json';
  res.setHeader('Content-Type', type);
  const text = typeof reply.body === 'string' && !isJsonType(mediaType(type)) ? reply.body : JSON.stringify(reply.body);
  // A known length, as Django, Go and Flask send it: no chunked framing, and head and body leave in one write.
  res.setHeader('Content-Length', Buffer.byteLength(text));
  res.end(text);
}
