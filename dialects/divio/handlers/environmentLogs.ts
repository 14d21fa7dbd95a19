import type { Core } from '../../../src/core/core';
import { fail } from '../../../src/core/errors';
import type { Staged } from '../../../src/core/services/environments';
import type { DialectRequest, OperationHandler } from '../../types';
import { eventLog } from '../../stepWording';
import { pathId } from '../ids';
import { divioDate } from '../mappers';
import { caller } from '../serializer';
import { deploymentStep } from '../stageMappers';

interface Entry { cursor: string; timestamp: string; service: string; message: string }

/**
 * The environment's log: every line the platform wrote about it (each deployment's log, then one line per
 * other change) within the time bounds, oldest first, each with a cursor `<event>-<line>` that never changes.
 * A line's timestamp is its event's start, so the bounds select events in SQL.
 */
function entriesOf(core: Core, staged: Staged, bounds: { since?: string; until?: string }): Entry[] {
  return core.environments.eventsOf(staged, bounds).flatMap((e) => {
    const log = eventLog(e, deploymentStep);
    const lines = log ? log.split('\n').filter(Boolean) : [`${e.owner} ${e.kind}`];
    const service = e.kind.startsWith('deployment.') ? 'deployment' : 'platform';
    return lines.map((message, i) => ({ cursor: `${e.id}-${i}`, timestamp: e.startedAt, service, message }));
  });
}

const order = (cursor: string) => cursor.split('-').map(Number) as [number, number];
const before = (a: string, b: string) => {
  const [ae, al] = order(a);
  const [be, bl] = order(b);
  return ae < be || (ae === be && al < bl);
};

function time(req: DialectRequest, name: 'from_ts' | 'to_ts'): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  const ms = Date.parse(String(value).replace(/^(\d{4}-\d\d-\d\dT\d\d:\d\d)$/, '$1Z'));
  if (Number.isNaN(ms)) throw fail('request.datetime_invalid', {}, name);
  return new Date(ms).toISOString();
}

/** A page of the log: the latest `limit` lines, or those after or before a cursor; `next` is always a URL to tail. */
export const GetEnvironmentLogs: OperationHandler = (req, core) => {
  const staged = core.environments.get(caller(req), pathId(req.params.uuid));
  const q = req.query as Record<string, unknown>;
  const [from, to] = [time(req, 'from_ts'), time(req, 'to_ts')];
  const limit = typeof q.limit === 'number' ? q.limit : Number(q.limit ?? 1000);
  const matching = entriesOf(core, staged, { since: from, until: to })
    .filter((e) => q.service === undefined || e.service === q.service)
    .filter((e) => q.search_query === undefined || e.message.toLowerCase().includes(String(q.search_query).toLowerCase()));
  const after = q.search_after as string | undefined;
  const upTo = q.search_before as string | undefined;
  const window = matching.filter((e) => (after === undefined || before(after, e.cursor)) && (upTo === undefined || before(e.cursor, upTo)));
  const page = after !== undefined ? window.slice(0, limit) : window.slice(-limit);
  const link = (name: string, cursor: string) => {
    const url = new URL(req.url);
    url.searchParams.delete('search_after');
    url.searchParams.delete('search_before');
    url.searchParams.set(name, cursor);
    return url.toString();
  };
  const first = page[0];
  const last = page.at(-1)?.cursor ?? after ?? matching.at(-1)?.cursor ?? '0-0';
  return {
    status: 200,
    body: {
      next: link('search_after', last),
      previous: first && matching[0] !== first ? link('search_before', first.cursor) : null,
      results: page.map(({ timestamp, service, message }) => ({ timestamp: divioDate(timestamp), service, message })),
    },
  };
};

const PRESETS: Record<string, { spanMs: number; stepMs: number }> = {
  '1h': { spanMs: 3_600_000, stepMs: 60_000 }, '6h': { spanMs: 21_600_000, stepMs: 300_000 }, '12h': { spanMs: 43_200_000, stepMs: 600_000 },
  '24h': { spanMs: 86_400_000, stepMs: 900_000 }, '7d': { spanMs: 604_800_000, stepMs: 3_600_000 },
};

/**
 * What polypaas measures of an environment over a window, per metric asked for: `deployments` (started per
 * interval) and `instances` (processes running at each point, from the deployments that ended by then).
 * Any other metric has no data points: nothing here measures CPU, memory or traffic.
 */
export const GetEnvironmentMetrics: OperationHandler = (req, core) => {
  const staged = core.environments.get(caller(req), pathId(req.params.uuid));
  const preset = PRESETS[String(req.query.time_window_preset ?? '1h')];
  const to = time(req, 'to_ts') ?? core.ctx.clock.now().toISOString();
  const from = time(req, 'from_ts') ?? new Date(Date.parse(to) - preset.spanMs).toISOString();
  const points: string[] = [];
  for (let t = Date.parse(from); t <= Date.parse(to) && points.length < 1000; t += preset.stepMs) points.push(new Date(t).toISOString());
  const deployments = core.deployments.list(caller(req), { environmentId: staged.environment.id }).all();
  const running = core.processes.countIn(staged.environment.id);
  const series: Record<string, (at: string, next: string) => number> = {
    deployments: (at, next) => deployments.filter((d) => d.startedAt >= at && d.startedAt < next).length,
    instances: (at) => (deployments.some((d) => d.success && d.endedAt && d.endedAt <= at) ? running : 0),
  };
  const metrics = Object.fromEntries(((req.query.metric as string[] | null) ?? []).map((name) => [name, series[name]
    ? points.map((at, i) => ({ timestamp: divioDate(at), value: series[name](at, points[i + 1] ?? to) }))
    : []]));
  return { status: 200, body: { metrics, from_ts: divioDate(from), to_ts: divioDate(to), interval: preset.stepMs / 1000 } };
};
