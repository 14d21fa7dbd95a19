import { fail } from '../../../src/core/errors';
import type { Principal } from '../../../src/core/model';
import type { CoreEvent, EventFilter } from '../../../src/core/services/events';
import type { OperationHandler } from '../../types';
import { deployLogText, eventErrorText } from '../deployLog';
import { caller, goBool, text } from '../mappers';

/** Core event kinds other dialects record, under the names tsuru gives the same change. */
const TSURU_KIND: Record<string, string> = {
  'app.destroy': 'app.delete',
  'config.set': 'app.update.env.set',
  'domain.add': 'app.update.cname.add',
  'domain.remove': 'app.update.cname.remove',
  'build.create': 'app.deploy',
};
const CORE_KINDS = (name: string) => [name, ...Object.entries(TSURU_KIND).filter(([, t]) => t === name).map(([core]) => core)];

/** Tsuru's event ids are 24 hex digits (a MongoDB ObjectId): the core's lasting id, written so. */
const uniqueId = (id: number) => id.toString(16).padStart(24, '0');
const ZERO_TIME = '0001-01-01T00:00:00Z';

function eventJson(e: CoreEvent) {
  const internal = e.ownerType === 'internal';
  // A deploy's steps and failure are its log and error, not the data it started with.
  const { steps: _steps, failure: _failure, ...startData } = e.data;
  return {
    UniqueID: uniqueId(e.id), StartTime: e.startedAt, EndTime: e.endedAt ?? ZERO_TIME,
    Target: { Type: e.targetType, Value: e.targetValue },
    Kind: { Type: internal ? 'internal' : 'permission', Name: TSURU_KIND[e.kind] ?? e.kind },
    Owner: { Type: internal ? 'internal' : 'user', Name: e.owner },
    StartCustomData: { Kind: 3, Data: JSON.stringify(startData) },
    Error: eventErrorText(e), Log: deployLogText(e), Running: e.running, Cancelable: e.cancelable,
  };
}

/** What the caller may see: its teams' events, app events only of apps it may read (or since deleted). */
const visibleTo = (p: Principal): EventFilter => ({ tenantIds: [...p.roles.keys()], readableBy: p });

const time = (value: string, field: string) => {
  if (!value) return undefined;
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) throw fail('request.json_invalid', { value }, field);
  return new Date(parsed).toISOString();
};

/** The 14 filters tsuru-client sends, empty ones included (they mean "any"); 204 when nothing matches. */
export const EventList: OperationHandler = (req, core) => {
  const p = caller(req);
  const q = req.query;
  const kinds = [q.kindname].flat().map(text).filter(Boolean);
  const ownerType = text(q.ownertype);
  const filter: EventFilter = {
    ...visibleTo(p),
    target: { type: text(q['target.type']) || undefined, value: text(q['target.value']) || undefined },
    kinds: kinds.length ? kinds.flatMap(CORE_KINDS) : undefined,
    owner: text(q.ownername) || undefined,
    ownerType: ownerType === 'internal' ? 'internal' : ownerType ? 'user' : undefined,
    running: text(q.running) === '' ? undefined : goBool(q.running),
    errorOnly: goBool(q.erroronly),
    since: time(text(q.since), 'since'),
    until: time(text(q.until), 'until'),
    order: text(q.sort) === 'startTime' ? 'oldest' : 'newest',
  };
  // kindtype names the same split as ownertype: internal events or the users' own.
  const kindType = text(q.kindtype);
  const byKindType = kindType ? (kindType === 'internal' ? 'internal' : 'user') : undefined;
  // A window that is not whole numbers, or is empty, selects nothing, as it always has here.
  const skip = Number(text(q.skip) || 0);
  const limit = Number(text(q.limit) || 100);
  const window = Number.isSafeInteger(skip) && skip >= 0 && Number.isSafeInteger(limit) && limit > 0;
  if (!window || (byKindType && filter.ownerType && byKindType !== filter.ownerType)) return { status: 204 };
  const events = core.events.list({ ...filter, ownerType: filter.ownerType ?? byKindType, skip, limit });
  if (!events.length) return { status: 204 };
  return { status: 200, body: events.map(eventJson) };
};

export const EventInfo: OperationHandler = (req, core) => {
  const p = caller(req);
  const id = /^[0-9a-f]{24}$/.test(req.params.eventid) ? Number.parseInt(req.params.eventid, 16) : NaN;
  if (Number.isNaN(id)) throw fail('request.integer_invalid', { value: req.params.eventid }, 'eventid');
  const [event] = core.events.list({ ...visibleTo(p), ids: [id] });
  if (!event) throw fail('event.not_found', { id });
  return { status: 200, body: eventJson(event) };
};
