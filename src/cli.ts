#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { DialectName } from '../dialects/types';
import { DEFAULT_PORTS, startEmulator, type EmulatorOptions, type PortName } from './http/emulator';
import { DEFAULT_ADMIN_TOKEN, isLoopbackHost } from './http/adminAccess';
import { DEFAULT_MAX_SCALE } from './core/services/processes';
import { DEFAULT_MAX_SNAPSHOTS } from './store/snapshots';
import { DEFAULT_DISPATCHER_OPTIONS } from './webhooks/dispatcher';
import { LOG_LEVELS, createLogger, type LogLevel } from './http/log';
import { fromRoot } from './store/paths';

const { version } = JSON.parse(readFileSync(fromRoot('package.json'), 'utf8')) as { version: string };

const HELP = `polypaas ${version}: a local emulator of the Tsuru, Divio v3, Deis v1 and MedStack v1 APIs

Usage: polypaas [options]            (every option also reads POLYPAAS_<NAME>, e.g. POLYPAAS_DB)

  --dialects LIST       comma-separated dialects to serve (default: all)
  --host HOST           address to listen on (default 127.0.0.1)
  --gateway-port N      gateway with every dialect and the admin API (default ${DEFAULT_PORTS.gateway})
  --deis-port N         Deis v1 (default ${DEFAULT_PORTS.deis}); likewise --tsuru-port, --divio-port, --medstack-port
  --db FILE             keep state in this SQLite file (default: in memory)
  --fixtures FILE       seed data instead of fixtures/default.json
  --strict              validate every response against the dialect's spec
  --log-level LEVEL     ${LOG_LEVELS.join(' | ')} (default info)
  --body-limit BYTES    largest request body (default 1048576)
  --journal-size N      requests kept for GET /_polypaas/requests (default 1000)
  --app-domain DOMAIN   apps are reachable at <app>.DOMAIN (default deisapp.local)
  --node-delay-ms N     how long node create, resize, reboot and delete take (default 3000, 2000, 1000, 1000)
  --event-retention N   finished events kept per tenant; older ones are pruned (default 10000)
  --admin-token TOKEN   the admin API's bearer token; always required when given, and off loopback
                        required anyway (default ${DEFAULT_ADMIN_TOKEN})
  --max-scale N         most processes per process type, or replicas per MedStack service (default ${DEFAULT_MAX_SCALE})
  --snapshot-dir DIR    keep named snapshots here, across restarts (default: a temporary folder of this process)
  --max-snapshots N     how many named snapshots may exist (default ${DEFAULT_MAX_SNAPSHOTS})
  --webhook-timeout-ms N   total time one webhook delivery attempt may take (default ${DEFAULT_DISPATCHER_OPTIONS.timeoutMs})
  --webhook-queue-bytes N  payload bytes waiting for delivery at most; older ones are dropped (default ${DEFAULT_DISPATCHER_OPTIONS.maxQueueBytes})
  --deploy-delay-ms N   how long a Tsuru deploy takes from upload to running units (default 0)
  --archive-download-deadline-ms N
                        how long a Tsuru deploy's archive URL may take to download (default 300000)
  -h, --help            this text
`;

const PORT_NAMES = Object.keys(DEFAULT_PORTS) as PortName[];
const stringOption = { type: 'string' } as const;

