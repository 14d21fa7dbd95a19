import { and, asc, count, desc, eq, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import { apps } from '../../store/schema';
import { appProfiles } from '../../store/schema-apps';
import { events } from '../../store/schema-timeline';
import { LIMIT, OFFSET } from '../../store/paginate';
import type { Db } from '../../store/store';
import { AccessPolicy } from './access';
import type { EventFilter } from './events';

const p = sql.placeholder;
const inJson = (column: SQLiteColumn, name: string) => sql`${column} IN (SELECT value FROM json_each(${p(name)}))`;
const readableAppIds = sql`SELECT ${apps.id} FROM ${apps} WHERE ${AccessPolicy.visibleApps}`;
const liveReadableAppIds = sql`SELECT ${apps.id} FROM ${apps} LEFT JOIN ${appProfiles} ON ${appProfiles.appId} = ${apps.id}
  WHERE ${AccessPolicy.visibleApps} AND ${appProfiles.archivedAt} IS NULL`;

/**
 * Each filter as a condition with named placeholders, and the values it binds. The condition depends
 * only on whether the filter is given, never on its value: one statement serves every request that
 * gives the same filters, whatever their values (lists go in as JSON). `readableBy`, `appsReadableBy`
 * and `liveAppsReadableBy` bind the same names (the caller's visibility): a filter gives one of them.
 */
const FILTERS: { [Key in keyof EventFilter]?: { where: SQL; values(f: EventFilter): Record<string, unknown> } } = {
  ids: { where: inJson(events.id, 'ids'), values: (f) => ({ ids: JSON.stringify(f.ids) }) },
  tenantIds: { where: inJson(events.tenantId, 'tenantIds'), values: (f) => ({ tenantIds: JSON.stringify(f.tenantIds) }) },
  appId: { where: eq(events.appId, p('appId')), values: (f) => ({ appId: f.appId }) },
  appsReadableBy: { where: sql`${events.appId} IN (${readableAppIds})`, values: (f) => AccessPolicy.visibilityOf(f.appsReadableBy!) },
  liveAppsReadableBy: { where: sql`${events.appId} IN (${liveReadableAppIds})`, values: (f) => AccessPolicy.visibilityOf(f.liveAppsReadableBy!) },
  readableBy: {
    where: sql`(${events.appId} IS NULL OR ${events.appId} IN (${readableAppIds}) OR NOT EXISTS (SELECT 1 FROM ${apps} WHERE ${apps.id} = ${events.appId}))`,
    values: (f) => AccessPolicy.visibilityOf(f.readableBy!),
  },
  kinds: { where: inJson(events.kind, 'kinds'), values: (f) => ({ kinds: JSON.stringify(f.kinds) }) },
  kindPrefix: { where: sql`substr(${events.kind}, 1, length(${p('kindPrefix')})) = ${p('kindPrefix')}`, values: (f) => ({ kindPrefix: f.kindPrefix }) },
  owner: { where: eq(events.owner, p('owner')), values: (f) => ({ owner: f.owner }) },
  ownerType: { where: eq(events.ownerType, p('ownerType')), values: (f) => ({ ownerType: f.ownerType }) },
  running: { where: sql`${events.running} = ${p('running')}`, values: (f) => ({ running: Number(f.running) }) },
  since: { where: sql`${events.startedAt} >= ${p('since')}`, values: (f) => ({ since: f.since }) },
  until: { where: sql`${events.startedAt} <= ${p('until')}`, values: (f) => ({ until: f.until }) },
};
const TARGET_TYPE = { where: eq(events.targetType, p('targetType')), values: (f: EventFilter) => ({ targetType: f.target!.type }) };
const TARGET_VALUE = { where: eq(events.targetValue, p('targetValue')), values: (f: EventFilter) => ({ targetValue: f.target!.value }) };
const ERROR_ONLY = { where: isNotNull(events.error), values: () => ({}) };
/** One kind as `kind = ?`: SQLite then reads an app's events of that kind in id order from `events_app_kind`. */
const ONE_KIND = { where: eq(events.kind, p('kind')), values: (f: EventFilter) => ({ kind: f.kinds![0] }) };

/** The filters `f` gives, by name, in a fixed order: the name list is the shape of its statement. */
function givenFilters(f: EventFilter) {
  const given = Object.entries(FILTERS).filter(([key]) => f[key as keyof EventFilter] !== undefined)
    .map(([key, filter]) => (key === 'kinds' && f.kinds!.length === 1 ? ['kind', ONE_KIND] : [key, filter]));
  if (f.target?.type !== undefined) given.push(['targetType', TARGET_TYPE]);
  if (f.target?.value !== undefined) given.push(['targetValue', TARGET_VALUE]);
  if (f.errorOnly) given.push(['errorOnly', ERROR_ONLY]);
  return given as [string, { where: SQL; values(f: EventFilter): Record<string, unknown> }][];
}

/** Beyond this many filter shapes the cache starts again: clients choose shapes, and memory stays bounded. */
const MAX_SHAPES = 256;

/**
 * The event list's statements, prepared once per filter shape (which filters are given, and the
 * order) and kept: a count and a window of rows (LIMIT and OFFSET as paginate's expressions).
 */
export class EventQueries {
  private readonly byShape = new Map<string, ReturnType<EventQueries['prepare']>>();

  constructor(private readonly db: Db) {}

  /** The statements for `f` and the values they bind. */
  for(f: EventFilter) {
    const given = givenFilters(f);
    const values = Object.assign({}, ...given.map(([, filter]) => filter.values(f))) as Record<string, unknown>;
    const shape = `${f.order === 'oldest' ? 'oldest' : 'newest'}:${given.map(([key]) => key).join(',')}`;
    let statements = this.byShape.get(shape);
    if (!statements) {
      if (this.byShape.size >= MAX_SHAPES) this.byShape.clear();
      this.byShape.set(shape, (statements = this.prepare(given.map(([, filter]) => filter.where), f.order === 'oldest')));
    }
    return { statements, values };
  }

  private prepare(where: SQL[], oldest: boolean) {
    const condition = and(...where);
    return {
      count: this.db.select({ n: count() }).from(events).where(condition).prepare(),
      rows: this.db.select().from(events).where(condition).orderBy(oldest ? asc(events.id) : desc(events.id)).limit(LIMIT).offset(OFFSET).prepare(),
    };
  }
}
