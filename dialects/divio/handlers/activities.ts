import { readFileSync } from 'node:fs';
import type { Core } from '../../../src/core/core';
import { fail } from '../../../src/core/errors';
import type { CoreEvent } from '../../../src/core/services/events';
import { fromRoot } from '../../../src/store/paths';
import type { OperationHandler } from '../../types';
import { paginate } from '../pages';
import { activityUuid, eventIdOf, pathId } from '../ids';
import { divioDate, userUuid } from '../mappers';
import { caller, queryId } from '../serializer';

/** How an activity reads, per core event kind (activities.json: wording is data); other kinds read as their kind. */
const DESCRIPTIONS: Record<string, string> = JSON.parse(readFileSync(fromRoot('dialects', 'divio/activities.json'), 'utf8'));

/** The rows an activity names, each read once a page: a page of 100 activities is mostly a few apps and users. */
function lookups(core: Core) {
  const memo = <T>(read: (key: string) => T) => {
    const seen = new Map<string, T>();
    return (key: string) => (seen.has(key) ? seen.get(key)! : seen.set(key, read(key)).get(key)!);
  };
  return { app: memo((id) => core.access.loadById(id)!), user: memo((name) => core.principals.findUser(name)), tenantUuid: memo((id) => core.catalogues.tenantUuid(id)) };
}

function activityJson(look: ReturnType<typeof lookups>, event: CoreEvent) {
  const app = look.app(event.appId!);
  const user = event.ownerType === 'user' ? look.user(event.owner) : undefined;
  const subject = [event.data.environment, event.data.variable, event.data.domain].filter((v) => typeof v === 'string').join(' ');
  return {
    uuid: activityUuid(event.id),
    application: app.id,
    organisation: look.tenantUuid(event.tenantId),
    created_at: divioDate(event.startedAt),
    user: user ? userUuid(user.username) : null,
    impersonated: false,
    description: `${event.owner} ${Object.hasOwn(DESCRIPTIONS, event.kind) ? DESCRIPTIONS[event.kind] : event.kind}${subject ? ` (${subject})` : ''}`,
    type: event.kind,
    context: event.data,
    user_name: event.owner,
    user_email: user?.email ?? '',
    user_avatar_images: {},
    user_is_removed: event.ownerType === 'user' && !user,
  };
}

/** Every event of the applications the caller may read (or of one), newest first, filtered, counted and paged in SQL. */
export const ListApplicationActivities: OperationHandler = (req, core) => {
  const q = req.query as Record<string, unknown>;
  const organisation = queryId(req, 'organisation');
  const tenantId = organisation === undefined ? undefined : core.catalogues.tenantIdByUuid(organisation);
  const events = core.events.source({
    liveAppsReadableBy: caller(req),
    appId: queryId(req, 'application'),
    tenantIds: organisation === undefined ? undefined : tenantId === undefined ? [] : [tenantId],
    kinds: q.type === undefined ? undefined : [String(q.type)],
    owner: q.user_name === undefined ? undefined : String(q.user_name),
  });
  const look = lookups(core);
  return paginate(req, events, (e) => activityJson(look, e));
};

export const GetApplicationActivity: OperationHandler = (req, core) => {
  const id = eventIdOf(pathId(req.params.uuid));
  if (id === undefined) throw fail('event.not_found', { id: req.params.uuid });
  // An activity of an application the caller cannot read (or an archived one) does not exist for them.
  const [event] = core.events.list({ ids: [id], liveAppsReadableBy: caller(req) });
  if (!event) throw fail('event.not_found', { id });
  return { status: 200, body: activityJson(lookups(core), event) };
};
