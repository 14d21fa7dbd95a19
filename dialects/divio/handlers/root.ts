import type { OperationHandler } from '../../types';

/** The collections of the part of the API polypaas serves, keyed as DRF's router names them (their path segment). */
const COLLECTIONS = ['app-templates', 'application-activities', 'applications', 'builds', 'deployments', 'domains',
  'environment-variables', 'environments', 'regions'];

/** DRF's router root: each collection's absolute URL, on the host (and gateway prefix) the client used. */
export const GetApiRoot: OperationHandler = (req) => {
  const base = new URL(req.url);
  base.search = '';
  if (!base.pathname.endsWith('/')) base.pathname += '/';
  return { status: 200, body: Object.fromEntries(COLLECTIONS.map((c) => [c, new URL(`${c}/`, base).toString()])) };
};
