import type { IncomingHttpHeaders } from 'node:http';
import type { Reply } from '../types';

/**
 * The two controller API versions polypaas answers as: 1.0 (controller v1.0.1, whose Python client
 * sends `X-Deis-Version: 1.0` on every request) and 1.7 (controller v1.13.4, whose Go client sends no
 * version header at all). Where the two controllers answer differently, the request's version decides.
 */
export type DeisApiVersion = '1.0' | '1.7';

const OLDEST: DeisApiVersion = '1.0';
/** What a request without a version header gets: the last v1 controller's answers. */
const LATEST: DeisApiVersion = '1.7';

/** The version a request is answered as; an announced version polypaas does not serve answers as the latest. */
export function requestVersion(headers: IncomingHttpHeaders): DeisApiVersion {
  return headers['x-deis-version'] === OLDEST ? OLDEST : LATEST;
}

/** The later controller's own check reads `Deis-Version` and compares only the major version. */
const LATEST_MAJOR = '1';

const mismatch = (client: string, server: string): Reply => ({
  status: 405,
  body: { error: `Client and server versions do not match. Client version: ${client} Server version: ${server}` },
});

/**
 * Both controllers' APIVersionMiddleware, before anything else happens. v1.0.1 reads `X-Deis-Version`
 * and wants its major.minor: polypaas turns away an announced version that neither served controller
 * has. v1.13.4 ignores that header (so it serves a 1.0 client) and reads `Deis-Version` instead,
 * which must be its major version, `1`.
 */
export function refuseUnservedVersion(headers: IncomingHttpHeaders): Reply | undefined {
  const announced = headers['x-deis-version'];
  if (announced !== undefined && announced !== OLDEST && announced !== LATEST) return mismatch(String(announced), LATEST);
  const major = headers['deis-version'];
  if (major !== undefined && major !== LATEST_MAJOR) return mismatch(String(major), LATEST_MAJOR);
  return undefined;
}

/** Every reply names the API version it was answered as, errors included. */
export const withVersionHeader = (reply: Reply, headers: IncomingHttpHeaders): Reply =>
  ({ ...reply, headers: { ...reply.headers, DEIS_API_VERSION: requestVersion(headers) } });
