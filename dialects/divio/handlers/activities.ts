import type { Core } from '../../../src/core/core';
import { fail } from '../../../src/core/errors';
import type { Principal } from '../../../src/core/model';
import type { CoreEvent } from '../../../src/core/services/events';
import type { OperationHandler } from '../../types';
import { paginate } from '../pages';
import { activityUuid, eventIdOf, pathId } from '../ids';
import { divioDate, userUuid } from '../mappers';
import { caller, queryId } from '../serializer';

/** How an activity reads, per core event kind; other kinds read as their kind. */
const DESCRIPTIONS: Record<string, string> = {
  'app.create': 'created the application', 'app.update': 'changed the application settings', 'app.archive': 'archived the application',
  'app.transfer': 'transferred the application', 'app.copy': 'copied the application',
  'environment.create': 'created an environment', 'environment.copy': 'copied an environment', 'environment.update': 'changed an environment',
  'environment.destroy': 'deleted an environment', 'environment.stop': 'stopped an environment',
  'deployment.create': 'deployed an environment', 'variable.create': 'added an environment variable',
  'variable.update': 'changed an environment variable', 'variable.destroy': 'removed an environment variable',
  'variable.move': 'reordered the environment variables', 'domain.add': 'added a domain', 'domain.remove': 'removed a domain',
  'domain.update': 'changed a domain', 'domain.verify': 'checked a domain', 'config.set': 'changed the configuration',
  'build.create': 'built the application', 'app.scale': 'scaled the application',
};

/** Every event of the apps the caller may read, newest first: an application's activity is the core event log. */
function visibleActivities(core: Core, p: Principal, appId?: string): CoreEvent[] {
  const apps = core.profiles.list(p).filter(({ app }) => appId === undefined || app.id === appId);
  return apps.flatMap(({ app }) => core.events.list({ appId: app.id, tenantIds: [app.tenantId] }))
    .sort((a, b) => b.id - a.id);
}

function activityJson(core: Core, event: CoreEvent) {
  const app = core.access.loadById(event.appId!)!;
  const user = event.ownerType === 'user' ? core.principals.findUser(event.owner) : undefined;
  const subject = [event.data.environment, event.data.variable, event.data.domain].filter((v) => typeof v === 'string').join(' ');
  return {
    uuid: activityUuid(event.id),
    application: app.id,
    organisation: core.catalogues.tenantUuid(event.tenantId),
    created_at: divioDate(event.startedAt),
    user: user ? userUuid(user.username) : null,
    impersonated: false,
    description: `${event.owner} ${DESCRIPTIONS[event.kind] ?? event.kind}${subject ? ` (${subject})` : ''}`,
    type: event.kind,
    context: event.data,
    user_name: event.owner,
    user_email: user?.email ?? '',
    user_avatar_images: {},
    user_is_removed: event.ownerType === 'user' && !user,
  };
}

export const ListApplicationActivities: OperationHandler = (req, core) => {
  const q = req.query as Record<string, unknown>;
  const organisation = queryId(req, 'organisation');
  const items = visibleActivities(core, caller(req), queryId(req, 'application'))
    .filter((e) => organisation === undefined || core.catalogues.tenantUuid(e.tenantId) === organisation)
    .filter((e) => q.type === undefined || e.kind === q.type)
    .filter((e) => q.user_name === undefined || e.owner === q.user_name);
  return paginate(req, items, (e) => activityJson(core, e));
};

export const GetApplicationActivity: OperationHandler = (req, core) => {
  const id = eventIdOf(pathId(req.params.uuid));
  if (id === undefined) throw fail('event.not_found', { id: req.params.uuid });
  const event = core.events.get(id);
  const visible = new Set(core.profiles.list(caller(req)).map(({ app }) => app.id));
  if (!event.appId || !visible.has(event.appId)) throw fail('event.not_found', { id });
  return { status: 200, body: activityJson(core, event) };
};
