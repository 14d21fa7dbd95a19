import type { Store } from '../store/store';
import type { Clock } from './clock';
import type { IdGenerator } from './ids';
import type { NodeDurations } from './services/nodes';

export interface CoreSettings {
  /** Apps are reachable at `<name>.<appDomain>` (Deis `url`, Tsuru `ip`). */
  appDomain: string;
  /** How many of an app's latest log lines a log read returns at most. */
  logLines: number;
  /** How long asynchronous node operations take. */
  nodeDurations: NodeDurations;
  /** How many finished events each tenant keeps at most (a few more between prunings). */
  eventRetention: number;
  /** Most processes one process type (a MedStack service's replicas) may be scaled to; DEFAULT_MAX_SCALE when absent. */
  maxScale?: number;
  /** Whether a URL reaches the emulator's own admin API: no webhook may be sent there. */
  isAdminUrl?: (url: URL) => boolean;
  /** How long a deploy takes from upload to running units (default 0: it settles at the next tick). */
  deployDurationMs?: number;
  /** Fetches a deploy's archive URL; without it, such a deploy fails (the core itself makes no network calls). */
  downloadArchive?: ArchiveDownloader;
  /**
   * How long an archive download may take (default DEFAULT_DOWNLOAD_DEADLINE_MS). Past it by the core
   * clock, a deploy still downloading fails: also one whose download was lost with a restart or restore.
   */
  downloadDeadlineMs?: number;
}

/** tsuru's own client gives a download 300 s. */
export const DEFAULT_DOWNLOAD_DEADLINE_MS = 300_000;

/** Why an archive download failed, in terms the core turns into an error code (no sentences). */
export type DownloadFailure =
  | { reason: 'scheme'; scheme: string }
  | { reason: 'refused' }
  | { reason: 'unreachable'; detail: string }
  | { reason: 'deadline'; ms: number }
  | { reason: 'status'; status: number }
  | { reason: 'too_large'; limit: number }
  | { reason: 'empty' };

export type DownloadOutcome = { ok: true; data: Buffer } | ({ ok: false } & DownloadFailure);

/** GETs `url` (following redirects), giving up past `limitBytes` of body; never rejects. */
export type ArchiveDownloader = (url: string, limitBytes: number) => Promise<DownloadOutcome>;

/** What every core service needs: the store, the clock and the id generator, all injectable. */
export interface CoreContext {
  store: Store;
  clock: Clock;
  ids: IdGenerator;
  settings: CoreSettings;
}

export const nowIso = (ctx: CoreContext) => ctx.clock.now().toISOString();
