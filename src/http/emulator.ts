import { createServer, type RequestListener, type Server, type ServerOptions } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { Core } from '../core/core';
import { systemClock, type Clock } from '../core/clock';
import { DEFAULT_DOWNLOAD_DEADLINE_MS } from '../core/context';
import { randomIds, type IdGenerator } from '../core/ids';
import { Store } from '../store/store';
import { SnapshotShelf } from '../store/snapshots';
import { DEFAULT_FIXTURES, loadFixtures, readFixtures, type Fixtures } from '../store/fixtures';
import { fillEmptyCatalogues } from '../store/fixtureUpgrade';
import { tenants } from '../store/schema';
import type { DialectAdapter, DialectName } from '../../dialects/types';
import { DIALECTS } from '../../dialects';
import { adminRouter } from './admin';
import { adminTokenFor } from './adminAccess';
import { RequestJournal } from './journal';
import { dialectPort, mountDialect, onExpressPrototypes, SERVER_HEADER_LIMIT } from './mountDialect';
import { createLogger, type LogLevel } from './log';
import { LifecycleTicker } from './lifecycleTicker';
import { DEFAULT_NODE_DURATIONS, type NodeDurations } from '../core/services/nodes';
import { DEFAULT_DISPATCHER_OPTIONS, WebhookDispatcher, type DispatcherOptions, type PayloadRenderers } from '../webhooks/dispatcher';
import { AdminGuard } from '../webhooks/adminGuard';
import { archiveDownloader } from '../downloads/archiveDownload';
import { DEFAULT_EVENT_RETENTION } from '../core/services/events';

export type PortName = DialectName | 'gateway';

export const DEFAULT_PORTS: Record<PortName, number> = { gateway: 4100, tsuru: 4101, divio: 4102, deis: 4103, medstack: 4104 };

export interface EmulatorOptions {
  /** Dialects to serve; default: every dialect polypaas has. */
  dialects?: DialectName[];
  /** Port per server; 0 picks a free one. `0` alone means free ports for all. */
  ports?: Partial<Record<PortName, number>> | 0;
  host?: string;
  /** SQLite file that keeps the state across restarts; in memory when absent. */
  db?: string;
  /** A fixtures file path, or fixtures given inline; default fixtures/default.json. */
  fixtures?: string | Fixtures;
  /** Validate every response against the dialect's spec (on in polypaas' own tests). */
  strict?: boolean;
  bodyLimit?: number;
  journalSize?: number;
  appDomain?: string;
  logLevel?: LogLevel;
  clock?: Clock;
  ids?: IdGenerator;
  /** How long node create, resize, reboot and delete take (by `clock`). */
  nodeDurations?: Partial<NodeDurations>;
  /** How long a deploy takes (Tsuru); default 0, settled at the next tick or by the reader of its log. */
  deployDurationMs?: number;
  /** How long a deploy's archive URL may take to download, redirects included (default 300 s, as tsuru's client). */
  archiveDownloadDeadlineMs?: number;
  /** How many finished events each tenant keeps (default 10 000); older ones are pruned. */
  eventRetention?: number;
  /** Webhook delivery timeouts, retries and queue bounds. */
  webhookDelivery?: Partial<DispatcherOptions>;
  /**
   * The adapters to serve instead of polypaas' own (tests of the pipeline bring small ones). Adapters
   * with the same name share that dialect's port, in the order given.
   */
  adapters?: DialectAdapter[];
  /**
   * The token the admin API requires (`Authorization: Bearer ...`). Given, it is always required;
   * absent, the admin API is open on a loopback host and needs DEFAULT_ADMIN_TOKEN on any other.
   */
  adminToken?: string;
  /** Where named snapshots are kept (across restarts); default a folder of this process under the OS temp folder. */
  snapshotDir?: string;
  /** How many named snapshots may exist at once (default 20). */
  maxSnapshots?: number;
  /** Most processes one process type, or one MedStack service, may be scaled to (default 100). */
  maxScale?: number;
}

export interface Emulator {
  /** Base URL of each dialect's own server and of the gateway. */
  urls: Partial<Record<PortName, string>>;
  core: Core;
  journal: RequestJournal;
  /** The fixtures the emulator resets to. */
  fixtures: Fixtures;
  /** The token the admin API requires, or undefined when it is open (loopback, no token given). */
  adminToken?: string;
  /** Back to the fixtures: every row written since is gone. */
  reset(): void;
  /** Resolves once every webhook delivery under way has finished (delivered or given up). */
  webhooksIdle(): Promise<void>;
  close(): Promise<void>;
}

