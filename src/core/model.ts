/**
 * The core vocabulary every dialect translates to and from. Rows come from the store as these shapes;
 * timestamps are ISO-8601 strings written by the core clock.
 */
import type * as schema from '../store/schema';
import type * as infra from '../store/schema-infra';
import type { VariableSnapshot, VariableValue } from '../store/schema';

export type Tenant = typeof schema.tenants.$inferSelect;
export type User = typeof schema.users.$inferSelect;
export type Cluster = typeof schema.clusters.$inferSelect;
export type Environment = typeof schema.environments.$inferSelect;
export type Membership = typeof schema.memberships.$inferSelect;
export type Token = typeof schema.tokens.$inferSelect;
export type Variable = typeof schema.variables.$inferSelect;
export type { VariableSnapshot, VariableValue };
export type Build = typeof schema.builds.$inferSelect;
export type Process = typeof schema.processes.$inferSelect;
export type Domain = typeof schema.domains.$inferSelect;
export type SshKey = typeof schema.sshKeys.$inferSelect;
export type Certificate = typeof schema.certificates.$inferSelect;
export type LogLine = typeof schema.logLines.$inferSelect;
export type NodeSize = typeof infra.nodeSizes.$inferSelect;
export type Node = typeof infra.nodes.$inferSelect;
export type Secret = typeof infra.secrets.$inferSelect;
export type ConfigFile = typeof infra.configFiles.$inferSelect;
export type Volume = typeof infra.volumes.$inferSelect;
export type WorkloadSpec = typeof infra.workloadSpecs.$inferSelect;
export type Webhook = typeof infra.webhooks.$inferSelect;
export type WebhookDelivery = typeof infra.webhookDeliveries.$inferSelect;

export type Role = Membership['role'];

/** The authenticated caller of a core operation: a user, or a tenant acting through one of its tokens. */
export interface Principal {
  /** Null for a tenant's own token (Tsuru team tokens). */
  userId: number | null;
  /** The name events and records carry as the actor. */
  username: string;
  isSuperuser: boolean;
  /** The caller's role in each tenant it belongs to; a superuser is admin in each of these and nowhere else. */
  roles: ReadonlyMap<string, Role>;
  /** Where the caller's creations go when a dialect names no tenant (Deis apps, MedStack's current company). */
  homeTenantId: string;
  /** The credential this request came with: a logout revokes exactly this one. */
  token?: string;
}

/** An app as the dialects see it: the row plus its owner's name and its primary environment. */
export interface App {
  id: string;
  /** Unique among all apps: what Deis, Tsuru and Divio address it by. */
  name: string;
  /** Its name as a workload of its cluster (a MedStack service), unique within the cluster only. */
  serviceName: string;
  tenantId: string;
  clusterId: string;
  ownerId: number | null;
  /** The owner's username; empty once the owner's account is gone. */
  ownerName: string;
  createdById: number | null;
  /** The primary environment, the one single-environment dialects read and write. */
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

export type VariableKind = Variable['kind'];

/** One change to an environment's variables: set (value) or remove (null). */
export interface VariableChange {
  kind: VariableKind;
  name: string;
  value: VariableValue | null;
  isSensitive?: boolean;
}

/** The variables of a release, as a dialect with several maps of them (Deis' config) shows them. */
export interface VariableSet {
  id: string;
  environmentId: string;
  createdBy: string;
  createdAt: string;
  variables: VariableSnapshot[];
}

export interface RunResult {
  rc: number;
  output: string;
}

/** The name of an app's one environment where a dialect has no stages of its own. */
export const DEFAULT_ENVIRONMENT = 'default';
