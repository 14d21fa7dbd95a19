import type { CoreContext } from './context';
import { AccessPolicy } from './services/access';
import { AppService } from './services/apps';
import { DomainService } from './services/domains';
import { EventService } from './services/events';
import { GrantService } from './services/grants';
import { KeyService } from './services/keys';
import { PrincipalService } from './services/principals';
import { ProcessService } from './services/processes';
import { ReleaseService } from './services/releases';
import { ClusterFileService } from './services/clusterFiles';
import { NodeService } from './services/nodes';
import { TenancyService } from './services/tenancy';
import { VariableService } from './services/variables';
import { TimedWorkService } from './services/timedWork';
import { WebhookService } from './services/webhooks';
import { WorkloadService } from './services/workloads';
import { AccountService } from './services/accounts';
import { AddonRegistry } from './services/addons';
import { AppProfileService } from './services/appProfiles';
import { CatalogueService } from './services/catalogue';
import { DeployService } from './services/deploys';
import { TeamService } from './services/teams';
import { TeamTokenService } from './services/teamTokens';
import { UnitService } from './services/units';

/** The whole core: one instance per emulator, shared by every dialect. */
export class Core {
  readonly events: EventService;
  readonly timedWork: TimedWorkService;
  readonly principals: PrincipalService;
  readonly access: AccessPolicy;
  readonly variables: VariableService;
  readonly processes: ProcessService;
  readonly releases: ReleaseService;
  readonly apps: AppService;
  readonly domains: DomainService;
  readonly keys: KeyService;
  readonly grants: GrantService;
  readonly tenancy: TenancyService;
  readonly nodes: NodeService;
  readonly clusterFiles: ClusterFileService;
  readonly workloads: WorkloadService;
  readonly webhooks: WebhookService;
  readonly accounts: AccountService;
  readonly teams: TeamService;
  readonly catalogue: CatalogueService;
  readonly appProfiles: AppProfileService;
  readonly deploys: DeployService;
  readonly units: UnitService;
  readonly teamTokens: TeamTokenService;
  readonly addons: AddonRegistry;

  constructor(readonly ctx: CoreContext) {
    this.events = new EventService(ctx);
    this.timedWork = new TimedWorkService(ctx);
    this.principals = new PrincipalService(ctx);
    this.access = new AccessPolicy(ctx);
    this.variables = new VariableService(ctx);
    this.processes = new ProcessService(ctx, this.access, this.events);
    this.releases = new ReleaseService(ctx, this.access, this.variables, this.processes, this.events);
    this.apps = new AppService(ctx, this.access, this.releases, this.events);
    this.domains = new DomainService(ctx, this.access, this.events);
    this.keys = new KeyService(ctx);
    this.grants = new GrantService(ctx, this.access, this.principals, this.events);
    this.tenancy = new TenancyService(ctx, this.access);
    this.nodes = new NodeService(ctx, this.tenancy, this.events, ctx.settings.nodeDurations, this.timedWork);
    this.clusterFiles = new ClusterFileService(ctx, this.tenancy);
    this.workloads = new WorkloadService(
      ctx, this.tenancy, this.access, this.apps, this.releases, this.processes, this.clusterFiles, this.variables, this.events,
    );
    this.webhooks = new WebhookService(ctx, this.tenancy, this.events);
    this.accounts = new AccountService(ctx, this.principals, this.keys, this.events);
    this.teams = new TeamService(ctx, this.access, this.principals, this.events);
    this.catalogue = new CatalogueService(ctx, this.principals);
    this.appProfiles = new AppProfileService(ctx, this.access, this.apps, this.releases, this.catalogue, this.grants, this.events);
    this.deploys = new DeployService(ctx, this.access, this.releases, this.events, this.timedWork);
    this.units = new UnitService(ctx, this.access, this.processes, this.events);
    this.teamTokens = new TeamTokenService(ctx, this.access, this.events);
    this.addons = new AddonRegistry(ctx, this.access, this.releases, this.variables, this.events);
  }
}
