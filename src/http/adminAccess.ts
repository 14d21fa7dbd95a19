import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';

/** The admin token the emulator uses when it needs one and none was given; printed in the banner. */
export const DEFAULT_ADMIN_TOKEN = 'polypaas-admin-api-token';

const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|::1|\[::1\]|::ffff:127(\.\d{1,3}){3})$/i;

/** Whether listening on `host` keeps the servers to this machine (anything else is the network). */
export const isLoopbackHost = (host: string): boolean => LOOPBACK_HOST.test(host);

/**
 * The admin token the admin API requires, or undefined when it stays open: a token given explicitly
 * is always required; otherwise only a server listening beyond loopback needs one, the default.
 */
export function adminTokenFor(host: string, given: string | undefined): string | undefined {
  if (given !== undefined && given !== '') return given;
  return isLoopbackHost(host) ? undefined : DEFAULT_ADMIN_TOKEN;
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Refuses admin requests without `Authorization: Bearer <token>`, comparing in constant time. */
export function requireAdminToken(token: string): RequestHandler {
  const expected = digest(token);
  return (req, res, next) => {
    const match = /^bearer\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
    if (match && timingSafeEqual(digest(match[1]), expected)) {
      next();
      return;
    }
    res.status(401).set('WWW-Authenticate', 'Bearer realm="polypaas-admin"').json({
      error: 'the admin API needs Authorization: Bearer <admin token> (see --admin-token and the start-up banner)',
    });
  };
}
