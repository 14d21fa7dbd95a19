import type { IncomingMessage } from 'node:http';
import busboy from 'busboy';
import { ProblemError, type BodyFormats, type UploadedFile } from '../../dialects/types';
import { isJsonType, mediaType } from './reply';

/** A request body as its wire format gave it, before any schema has read it. */
export type RawBody =
  | { kind: 'none' }
  | { kind: 'json'; value: unknown }
  | { kind: 'form'; fields: [string, string][]; files: UploadedFile[] };

export type BodyFormat = 'json' | 'urlencoded' | 'multipart';

export const FORMAT_MEDIA_TYPE: Record<BodyFormat, string> = {
  json: 'application/json', urlencoded: 'application/x-www-form-urlencoded', multipart: 'multipart/form-data',
};

/** Whether the request carries a body at all (a length above zero, or chunked). */
export const hasBody = (req: IncomingMessage) =>
  Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;

/** The wire format the request is in, as the server's formats read it; undefined when it parses none of them. */
export function formatOf(req: IncomingMessage, formats: BodyFormats): BodyFormat | undefined {
  const type = mediaType(req.headers['content-type'] ?? '');
  if (isJsonType(type)) return formats.json ? 'json' : undefined;
  if (type === FORMAT_MEDIA_TYPE.urlencoded) return formats.urlencoded ? 'urlencoded' : undefined;
  if (type === FORMAT_MEDIA_TYPE.multipart) return formats.multipart ? 'multipart' : undefined;
  return formats.otherTypes === 'urlencoded' ? 'urlencoded' : undefined;
}

const tooLarge = (limit: number) => new ProblemError({ kind: 'body_too_large', limit });
const malformed = (detail: string) => new ProblemError({ kind: 'malformed_body', detail });

/**
 * Reads the body in the given format, holding it to `limit` bytes, and parses it. Every failure is a
 * ProblemError (malformed, too large, truncated), never a bare parser error.
 */
export async function readBody(req: IncomingMessage, format: BodyFormat, limit: number): Promise<RawBody> {
  if (format === 'multipart') return readMultipart(req, limit);
  const text = (await readAll(req, limit)).toString('utf8');
  if (format === 'urlencoded') return { kind: 'form', fields: [...new URLSearchParams(text)], files: [] };
  if (text.trim() === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch (error) {
    throw malformed((error as Error).message);
  }
}

function readAll(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners('data');
        req.resume();
        reject(tooLarge(limit));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('aborted', () => reject(malformed('the request was aborted')));
    req.on('error', (error) => reject(malformed(error.message)));
  });
}

function readMultipart(req: IncomingMessage, limit: number): Promise<RawBody> {
  return new Promise((resolve, reject) => {
    const fields: [string, string][] = [];
    const files: UploadedFile[] = [];
    let size = 0;
    let failed = false;
    const fail = (problem: ProblemError) => {
      if (failed) return;
      failed = true;
      req.unpipe(parser);
      req.resume();
      reject(problem);
    };
    let parser: ReturnType<typeof busboy>;
    try {
      parser = busboy({ headers: req.headers, limits: { fieldSize: limit, fileSize: limit }, defParamCharset: 'utf8' });
    } catch (error) {
      reject(malformed((error as Error).message));
      return;
    }
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) fail(tooLarge(limit));
    });
    parser.on('field', (name, value, info) => (info.valueTruncated ? fail(tooLarge(limit)) : fields.push([name, value])));
    parser.on('file', (field, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => fail(tooLarge(limit)));
      stream.on('end', () => files.push({ field, filename: info.filename, contentType: info.mimeType, data: Buffer.concat(chunks) }));
    });
    // busboy reports a body cut short ("Unexpected end of form") as an error: the body is malformed.
    parser.on('error', (error) => fail(malformed(error.message)));
    parser.on('close', () => failed || resolve({ kind: 'form', fields, files }));
    req.on('aborted', () => fail(malformed('the request was aborted')));
    req.pipe(parser);
  });
}
