import { createHash } from 'node:crypto';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { builds, releases as releaseRows } from '../../store/schema';
import { deployments } from '../../store/schema-apps';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { CoreError, fail, hiddenAs } from '../errors';
import type { Build, Principal, Release } from '../model';
import type { AccessPolicy } from './access';
import { inEnvironment, type EnvironmentService, type Staged } from './environments';
import { appScope, type CoreEvent, type EventService } from './events';
import { buildById, latestRelease } from './records';
import type { ReleaseService } from './releases';
import type { TimedWork, TimedWorkService } from './timedWork';
import { jsonList } from './rowGroups';
import { slot } from './placeholders';
import { DeploymentList, type DeploymentFilter } from './deploymentList';
import { StageFactsReader, type FactsWanted, type StageFacts } from './stageFacts';
import type { ListSource } from '../../store/paginate';

export type Deployment = typeof deployments.$inferSelect;
export type BuildMode = Deployment['buildMode'];

/**
 * A deployment's steps on the core clock: each lasts STEP_MS, then the next begins; the last one is the
 * end. Each is recorded in the deployment's event as a step named by its status, which Divio words.
 */
const STEPS = [
  { status: 'queued', percent: 0 },
  { status: 'building', percent: 30 },
  { status: 'deploying', percent: 70 },
  { status: 'done', percent: 100 },
] as const;
export const DEPLOYMENT_STEP_MS = 1000;
const ADVANCE = 'deployment.advance';

export interface NewDeployment {
  buildMode: BuildMode;
  copyFrom?: string | null;
  adoptDeployment?: string | null;
  provisionServices: boolean;
}

/**
 * Deployments of one environment. Creating one answers at once; it then moves through its steps on the
 * one clock (success null, percent rising), and ends done and successful with a new release of the
 * environment (and a new build unless it adopts the latest one). Its log is its running event's log.
 */
