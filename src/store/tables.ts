import * as core from './schema';
import * as infra from './schema-infra';
import * as timeline from './schema-timeline';
import * as catalogue from './schema-catalogue';
import * as addons from './schema-addons';

/**
 * Every table of the state, in the order rows may be deleted and re-inserted without breaking a foreign
 * key. `idSequences` is left out on purpose: reset and restore must not turn its numbers back.
 */
export const tablesInDependencyOrder = [
  core.tenants, core.users, core.memberships, core.tokens, core.clusters, core.apps, core.environments, core.variables, core.builds,
  core.releases, core.processes, core.domains, core.sshKeys, core.appGrants, core.logLines, timeline.events,
  infra.nodeSizes, infra.nodes, infra.secrets, infra.configFiles, infra.volumes, infra.workloadSpecs,
  infra.workloadFiles, infra.workloadMounts, infra.webhooks, infra.webhookDeliveries,
  timeline.timedWork, catalogue.platforms, catalogue.plans, catalogue.routers, catalogue.appProfiles, catalogue.tenantProfiles,
  catalogue.tokenDetails, addons.addonServices, addons.addonInstances, addons.addonInstanceTeams, addons.addonBindings,
] as const;
