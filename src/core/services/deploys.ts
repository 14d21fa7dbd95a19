import { DEFAULT_DOWNLOAD_DEADLINE_MS, type CoreContext } from '../context';
import { CoreError, fail } from '../errors';
import type { App, Principal } from '../model';
import type { AccessPolicy } from './access';
import { findLatestRelease } from './records';
import { appScope, type CoreEvent, type EventService, type EventStep } from './events';
import {
  downloadFailure, planDockerfile, planDownloaded, planImage, planUpload,
  type BuildPlan, type DeployFailure, type DeployInput, type DeploySource, type Planned,
} from './deployPlans';
import type { ReleaseService } from './releases';
import type { TimedWorkService, TimedWork } from './timedWork';

export const DEPLOY_KIND = 'app.deploy';
const FINISH = 'app.deploy.finish';
/** Fails a deploy still downloading at the deadline: the download itself may be gone (a restart, a restore). */
const DOWNLOAD_WATCH = 'app.deploy.download-deadline';
/** An archive URL's body may be as large as an uploaded archive may (tsuru.yaml's limit for the deploy). */
const DEFAULT_ARCHIVE_LIMIT = 100 * 1024 * 1024;

export type { DeployInput } from './deployPlans';

/**
 * Deploys: each is a running event whose steps (codes and parameters in `data.steps`, worded by the
 * dialects) grow as the deploy goes, and timed work that settles it on the core clock
 * (settings.deployDurationMs after its source was read): a new build and release, units of the new
 * version, the event finished. An uploaded archive is read for real (a broken one is refused before
 * anything starts); an archive URL is downloaded once the start commits, and read the same way; a
 * Dockerfile is parsed. A failure after the start finishes the event with an error code
 * (`data.failure` holds its parameters) and makes no version.
 */
