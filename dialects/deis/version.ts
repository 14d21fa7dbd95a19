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

/**
 * The controller's APIVersionMiddleware: a client announcing a major.minor that neither served
 * controller has is turned away before anything else happens.
 */
export function refuseUnservedVersion(headers: IncomingHttpHeaders): Reply | undefined {
  const client = headers['x-deis-version'];
  if (client === undefined || client === OLDEST || client === LATEST) return undefined;
  return {
    status: 405,
    body: { error: `Client and server versions do not match. Client version: ${String(client)} Server version: ${LATEST}` },
  };
}

/** Every reply names the API version it was answered as, errors included. */
export const withVersionHeader = (reply: Reply, headers: IncomingHttpHeaders): Reply =>
  ({ ...reply, headers: { ...reply.headers, DEIS_API_VERSION: requestVersion(headers) } });
