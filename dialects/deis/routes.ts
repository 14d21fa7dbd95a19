import type { OpenAPIV3 } from 'openapi-types';
import type { Reply } from '../types';

/**
 * The Deis v1 URL table: v1.0.1's (../shared/upstream/deis/routes-v1.0.1.tsv) with the routes the
 * controller gained up to v1.13.4 (container restarts, app transfer by POST, certs, users, token
 * regeneration), in the later table's order: both clients route the same. Django matches
 * these regexes against the decoded path below /v1/ with no trailing `$`, so each is a prefix match
 * with an optional slash, except login, whose slash is required. The first match wins, and the
 * request is routed to the canonical spec path it names. The builder's /hooks routes are not served:
 * only the builder calls them (see specs/CHANGES.md).
 */
type Route = [RegExp, (...params: string[]) => string];

const APP = '([a-z0-9-]+)';
const ROUTES: Route[] = [
  [/^$/, () => '/'],
  [new RegExp(`^apps/${APP}/config/?`), (id) => `/apps/${id}/config`],
  [new RegExp(`^apps/${APP}/builds/([-_\\w]+)/?`), (id, uuid) => `/apps/${id}/builds/${uuid}`],
  [new RegExp(`^apps/${APP}/builds/?`), (id) => `/apps/${id}/builds`],
  [new RegExp(`^apps/${APP}/releases/v([0-9]+)/?`), (id, v) => `/apps/${id}/releases/v${v}`],
  [new RegExp(`^apps/${APP}/releases/rollback/?`), (id) => `/apps/${id}/releases/rollback`],
  [new RegExp(`^apps/${APP}/releases/?`), (id) => `/apps/${id}/releases`],
  [new RegExp(`^apps/${APP}/containers/restart/?`), (id) => `/apps/${id}/containers/restart`],
  [new RegExp(`^apps/${APP}/containers/([-_\\w.]+)/restart/?`), (id, type) => `/apps/${id}/containers/${type}/restart`],
  [new RegExp(`^apps/${APP}/containers/([-_\\w]+)/([-_\\w]+)/restart/?`), (id, type, num) => `/apps/${id}/containers/${type}/${num}/restart`],
  [new RegExp(`^apps/${APP}/containers/([-_\\w]+)/([-_\\w]+)/?`), (id, type, num) => `/apps/${id}/containers/${type}/${num}`],
  [new RegExp(`^apps/${APP}/containers/([-_\\w.]+)/?`), (id, type) => `/apps/${id}/containers/${type}`],
  [new RegExp(`^apps/${APP}/containers/?`), (id) => `/apps/${id}/containers`],
  [new RegExp(`^apps/${APP}/domains/([-._\\w]+)/?`), (id, domain) => `/apps/${id}/domains/${domain}`],
  [new RegExp(`^apps/${APP}/domains/?`), (id) => `/apps/${id}/domains`],
  [new RegExp(`^apps/${APP}/scale/?`), (id) => `/apps/${id}/scale`],
  [new RegExp(`^apps/${APP}/logs/?`), (id) => `/apps/${id}/logs`],
  [new RegExp(`^apps/${APP}/run/?`), (id) => `/apps/${id}/run`],
  [new RegExp(`^apps/${APP}/perms/([-_\\w]+)/?`), (id, user) => `/apps/${id}/perms/${user}`],
  [new RegExp(`^apps/${APP}/perms/?`), (id) => `/apps/${id}/perms`],
  [new RegExp(`^apps/${APP}/?`), (id) => `/apps/${id}`],
  [/^apps\/?/, () => '/apps'],
  // Greedy: "keys/name/" looks up the key "name/", as the real server does.
  [/^keys\/(.+)/, (id) => `/keys/${id}`],
  [/^keys\/?/, () => '/keys'],
  [/^auth\/register\/?/, () => '/auth/register'],
  [/^auth\/cancel\/?/, () => '/auth/cancel'],
  [/^auth\/passwd\/?/, () => '/auth/passwd'],
  [/^auth\/login\//, () => '/auth/login'],
  // Like login, its slash is required.
  [/^auth\/tokens\//, () => '/auth/tokens'],
  [/^admin\/perms\/([-_\w]+)\/?/, (user) => `/admin/perms/${user}`],
  [/^admin\/perms\/?/, () => '/admin/perms'],
  [/^certs\/([-_*.\w]+)\/?/, (name) => `/certs/${name}`],
  [/^certs\/?/, () => '/certs'],
  [/^users\/?/, () => '/users'],
];

/** The canonical spec path for a request path, or undefined where Django would answer 404. */
export function deisCanonicalPath(rawPath: string): string | undefined {
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return undefined;
  }
  if (!path.startsWith('/v1/')) return undefined;
  const rest = path.slice('/v1/'.length);
  for (const [pattern, build] of ROUTES) {
    const match = pattern.exec(rest);
    if (match) return `/v1${build(...match.slice(1).map(encodeURIComponent))}`;
  }
  return undefined;
}

/**
 * DRF 2.4's answer to OPTIONS (APIView.metadata): 200, the view's methods in `Allow` (HEAD and
 * OPTIONS included, as its 405 lists them), and the view's name, description, renderers and parsers.
 * The name follows DRF's rule for viewsets, "<Resource> List" or "<Resource> Instance", with the
 * resource named from the URL (see specs/CHANGES.md); the controller renders JSON only.
 */
export function drfOptions(allowed: string[], operations: OpenAPIV3.OperationObject[]): Reply {
  const path = (operations[0] as { path?: string }).path ?? '';
  const segments = path.split('/').filter(Boolean);
  const instance = /^\{.*\}$/.test(segments.at(-1) ?? '') && segments.length > 1;
  const resource = [...segments].reverse().find((s) => !s.startsWith('{')) ?? 'Api Root';
  const name = resource.replace(/s$/, '').replace(/^\w/, (c) => c.toUpperCase());
  return {
    status: 200,
    headers: { Allow: [...allowed, 'HEAD', 'OPTIONS'].filter((m, i, all) => all.indexOf(m) === i).join(', ') },
    body: {
      name: segments.length ? `${name} ${instance ? 'Instance' : 'List'}` : 'Api Root',
      description: '',
      renders: ['application/json'],
      parses: ['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'],
    },
  };
}