function readOptions(argv: string[]): EmulatorOptions & { help?: boolean } {
  const { values } = parseArgs({
    args: argv,
    options: {
      dialects: stringOption, host: stringOption, db: stringOption, fixtures: stringOption,
      strict: { type: 'boolean' }, 'log-level': stringOption, 'body-limit': stringOption,
      'journal-size': stringOption, 'app-domain': stringOption, 'node-delay-ms': stringOption, 'event-retention': stringOption, help: { type: 'boolean', short: 'h' },
      'admin-token': stringOption, 'max-scale': stringOption, 'snapshot-dir': stringOption, 'max-snapshots': stringOption,
      'webhook-timeout-ms': stringOption, 'webhook-queue-bytes': stringOption, 'deploy-delay-ms': stringOption,
      'archive-download-deadline-ms': stringOption,
      ...Object.fromEntries(PORT_NAMES.map((p) => [`${p}-port`, stringOption])),
    },
  });
  const get = (name: string): string | undefined => {
    const given = (values as Record<string, string | boolean | undefined>)[name];
    if (given !== undefined) return String(given);
    return process.env[`POLYPAAS_${name.toUpperCase().replace(/-/g, '_')}`];
  };
  const int = (name: string) => {
    const raw = get(name);
    if (raw === undefined) return undefined;
    if (!/^\d+$/.test(raw)) throw new Error(`--${name} must be a whole number, not "${raw}"`);
    return Number(raw);
  };
  const level = (get('log-level') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(level)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}`);
  const nodeDelay = int('node-delay-ms');
  const webhookTimeout = int('webhook-timeout-ms');
  const webhookQueueBytes = int('webhook-queue-bytes');
  const ports: Partial<Record<PortName, number>> = {};
  for (const p of PORT_NAMES) {
    const n = int(`${p}-port`);
    if (n !== undefined) ports[p] = n;
  }
  return {
    help: values.help,
    dialects: get('dialects')?.split(',').map((d) => d.trim()).filter(Boolean) as DialectName[] | undefined,
    host: get('host'),
    db: get('db'),
    fixtures: get('fixtures'),
    strict: ['1', 'true', 'yes'].includes(get('strict') ?? ''),
    logLevel: level,
    bodyLimit: int('body-limit'),
    journalSize: int('journal-size'),
    appDomain: get('app-domain'),
    eventRetention: int('event-retention'),
    deployDurationMs: int('deploy-delay-ms'),
    archiveDownloadDeadlineMs: int('archive-download-deadline-ms'),
    nodeDurations: nodeDelay === undefined ? undefined : { provisionMs: nodeDelay, resizeMs: nodeDelay, rebootMs: nodeDelay, deleteMs: nodeDelay },
    ports,
    adminToken: get('admin-token'),
    maxScale: int('max-scale'),
    snapshotDir: get('snapshot-dir'),
    maxSnapshots: int('max-snapshots'),
    webhookDelivery: {
      ...(webhookTimeout === undefined ? {} : { timeoutMs: webhookTimeout }),
      ...(webhookQueueBytes === undefined ? {} : { maxQueueBytes: webhookQueueBytes }),
    },
  };
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(HELP);
    return;
  }
  const log = createLogger(options.logLevel ?? 'info');
  const emulator = await startEmulator(options);
  const { gateway, ...dialects } = emulator.urls;
  log.info(`polypaas ${version} is up${options.db ? ` (state in ${options.db})` : ' (state in memory)'}`);
  for (const [name, url] of Object.entries(dialects)) log.info(`  ${name.padEnd(9)} ${url}   also ${gateway}/${name}`);
  log.info(`  admin API ${gateway}/_polypaas   (health, reset, state, snapshot(s), restore, seed, requests, webhook deliveries)`);
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) log.info(`  listening on ${host}: every dialect and the admin API are reachable from the network`);
  log.info(emulator.adminToken
    ? `  admin API needs Authorization: Bearer ${emulator.adminToken}   (every route but /health; --admin-token to change it)`
    : '  admin API open without a token: loopback only (--admin-token to require one)');
  const admin = emulator.fixtures.users?.find((u) => u.superuser && u.tokens?.length);
  if (admin) log.info(`  admin user ${admin.username} / ${admin.password}, API token ${admin.tokens![0]}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: stopping`);
    emulator.close().then(() => process.exit(0), (error) => {
      log.error(String(error));
      process.exit(1);
    });
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: Error) => {
  process.stderr.write(`polypaas: ${error.message}\n`);
  process.exit(1);
});
