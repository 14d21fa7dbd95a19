/**
 * What happens over time: the event log every dialect's history is read from (Tsuru's events, Divio's
 * activities, MedStack's webhook deliveries), the work that finishes later on the core clock, and the
 * sequences whose numbers must never be handed out twice in the life of a database.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * One thing that happened or is happening. `running` events (a deploy) have no `endedAt` yet and
 * gather `log` as they go; `error` holds why one failed. The id is AUTOINCREMENT: SQLite's own
 * `sqlite_sequence` keeps the largest id ever given, which neither a reset nor a restore moves back, so
 * no id is handed out twice in a database's life (a separate sequence row cost a statement per event).
 */
export const events = sqliteTable('events', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  tenantId: text('tenant_id').notNull(),
  clusterId: text('cluster_id'),
  /** The app the event concerns, when there is one: every dialect's per-app history reads by it. */
  appId: text('app_id'),
  kind: text('kind').notNull(),
  /** What the event is about, as Tsuru names it: a type ("app", "node", "webhook") and a value (a name or id). */
  targetType: text('target_type').notNull(),
  targetValue: text('target_value').notNull(),
  /** Who caused it: a username, or "platform" for the emulator's own doing. */
  owner: text('owner').notNull(),
  ownerType: text('owner_type', { enum: ['user', 'internal'] }).notNull(),
  startedAt: text('started_at').notNull(),
  endedAt: text('ended_at'),
  running: integer('running', { mode: 'boolean' }).notNull(),
  error: text('error'),
  log: text('log').notNull().default(''),
  cancelable: integer('cancelable', { mode: 'boolean' }).notNull().default(false),
  data: text('data', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
}, (t) => [
  index('events_tenant').on(t.tenantId, t.id),
  index('events_app').on(t.appId, t.id),
  // An app's events of one kind (its deploys) without walking the rest: an env-set writes an event too.
  index('events_app_kind').on(t.appId, t.kind, t.id),
  index('events_target').on(t.targetType, t.targetValue, t.id),
]);

/**
 * Work that finishes later: at `settlesAt` (core clock) the handler registered for `kind` runs with
 * `payload`. `target` names what it works on ("node:<id>"), so a service can ask what is pending for
 * it. A handler that fails leaves the row with its `error` and no longer pending.
 */
export const timedWork = sqliteTable('timed_work', {
  id: integer('id').primaryKey({ autoIncrement: true }),
  kind: text('kind').notNull(),
  target: text('target').notNull(),
  settlesAt: text('settles_at').notNull(),
  payload: text('payload', { mode: 'json' }).$type<Record<string, unknown>>().notNull().default(sql`'{}'`),
  error: text('error'),
  createdAt: text('created_at').notNull(),
}, (t) => [index('timed_work_settles_at').on(t.settlesAt), index('timed_work_target').on(t.target)]);

/**
 * How many apps each owner holds in each tenant (owner 0: none), kept by triggers on `apps` (see the
 * migration that creates them), so that a list counts 100 000 visible apps without visiting them:
 * SQLite's count(*) walks a whole index. Derived state: reset, snapshot and restore move the apps, and
 * the triggers move the counts with them.
 */
export const appCounts = sqliteTable('app_counts', {
  tenantId: text('tenant_id').notNull(),
  ownerId: integer('owner_id').notNull(),
  n: integer('n').notNull(),
}, (t) => [primaryKey({ columns: [t.tenantId, t.ownerId] }), index('app_counts_owner').on(t.ownerId)]);
