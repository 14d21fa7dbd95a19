import type { CoreContext } from './context';
import { AccessPolicy } from './services/access';
import { AccountService } from './services/accounts';
import { AppService } from './services/apps';
import { CertificateService } from './services/certificates';
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
import { CatalogueService } from './services/catalogues';
import { AppProfileService } from './services/appProfiles';
import { EnvironmentService } from './services/environments';
import { DeploymentService } from './services/deployments';
import { EnvironmentVariableService } from './services/environmentVariables';
import { EnvironmentDomainService } from './services/environmentDomains';
import { EmailAccountService } from './services/emailAccounts';
import { AddonRegistry } from './services/addons';
import { RoleCatalogueService } from './services/roleCatalogue';
import { CatalogueAppService } from './services/catalogueApps';
import { PlatformCatalogueService } from './services/platformCatalogue';
import { DeployService } from './services/deploys';
import { TeamService } from './services/teams';
import { TeamTokenService } from './services/teamTokens';
import { UnitService } from './services/units';

/** The whole core: one instance per emulator, shared by every dialect. */
export class Core {
  readonly events: EventService;
  readonly timedWork: TimedWorkService;
  readonly principals: PrincipalService;
  readonly accounts: AccountService;
  readonly access: AccessPolicy;
  readonly variables: VariableService;
  readonly processes: ProcessService;
  readonly releases: ReleaseService;
  readonly apps: AppService;
  readonly domains: DomainService;
  readonly keys: KeyService;
  readonly certificates: CertificateService;
  readonly grants: GrantService;
  readonly tenancy: TenancyService;
  readonly nodes: NodeService;
  readonly clusterFiles: ClusterFileService;
  readonly workloads: WorkloadService;
  readonly webhooks: WebhookService;
  readonly catalogues: CatalogueService;
  readonly profiles: AppProfileService;
  readonly environments: EnvironmentService;
  readonly deployments: DeploymentService;
  readonly environmentVariables: EnvironmentVariableService;
  readonly environmentDomains: EnvironmentDomainService;
  readonly emailAccounts: EmailAccountService;
  readonly teams: TeamService;
  readonly platformCatalogue: PlatformCatalogueService;
  readonly catalogueApps: CatalogueAppService;
  readonly deploys: DeployService;
  readonly units: UnitService;
  readonly teamTokens: TeamTokenService;
  readonly addons: AddonRegistry;
  readonly roleCatalogue: RoleCatalogueService;

  constructor(readonly ctx: CoreContext) {
    this.events = new EventService(ctx);
    this.timedWork = new TimedWorkService(ctx);
    this.principals = new PrincipalService(ctx);
    this.accounts = new AccountService(ctx, this.principals);
    this.access = new AccessPolicy(ctx);
    this.variables = new VariableService(ctx);
    this.processes = new ProcessService(ctx, this.access, this.events);
    this.releases = new ReleaseService(ctx, this.access, this.variables, this.processes, this.events);
    this.apps = new AppService(ctx, this.access, this.releases, this.events);
    this.domains = new DomainService(ctx, this.access, this.events);
    this.keys = new KeyService(ctx);
    this.certificates = new CertificateService(ctx, this.access);
    this.grants = new GrantService(ctx, this.access, this.principals, this.events);
    this.tenancy = new TenancyService(ctx, this.access);
    this.nodes = new NodeService(ctx, this.tenancy, this.events, ctx.settings.nodeDurations, this.timedWork);
    this.clusterFiles = new ClusterFileService(ctx, this.tenancy);
    this.workloads = new WorkloadService(
      ctx, this.tenancy, this.access, this.apps, this.releases, this.processes, this.clusterFiles, this.events,
    );
    this.webhooks = new WebhookService(ctx, this.tenancy, this.events);
    this.catalogues = new CatalogueService(ctx, this.access);
    this.profiles = new AppProfileService(ctx, this.access, this.apps, this.catalogues, this.events, this.variables);
    this.environments = new EnvironmentService(
      ctx, this.profiles, this.catalogues, this.variables, this.releases, this.processes, this.events,
    );
    this.deployments = new DeploymentService(ctx, this.access, this.environments, this.releases, this.events, this.timedWork);
    this.environmentVariables = new EnvironmentVariableService(ctx, this.environments, this.events);
    this.environmentDomains = new EnvironmentDomainService(ctx, this.environments, this.domains, this.events);
    this.emailAccounts = new EmailAccountService(ctx, this.principals, this.accounts, this.keys, this.events);
    this.teams = new TeamService(ctx, this.access, this.principals, this.events);
    this.platformCatalogue = new PlatformCatalogueService(ctx);
    this.catalogueApps = new CatalogueAppService(ctx, this.access, this.apps, this.releases, this.platformCatalogue, this.grants, this.events, this.processes);
    this.deploys = new DeployService(ctx, this.access, this.releases, this.events, this.timedWork);
    this.units = new UnitService(ctx, this.access, this.processes, this.events);
    this.teamTokens = new TeamTokenService(ctx, this.access, this.events);
    this.addons = new AddonRegistry(ctx, this.access, this.releases, this.variables, this.events);
    this.roleCatalogue = new RoleCatalogueService(ctx);
  }
}
