/**
 * The core vocabulary every dialect translates to and from. Rows come from the store as these shapes;
 * timestamps are ISO-8601 strings written by the core clock.
 */
import type * as schema from '../store/schema';
import type * as infra from '../store/schema-infra';

export type Tenant = typeof schema.tenants.$inferSelect;
export type User = typeof schema.users.$inferSelect;
export type Cluster = typeof schema.clusters.$inferSelect;
export type Environment = typeof schema.environments.$inferSelect;
export type Config = typeof schema.configs.$inferSelect;
export type Build = typeof schema.builds.$inferSelect;
export type Process = typeof schema.processes.$inferSelect;
export type Domain = typeof schema.domains.$inferSelect;
export type SshKey = typeof schema.sshKeys.$inferSelect;
export type LogLine = typeof schema.logLines.$inferSelect;
export type NodeSize = typeof infra.nodeSizes.$inferSelect;
export type Node = typeof infra.nodes.$inferSelect;
export type Secret = typeof infra.secrets.$inferSelect;
export type ConfigFile = typeof infra.configFiles.$inferSelect;
export type Volume = typeof infra.volumes.$inferSelect;
export type WorkloadSpec = typeof infra.workloadSpecs.$inferSelect;
export type Webhook = typeof infra.webhooks.$inferSelect;
export type WebhookDelivery = typeof infra.webhookDeliveries.$inferSelect;

/** The authenticated caller of a core operation. */
export interface Principal {
  id: number;
  username: string;
  tenantId: string;
  isSuperuser: boolean;
}

/** An app as the dialects see it: the row plus its owner's name and its default environment. */
export interface App {
  id: string;
  name: string;
  tenantId: string;
  clusterId: string;
  ownerId: number;
  ownerName: string;
  environmentId: string;
  structure: Record<string, number>;
  createdAt: string;
  updatedAt: string;
}

/** A release with the version numbers a dialect shows beside it. */
export type Release = typeof schema.releases.$inferSelect;

/** A process with the version of the release it runs. */
export interface ProcessView extends Process {
  releaseVersion: number;
}

export type ConfigMaps = Pick<Config, 'values' | 'memory' | 'cpu' | 'tags'>;
export type ConfigChanges = Partial<Record<keyof ConfigMaps, Record<string, string | null>>>;

export interface RunResult {
  rc: number;
  output: string;
}

/** The name every app's implicit environment has where a dialect has no stages of its own. */
export const DEFAULT_ENVIRONMENT = 'default';
