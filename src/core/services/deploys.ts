import { createHash } from 'node:crypto';
import type { CoreContext } from '../context';
import { CoreError, fail } from '../errors';
import { parseProcfile, readTarGz } from '../archive';
import type { App, Principal } from '../model';
import type { AccessPolicy } from './access';
import { findLatestRelease } from './records';
import { appScope, type CoreEvent, type EventService } from './events';
import type { ReleaseService } from './releases';
import type { TimedWorkService, TimedWork } from './timedWork';

const DEPLOY_KIND = 'app.deploy';
const FINISH = 'app.deploy.finish';

export interface DeployInput {
  /** A gzipped tar of the app's files. */
  archive?: Buffer;
  image?: string;
  archiveUrl?: string;
  dockerfile?: string;
  origin?: string;
  message?: string;
}

interface BuildPlan {
  source: 'archive' | 'image' | 'archive-url' | 'dockerfile';
  image?: string;
  sha: string;
  dockerfile: string;
  procfile: Record<string, string>;
}

/**
 * Deploys: each is a running event whose log grows as the deploy goes, and timed work that settles it
 * on the core clock (settings.deployDurationMs after it started): a new build and release, units of
 * the new version, the event finished. An archive is read for real (a broken one is refused before
 * anything starts); its Procfile names the process types.
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
  }

  start(p: Principal, appName: string, input: DeployInput): CoreEvent {
    return this.ctx.store.tx(() => {
      const app = this.access.app(p, appName, 'write');
      const { plan, log } = planBuild(input);
      const event = this.events.start(appScope(app), {
        kind: DEPLOY_KIND, owner: p.username,
        data: { app: app.name, origin: input.origin ?? plan.source, message: input.message ?? '', commit: '', source: plan.source },
      });
      this.events.appendLog(event.id, log.join(''));
      this.timedWork.schedule(FINISH, `deploy:${event.id}`, this.ctx.settings.deployDurationMs ?? 0, { eventId: event.id, appId: app.id, plan });
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
    const readable = this.access.visibleAppIds(p);
    const visible = this.events.list({ kinds: [DEPLOY_KIND], tenantIds: [...p.roles.keys()] })
      .filter((e) => e.appId && readable.has(e.appId));
    const skip = options.skip ?? 0;
    return visible.slice(skip, options.limit ? skip + options.limit : undefined);
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
        data: { app: app.name, origin: target.origin || 'rollback', message: target.reason ?? '', commit: '', image, version: release.version },
      });
      this.events.appendLog(event.id, `---- Rolling back to version ${version} ----\n ---> Version ${release.version} runs image ${image}\n`);
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

  /** The timed work: the build becomes a release with units, and the event ends. */
  private finish(work: TimedWork): void {
    const { eventId, appId, plan } = work.payload as { eventId: number; appId: string; plan: BuildPlan };
    const app: App | undefined = this.access.loadById(appId);
    if (!app) {
      this.events.finish(eventId, { error: 'the app was removed during the deploy' });
      return;
    }
    const event = this.events.get(eventId);
    if (!Object.keys(plan.procfile).length) {
      this.events.appendLog(eventId, ' ---> No Procfile at the root of the archive: nothing to run\n');
      this.events.finish(eventId, { error: 'the archive has no Procfile: tsuru cannot tell which processes to run' });
      return;
    }
    const version = (findLatestRelease(this.ctx.store.db, app.environmentId)?.version ?? 0) + 1;
    const image = plan.image ?? `tsuru/app-${app.name}:v${version}`;
    const release = this.releases.deploy(app, event.owner, { build: { image, sha: plan.sha, dockerfile: plan.dockerfile, procfile: plan.procfile } });
    const processes = Object.keys(plan.procfile).join(', ') || 'the image command';
    this.events.appendLog(eventId, `---- Deploying version ${release.version} (${image}) ----\n ---> Processes: ${processes}\n ---> Units of version ${release.version} are up\n`);
    this.events.finish(eventId, { data: { image, version: release.version } });
  }
}

/** What will be built, and the first lines of the log, from what the client sent; nothing sent is a 400. */
function planBuild(input: DeployInput): { plan: BuildPlan; log: string[] } {
  if (input.archive) {
    const archive = readTarGz(input.archive);
    const procfile = parseProcfile(archive.files.Procfile);
    const sha = createHash('sha1').update(input.archive).digest('hex');
    const files = archive.entries.filter((e) => e.type === 'file');
    return {
      plan: { source: 'archive', sha, dockerfile: '', procfile },
      log: [`---- Uploaded ${files.length} file(s), ${input.archive.length} bytes ----\n`,
        ` ---> Procfile: ${Object.keys(procfile).length ? Object.entries(procfile).map(([k, v]) => `${k}: ${v}`).join('; ') : 'none'}\n`],
    };
  }
  if (input.image) {
    const sha = createHash('sha1').update(input.image).digest('hex');
    return { plan: { source: 'image', image: input.image, sha, dockerfile: '', procfile: { web: '' } }, log: [`---- Pulling image ${input.image} ----\n`] };
  }
  if (input.dockerfile) {
    const sha = createHash('sha1').update(input.dockerfile).digest('hex');
    return { plan: { source: 'dockerfile', sha, dockerfile: input.dockerfile, procfile: { web: '' } }, log: ['---- Building the Dockerfile ----\n'] };
  }
  if (input.archiveUrl) {
    const sha = createHash('sha1').update(input.archiveUrl).digest('hex');
    return { plan: { source: 'archive-url', sha, dockerfile: '', procfile: { web: '' } }, log: [`---- Downloading ${input.archiveUrl} ----\n`] };
  }
  throw fail('deploy.source_required', {}, 'file');
}