export class DeployService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly releases: ReleaseService,
    private readonly events: EventService,
    private readonly timedWork: TimedWorkService,
  ) {
    timedWork.register(FINISH, (work) => this.finish(work));
    timedWork.register(DOWNLOAD_WATCH, (work) => this.downloadTimedOut(work));
  }

  start(p: Principal, appName: string, input: DeployInput): CoreEvent {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'write');
      const planned = planSource(input);
      const source = sourceOf(input);
      const event = this.events.start(appScope(app), {
        kind: DEPLOY_KIND, owner: p.username,
        data: { app: app.name, origin: input.origin ?? source, message: input.message ?? '', commit: '', source, steps: [] },
      });
      if (planned === 'download') {
        const url = input.archiveUrl ?? '';
        this.events.appendSteps(event.id, { code: 'download', params: { url } });
        const ms = this.ctx.settings.downloadDeadlineMs ?? DEFAULT_DOWNLOAD_DEADLINE_MS;
        this.timedWork.schedule(DOWNLOAD_WATCH, `deploy:${event.id}`, ms, { eventId: event.id, url, ms });
        this.ctx.store.afterCommit(() => {
          this.download(event.id, url, input.archiveLimitBytes ?? DEFAULT_ARCHIVE_LIMIT).catch(() => {
            // Only reachable once the store has closed (the emulator stopped mid-download): there is nothing left to record in.
          });
        });
      } else {
        this.proceed(event.id, app.id, planned);
      }
      return event;
    });
  }

  /** Whether the deploy's settling work is due by the clock but not yet done. */
  isDue(eventId: number): boolean {
    const next = this.timedWork.pending(`deploy:${eventId}`)[0];
    return !!next && new Date(next.settlesAt).getTime() <= this.ctx.clock.now().getTime();
  }

  /** A deploy event, if the caller may read its app. */
  get(p: Principal, id: number): CoreEvent {
    const event = this.find(id);
    if (!event?.appId || !this.readable(p, event.appId)) throw fail('deploy.not_found', { id });
    return event;
  }

  /** The deploys of the apps the caller may read (of one app, when named), newest first. */
  list(p: Principal, options: { appName?: string; limit?: number; skip?: number }): CoreEvent[] {
    if (options.appName) {
      // An app the caller may not read, or none, has no deploys to show: the filter matches nothing.
      const app = this.access.load(options.appName);
      if (!app || this.access.decide(p, app, 'read') !== 'allowed') return [];
      return this.events.list({ kinds: [DEPLOY_KIND], appId: app.id, limit: options.limit, skip: options.skip });
    }
    return this.events.list({ kinds: [DEPLOY_KIND], appsReadableBy: p, limit: options.limit, skip: options.skip });
  }

  /** Rolls back to an earlier version (by number, or the version that runs `image`), recorded as a deploy. */
  rollback(p: Principal, appName: string, target: { version?: number; image?: string; origin?: string; reason?: string }): CoreEvent {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'write');
      if (target.version === undefined && !target.image) throw fail('build.image_required', {}, 'image');
      const version = target.version ?? this.versionOfImage(p, appName, target.image ?? '');
      const release = this.releases.rollback(p, appName, version);
      const build = this.releases.list(p, appName).find((r) => r.id === release.id)?.buildId;
      const image = build ? this.releases.getBuild(p, appName, build).image : '';
      const event = this.events.start(appScope(app), {
        kind: DEPLOY_KIND, owner: p.username,
        data: { app: app.name, origin: target.origin || 'rollback', message: target.reason ?? '', commit: '', image, version: release.version, steps: [] },
      });
      this.events.appendSteps(event.id,
        { code: 'rollback', params: { version } },
        { code: 'rollback.image', params: { version: release.version, image } });
      return this.events.finish(event.id);
    });
  }

  /** The deploy event with this id, if there is one. */
  private find(id: number): CoreEvent | undefined {
    try {
      const event = this.events.get(id);
      return event.kind === DEPLOY_KIND ? event : undefined;
    } catch (error) {
      if (error instanceof CoreError) return undefined;
      throw error;
    }
  }

  private versionOfImage(p: Principal, appName: string, image: string): number {
    const match = this.releases.list(p, appName).find((r) => r.buildId && this.releases.getBuild(p, appName, r.buildId).image === image);
    if (!match) throw fail('release.not_found', { version: image }, 'image');
    return match.version;
  }

  private readable(p: Principal, appId: string): boolean {
    const app = this.access.loadById(appId);
    return !!app && this.access.decide(p, app, 'read') === 'allowed';
  }

  /** Logs what reading the source found, then schedules the build, or fails the deploy. */
  private proceed(eventId: number, appId: string, planned: Planned): void {
    this.events.appendSteps(eventId, ...planned.steps);
    if ('failure' in planned) {
      this.fail(eventId, planned.failure);
      return;
    }
    this.timedWork.schedule(FINISH, `deploy:${eventId}`, this.ctx.settings.deployDurationMs ?? 0, { eventId, appId, plan: planned.plan });
  }

  private fail(eventId: number, failure: DeployFailure, ...steps: EventStep[]): void {
    if (steps.length) this.events.appendSteps(eventId, ...steps);
    this.events.finish(eventId, { error: failure.code, data: { failure } });
  }

  /**
   * Fetches an archive URL after the deploy's start committed, then carries on in a transaction of its
   * own. A deploy that is gone or over by then (a reset, a restore) is left alone.
   */
  private async download(eventId: number, url: string, limitBytes: number): Promise<void> {
    const downloader = this.ctx.settings.downloadArchive;
    const outcome = downloader ? await downloader(url, limitBytes) : undefined;
    try {
      this.ctx.store.tx(() => {
        const event = this.find(eventId);
        if (!event?.running || !event.appId) return;
        this.timedWork.cancel(`deploy:${eventId}`, DOWNLOAD_WATCH);
        if (!outcome) this.fail(eventId, { code: 'deploy.download_unavailable', params: { url } });
        else if (!outcome.ok) this.fail(eventId, downloadFailure(url, outcome));
        else this.proceed(eventId, event.appId, planDownloaded(url, outcome.data));
      });
    } catch (error) {
      // Nobody awaits this work: an unexpected failure must end the deploy, not leave it running.
      this.ctx.store.tx(() => {
        if (this.find(eventId)?.running) this.fail(eventId, { code: 'deploy.download_failed', params: { url, reason: (error as Error).message } });
      });
    }
  }

  private downloadTimedOut(work: TimedWork): void {
    const { eventId, url, ms } = work.payload as { eventId: number; url: string; ms: number };
    if (this.find(eventId)?.running) this.fail(eventId, { code: 'deploy.download_deadline', params: { url, ms } });
  }

  /** The timed work: the build becomes a release with units, and the event ends. */
  private finish(work: TimedWork): void {
    const { eventId, appId, plan } = work.payload as { eventId: number; appId: string; plan: BuildPlan };
    const app: App | undefined = this.access.loadById(appId);
    if (!app) {
      this.fail(eventId, { code: 'deploy.app_removed', params: {} });
      return;
    }
    const event = this.events.get(eventId);
    if (!Object.keys(plan.procfile).length) {
      this.fail(eventId, { code: 'deploy.procfile_missing', params: {} }, { code: 'procfile.missing', params: {} });
      return;
    }
    const version = (findLatestRelease(this.ctx.store.db, app.environmentId)?.version ?? 0) + 1;
    const image = plan.image ?? `tsuru/app-${app.name}:v${version}`;
    const release = this.releases.deploy(app, event.owner, { build: { image, sha: plan.sha, dockerfile: plan.dockerfile, procfile: plan.procfile } });
    this.events.appendSteps(eventId,
      { code: 'version', params: { version: release.version, image } },
      { code: 'processes', params: { processes: Object.keys(plan.procfile) } },
      { code: 'units.up', params: { version: release.version } });
    this.events.finish(eventId, { data: { image, version: release.version, ...(plan.baseImage ? { baseImage: plan.baseImage } : {}) } });
  }
}

/**
 * Reads what the client sent, in tsuru's order (a Dockerfile with its context, an archive, an image,
 * an archive URL); nothing to deploy, or a broken upload, is a 400 before anything starts. An archive
 * URL is only known after its download.
 */
function planSource(input: DeployInput): Planned | 'download' {
  if (!sourceOf(input)) throw fail('deploy.source_required', {}, 'file');
  if (input.dockerfile) return planDockerfile(input.dockerfile, input.archive);
  if (input.archive) return planUpload(input.archive);
  if (input.image) return planImage(input.image);
  return 'download';
}

function sourceOf(input: DeployInput): DeploySource | undefined {
  if (input.dockerfile) return 'dockerfile';
  if (input.archive) return 'archive';
  if (input.image) return 'image';
  return input.archiveUrl ? 'archive-url' : undefined;
}
