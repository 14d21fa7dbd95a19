import type { RequestHandler } from 'express';
import { ProblemError } from '../../dialects/types';

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Placed after a dialect's body parsers: a body that none of them took (another media type) is
 * refused as unsupported, in the dialect's own format, instead of reaching the handler as no body.
 */
export const refuseUnparsedBody: RequestHandler = (req, _res, next) => {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (BODY_METHODS.has(req.method) && hasBody && req.body === undefined) {
    return next(new ProblemError({ kind: 'unsupported_media_type', contentType: req.headers['content-type'] ?? '' }));
  }
  next();
};