/** Starts the servers: one per dialect and the gateway with every dialect and the admin API. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const log = createLogger(options.logLevel ?? 'silent');
  const adapters = options.adapters ?? selectDialects(options.dialects);
  const ports = groupByPort(adapters);
  const fixtures = typeof options.fixtures === 'object' ? options.fixtures : readFixtures(options.fixtures ?? DEFAULT_FIXTURES);
  const store = new Store(options.db);
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  const adminGuard = new AdminGuard(host);
  const downloadsClosed = new AbortController();
  const downloadDeadlineMs = options.archiveDownloadDeadlineMs ?? DEFAULT_DOWNLOAD_DEADLINE_MS;
  const core = new Core({
    store, clock, ids: options.ids ?? randomIds,
    settings: {
      appDomain: options.appDomain ?? 'deisapp.local', logLines: 100,
      nodeDurations: { ...DEFAULT_NODE_DURATIONS, ...options.nodeDurations },
      eventRetention: options.eventRetention ?? DEFAULT_EVENT_RETENTION,
      maxScale: options.maxScale,
      isAdminUrl: (url) => adminGuard.refusalFor(url) !== undefined,
      deployDurationMs: options.deployDurationMs,
      downloadArchive: archiveDownloader(adminGuard, { deadlineMs: downloadDeadlineMs, closed: downloadsClosed.signal }),
      downloadDeadlineMs,
    },
  });
  const resetState = () => store.tx(() => {
    store.wipe();
    loadFixtures(core, fixtures);
  });
  // A database file that already holds state keeps it, with the catalogues newer versions added; a new one starts from the fixtures.
  if (!store.db.select().from(tenants).get()) resetState();
  else fillEmptyCatalogues(core, fixtures);
  const renderers: PayloadRenderers = Object.fromEntries(adapters.filter((a) => a.webhookPayload).map((a) => [a.name, a.webhookPayload]));
  const dispatcher = Object.keys(renderers).length
    ? new WebhookDispatcher(core, renderers, { ...DEFAULT_DISPATCHER_OPTIONS, ...options.webhookDelivery }, adminGuard)
    : undefined;
  // After the dispatcher: work that fell due while a --db emulator was down settles now, and its events
  // reach the webhooks like any other.
  const ticker = new LifecycleTicker(core, clock);
  const reset = () => {
    resetState();
    ticker.settle();
  };

  const journal = new RequestJournal(options.journalSize ?? 1000, log.enabled('debug')
    ? (e) => log.debug(`${e.dialect} ${e.method} ${e.path} -> ${e.status} ${e.operationId ?? '-'} ${e.durationMs.toFixed(1)}ms`)
    : undefined);
  const bodyLimit = options.bodyLimit ?? 1024 * 1024;
  const strict = options.strict ?? false;
  const snapshots = new SnapshotShelf({ dir: options.snapshotDir, max: options.maxSnapshots });
  const adminToken = adminTokenFor(host, options.adminToken);
  const routers = await Promise.all(ports.map((group) => mountDialect(group, { core, journal, strict, bodyLimit })));

  const gateway = express();
  gateway.disable('x-powered-by');
  gateway.use('/_polypaas', adminRouter({
    dialects: ports.map((group) => group[0].name), journal, snapshots, adminToken, startedAt: Date.now(), reset,
    dump: () => store.dump(),
    seed: (more) => loadFixtures(core, more),
    snapshot: (file) => store.backupTo(file),
    restore: (file) => {
      store.restoreFrom(file);
      ticker.settle();
    },
    deliveries: () => core.webhooks.deliveries(),
  }, bodyLimit));
  ports.forEach((group, i) => gateway.use(`/${group[0].name}`, routers[i]));
  gateway.use((req, res) => {
    res.status(404).json({ error: `no dialect at ${req.path}; try ${ports.map((group) => `/${group[0].name}`).join(', ')} or /_polypaas` });
  });

  const portFor = (name: PortName) => (options.ports === 0 ? 0 : options.ports?.[name] ?? DEFAULT_PORTS[name]);
  const servers: Server[] = [];
  const urls: Partial<Record<PortName, string>> = {};
  const listen = async (name: PortName, handler: RequestListener, options: ServerOptions = {}) => {
    // Room for a long URL, so that the dialect answers it (a 414 in its format) rather than Node's bare 431.
    const server = createServer({ ...options, maxHeaderSize: SERVER_HEADER_LIMIT }, handler);
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(portFor(name), host, () => resolve());
    });
    if (name === 'gateway') adminGuard.addAdminPort((server.address() as AddressInfo).port);
    urls[name] = `http://${host.includes(':') ? `[${host}]` : host}:${(server.address() as AddressInfo).port}`;
  };
  try {
    await listen('gateway', gateway, onExpressPrototypes(gateway));
    for (const [i, group] of ports.entries()) {
      const port = dialectPort(routers[i]);
      await listen(group[0].name, port.listener, port.options);
    }
  } catch (error) {
    await shutdown();
    throw error;
  }

  async function shutdown(): Promise<void> {
    ticker.close();
    downloadsClosed.abort();
    dispatcher?.close();
    await closeAll(servers);
    log.flush();
    store.close();
    snapshots.close();
  }

  return {
    urls, core, journal, fixtures, reset, adminToken,
    webhooksIdle: () => dispatcher?.idle() ?? Promise.resolve(),
    close: shutdown,
  };
}

function selectDialects(names?: DialectName[]): DialectAdapter[] {
  if (!names) return DIALECTS;
  const unknown = names.filter((n) => !DIALECTS.some((d) => d.name === n));
  if (unknown.length) {
    throw new Error(`unknown dialect(s): ${unknown.join(', ')}; available: ${DIALECTS.map((d) => d.name).join(', ')}`);
  }
  return DIALECTS.filter((d) => names.includes(d.name));
}

/** Adapters grouped by the port they share (their dialect name), in the order given. */
function groupByPort(adapters: DialectAdapter[]): DialectAdapter[][] {
  const groups = new Map<DialectName, DialectAdapter[]>();
  for (const adapter of adapters) groups.set(adapter.name, [...(groups.get(adapter.name) ?? []), adapter]);
  return [...groups.values()];
}

async function closeAll(servers: Server[]): Promise<void> {
  await Promise.all(servers.filter((s) => s.listening).map((s) => new Promise<void>((resolve) => {
    s.close(() => resolve());
    s.closeAllConnections();
  })));
}
