import type { EnvironmentFilter } from '../../src/core/services/environmentList';
import type { DialectRequest } from '../types';
import { queryBool, queryId } from './serializer';

/** `o`'s first key orders (a later one only breaks ties it never leaves): by the application's name either way. */
const ORDERINGS: Record<string, EnvironmentFilter['byAppName']> = { application: 'asc', '-application': 'desc' };

/**
 * The environments a query selects (ListEnvironments, and the bulk deployment that deploys them): filters
 * that ask about state polypaas keeps (deployed, deploying, the last deployment's outcome, mirrors);
 * pending commits are never known. `o` is a list here, one comma-separated string in the bulk operation.
 */
export function environmentFilter(req: DialectRequest): EnvironmentFilter {
  const q = req.query as Record<string, unknown>;
  const order = q.o === undefined ? undefined : String(Array.isArray(q.o) ? q.o[0] : q.o).split(',')[0];
  return {
    appId: queryId(req, 'application'), relatedTo: queryId(req, 'related_to_application'), tenantUuid: queryId(req, 'organisation'),
    name: q.slug as string | undefined,
    // The search is lowercased, the names it looks in are not.
    nameSearch: q.name_search === undefined ? undefined : String(q.name_search).toLowerCase(),
    deployed: queryBool(req, 'deployed'), deploying: queryBool(req, 'deploying'), lastFailed: queryBool(req, 'last_deployment_failed'),
    mirror: queryBool(req, 'is_mirror'), copyType: q.copy_type as string | undefined, withPendingCommits: queryBool(req, 'with_pending_commits'),
    byAppName: order === undefined ? undefined : ORDERINGS[order],
  };
}