export class DeploymentService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly environments: EnvironmentService,
    private readonly releases: ReleaseService,
    private readonly events: EventService,
    private readonly timedWork: TimedWorkService,
  ) {
    timedWork.register(ADVANCE, (work) => this.advance(work));
    const db = ctx.store.db;
    this.listing = new DeploymentList(db);
    this.factsReader = new StageFactsReader(db);
    const p = sql.placeholder;
    const ofEnvironment = eq(deployments.environmentId, p('environmentId'));
    const lastEnded = [desc(deployments.endedAt), desc(sql`rowid`)];
    // Single-row reads go through `get`, which stops at the first row: no bound LIMIT, which SQLite re-plans on every run.
    this.byId = db.select().from(deployments).where(eq(deployments.id, p('id'))).prepare();
    this.runningIn = db.select().from(deployments).where(and(ofEnvironment, isNull(deployments.endedAt))).prepare();
    this.lastSuccessfulIn = db.select().from(deployments).where(and(ofEnvironment, eq(deployments.success, true))).orderBy(...lastEnded).prepare();
    this.releaseById = db.select().from(releaseRows).where(eq(releaseRows.id, p('id'))).prepare();
    this.byBuild = db.select().from(deployments).where(eq(deployments.buildId, p('buildId'))).orderBy(deployments.startedAt).prepare();
    this.buildsOf = db.select().from(builds)
      .where(sql`${builds.environmentId} IN (SELECT value FROM json_each(${p('environmentIds')}))`)
      .orderBy(desc(builds.createdAt), desc(sql`rowid`)).prepare();
    this.insertOne = db.insert(deployments).values({
      id: slot('id'), environmentId: slot('environmentId'), createdBy: slot('createdBy'), createdById: slot('createdById'), buildMode: slot('buildMode'),
      status: STEPS[0].status, percent: STEPS[0].percent, success: null, eventId: slot('eventId'),
      copyFrom: slot('copyFrom'), adoptDeployment: slot('adoptDeployment'), provisionServices: slot('provisionServices'), startedAt: slot('now'), endedAt: null,
    }).returning().prepare();
    this.step = db.update(deployments).set({ status: slot('status'), percent: slot('percent') }).where(eq(deployments.id, p('id'))).prepare();
    this.end = db.update(deployments).set({
      status: slot('status'), percent: slot('percent'), success: true, buildId: slot('buildId'), releaseId: slot('releaseId'), endedAt: slot('endedAt'),
    }).where(eq(deployments.id, p('id'))).prepare();
  }

  /** The statements of every deployment request and step, reads and writes, prepared once. */
  private readonly insertOne;
  private readonly step;
  private readonly end;
  private readonly byId;
  private readonly runningIn;
  private readonly lastSuccessfulIn;
  private readonly listing: DeploymentList;
  private readonly factsReader: StageFactsReader;
  private readonly releaseById;
  private readonly byBuild;
  private readonly buildsOf;

  private get db() { return this.ctx.store.db; }

  create(p: Principal, environmentId: string, input: NewDeployment): Deployment {
    const { app, environment } = this.environments.get(p, environmentId, 'write');
    if (this.running(environment.id)) throw fail('deployment.running');
    if (input.copyFrom) this.get(p, input.copyFrom);
    if (input.adoptDeployment) this.get(p, input.adoptDeployment);
    const id = this.ctx.ids.uuid();
    const event = this.events.start(appScope(app), {
      kind: 'deployment.create', owner: p.username, data: { app: app.name, environment: environment.name, deployment: id, buildMode: input.buildMode },
    });
    this.events.appendSteps(event.id, {
      code: STEPS[0].status, params: { buildMode: input.buildMode, app: app.name, environment: environment.name, actor: p.username },
    });
    const deployment = this.insertOne.get({
      id, environmentId: environment.id, createdBy: p.username, createdById: p.userId, buildMode: input.buildMode, eventId: event.id,
      copyFrom: input.copyFrom ?? null, adoptDeployment: input.adoptDeployment ?? null, provisionServices: input.provisionServices, now: nowIso(this.ctx),
    })!;
    this.timedWork.schedule(ADVANCE, `deployment:${id}`, DEPLOYMENT_STEP_MS, { id, step: 1 });
    return deployment;
  }

  /**
   * Deploys each environment in turn: one that cannot be deployed (one already running, no right to
   * deploy it) keeps nothing of its attempt and gives its reason instead, and the others go on.
   */
  createEach(p: Principal, environmentIds: string[], input: NewDeployment): Map<string, Deployment | CoreError> {
    const outcomes = new Map<string, Deployment | CoreError>();
    for (const environmentId of environmentIds) {
      try {
        outcomes.set(environmentId, this.ctx.store.savepoint(() => this.create(p, environmentId, input)));
      } catch (error) {
        if (!(error instanceof CoreError)) throw error;
        outcomes.set(environmentId, error);
      }
    }
    return outcomes;
  }

  /** A deployment of an environment the caller may read. */
  get(p: Principal, id: string): Deployment & Staged {
    const deployment = this.byId.get({ id });
    if (!deployment) throw fail('deployment.not_found', { id });
    return hiddenAs('environment.not_found', fail('deployment.not_found', { id }), () => ({ ...deployment, ...this.environments.get(p, deployment.environmentId) }));
  }

  /** The deployments of the environments the caller may read, newest first, filtered, counted and paged in SQL. */
  list(p: Principal, filter: DeploymentFilter): ListSource<Deployment & Staged> {
    return this.listing.list(p, filter);
  }

  /** What the entries of a page of deployments or environments show besides their rows, in a few statements for the whole page. */
  facts(wanted: FactsWanted): StageFacts {
    return this.factsReader.read(wanted);
  }

  /** The environment's deployment still running, if any. */
  running(environmentId: string): Deployment | undefined {
    return this.runningIn.get({ environmentId });
  }

  /** The deployment whose release the environment runs now. */
  lastSuccessful(environmentId: string): Deployment | undefined {
    return this.lastSuccessfulIn.get({ environmentId });
  }

  /** The event that carries the deployment's log: its steps, for the dialect to word. */
  eventOf(deployment: Deployment): CoreEvent {
    return this.events.get(deployment.eventId);
  }

  releaseOf(deployment: Deployment): Release | undefined {
    return deployment.releaseId ? this.releaseById.get({ id: deployment.releaseId }) : undefined;
  }

  /** One step further; the last step releases the environment with its build. */
  private advance(work: TimedWork): void {
    const { id, step } = work.payload as { id: string; step: number };
    const deployment = this.byId.get({ id });
    if (!deployment || deployment.endedAt) return;
    const next = STEPS[step];
    this.events.appendSteps(deployment.eventId, { code: next.status, params: {} });
    if (step < STEPS.length - 1) {
      this.step.run({ id, status: next.status, percent: next.percent });
      this.timedWork.schedule(ADVANCE, work.target, DEPLOYMENT_STEP_MS, { id, step: step + 1 });
      return;
    }
    const { build, release } = this.release(deployment);
    this.end.run({ id, status: next.status, percent: next.percent, buildId: build?.id ?? null, releaseId: release.id, endedAt: nowIso(this.ctx) });
    this.events.finish(deployment.eventId, { data: { version: release.version } });
  }

  /**
   * A new release of the environment with its variables as they are now: ADOPT reuses its latest build when
   * it has one; AUTO and FORCE build anew (polypaas has no commits to compare, so AUTO always finds new ones).
   */
  private release(deployment: Deployment): { build: Build | null; release: Release } {
    const environment = this.environments.load(deployment.environmentId);
    const app = this.access.loadById(environment.appId)!;
    const latest = buildById(this.db, latestRelease(this.db, environment.id).buildId);
    const sha = createHash('sha1').update(deployment.id).digest('hex');
    // No changes, but the release snapshots the variables as they are now: they take effect at this deployment.
    const input = deployment.buildMode === 'ADOPT' && latest ? { variables: [] }
      : {
        variables: [],
        build: { image: `registry.polypaas.local/${app.name}-${environment.name}:${sha.slice(0, 12)}`, sha, dockerfile: environment.alternativeDockerfile ?? '' },
      };
    const release = this.releases.deploy(inEnvironment(app, environment), deployment.createdBy, input);
    return { build: release.buildId ? buildById(this.db, release.buildId) : null, release };
  }

  /** A build of an app the caller may read. */
  build(p: Principal, id: string): { build: Build; staged: Staged } {
    const found = this.builds(p).find(({ build }) => build.id === id);
    if (!found) throw fail('build.not_found', { id });
    return found;
  }

  /** The deployment that made a build, if a deployment did (other dialects build without one). */
  madeBuild(buildId: string): Deployment | undefined {
    return this.byBuild.get({ buildId });
  }

  /** Builds of the apps the caller may read, newest first. */
  builds(p: Principal): { build: Build; staged: Staged }[] {
    const byEnvironment = new Map(this.environments.list(p).map((s) => [s.environment.id, s]));
    return this.buildsOf.all({ environmentIds: jsonList(byEnvironment.keys()) }).map((build) => ({ build, staged: byEnvironment.get(build.environmentId)! }));
  }
}
