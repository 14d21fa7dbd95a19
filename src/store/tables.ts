import * as core from './schema';
import * as infra from './schema-infra';

/** Every table in the order rows may be deleted and re-inserted without breaking a foreign key. */
export const tablesInDependencyOrder = [
  core.tenants, core.users, core.memberships, core.tokens, core.clusters, core.apps, core.environments, core.variables, core.builds,
  core.releases, core.processes, core.domains, core.sshKeys, core.certificates, core.appGrants, core.logLines, core.events,
  infra.nodeSizes, infra.nodes, infra.secrets, infra.configFiles, infra.volumes, infra.workloadSpecs,
  infra.workloadFiles, infra.workloadMounts, infra.webhooks, infra.webhookDeliveries,
] as const;
