import { createHash } from 'node:crypto';
import type { Core } from '../../src/core/core';
import { fail } from '../../src/core/errors';
import type { Cluster, ConfigFile, Node, NodeSize, Process, Secret, Tenant, Volume, Webhook } from '../../src/core/model';
import type { CoreEvent } from '../../src/core/services/events';
import type { FileRef, Workload, WorkloadInput } from '../../src/core/services/workloads';
import type { RolloutPolicy } from '../../src/store/schema-infra';
import type { DialectRequest } from '../types';

const COMPANY_FIELDS = ['street_address', 'city', 'province', 'country', 'postal_code', 'phone_number'] as const;

/** MedStack's list envelope. */
export const list = <T>(items: T[], toJson: (item: T) => unknown) => ({ object: 'list', data: items.map(toJson) });

export const companyJson = (t: Tenant) => ({
  id: t.id,
  name: t.name,
  ...Object.fromEntries(COMPANY_FIELDS.map((f) => [f, t.details[f] ?? ''])),
  object: 'company',
});

export const clusterJson = (c: Cluster) => ({
  id: c.id, label: c.name, object: 'cluster', infrastructure_provider: { id: c.provider }, region: { name: c.region },
});

export const webhookJson = (w: Webhook) => ({
  id: w.id, object: 'outgoing_webhook', url: w.url, label: w.label, cluster_id: w.clusterId,
  metadata: { last_triggered: w.lastTriggered, failure_count: w.failureCount },
});

export const nodeSizeJson = (s: NodeSize) => ({ id: s.id, object: 'node_size', title: s.title, vcpu: s.vcpu, memory: s.memory });

export const nodeJson = (n: Node) => ({
  id: n.id, object: 'node', status: n.status, public_ip_address: n.publicIp, swarm_manager: n.swarmManager, size: n.sizeId,
  operating_system: { type: n.osType, distribution: n.osDistribution, version: n.osVersion },
});

/** A service's `name` is the app's name within its cluster; the core name (Deis' id) may differ. */
export const serviceJson = (w: Workload) => {
  const { updatePolicy: update, rollbackPolicy: rollback } = w.spec;
  return {
    id: w.app.id,
    name: w.app.serviceName,
    image: w.image,
    replicas: w.replicas,
    command: w.spec.command,
    args: w.spec.args,
    hosts: w.spec.hosts,
    port: w.spec.port,
    protocol: w.spec.protocol,
    healthcheck_path: w.spec.healthcheck.path,
    healthcheck_interval: w.spec.healthcheck.interval,
    healthcheck_timeout: w.spec.healthcheck.timeout,
    secrets: w.secrets.map((f) => ({ id: f.id, name: f.name, file_name: f.fileName, uid: f.uid, gid: f.gid, mode: f.mode })),
    configs: w.configs.map((f) => ({ id: f.id, name: f.name, file_name: f.fileName, uid: f.uid, gid: f.gid, mode: f.mode })),
    mounts: w.mounts.map((m) => ({ type: 'volume', target: m.target, source: m.source, readonly: m.readonly })),
    environment_variables: w.env,
    placement_constraints: w.spec.placement,
    update_order: update.order,
    update_delay: update.delay,
    update_parallelism: update.parallelism,
    update_failure_action: update.failureAction,
    update_max_failure_ratio: update.maxFailureRatio,
    update_monitor: update.monitor,
    rollback_order: rollback.order,
    rollback_delay: rollback.delay,
    rollback_parallelism: rollback.parallelism,
    rollback_failure_action: rollback.failureAction,
    rollback_max_failure_ratio: rollback.maxFailureRatio,
    rollback_monitor: rollback.monitor,
    object: 'service',
  };
};

export const secretJson = (s: Secret) => ({ id: s.id, object: 'secret', name: s.name, created: s.createdAt });

export const configJson = (c: ConfigFile) => ({ id: c.id, object: 'config', name: c.name, data: c.data, created: c.createdAt });

export const volumeJson = (v: Volume, core: Core) => ({
  id: v.id, object: 'volume', name: v.name, created: v.createdAt, service_usage: core.clusterFiles.volumeUsers(v.id),
});

/** A running process as a Swarm task; its container id is derived from the process id, 64 hex digits like Docker's. */
export const taskJson = (t: Process & { appId: string }) => {
  const state = t.state === 'up' ? 'running' : 'shutdown';
  return {
    id: t.id,
    object: 'task',
    service_id: t.appId,
    container_id: createHash('sha256').update(t.id).digest('hex'),
    status: { timestamp: t.updatedAt, state, message: state === 'running' ? 'started' : 'shutdown', error: null },
    desired_state: state,
    created_at: t.createdAt,
  };
};

/** The request body as a record; the spec has already checked its shape. */
export const bodyOf = (req: DialectRequest) => (req.body ?? {}) as Record<string, unknown>;

export const caller = (req: DialectRequest) => req.principal!;

/** The company and cluster path parameters every cluster-scoped operation starts with. */
export const scope = (req: DialectRequest) => [caller(req), req.params.company_id, req.params.cluster_id] as const;

const numberFrom = (value: unknown, field: string): number | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(String(value))) throw fail('request.integer_invalid', { field, value: String(value) }, field);
  return Number(value);
};

const fileRefs = (value: unknown, field: string): FileRef[] | undefined => (value as Record<string, unknown>[] | undefined)?.map((f) => ({
  name: String(f.name), fileName: f.file_name as string | undefined, mode: f.mode as string | undefined,
  uid: numberFrom(f.uid, field), gid: numberFrom(f.gid, field),
}));

const policyFrom = (b: Record<string, unknown>, prefix: 'update' | 'rollback'): Partial<RolloutPolicy> | undefined => {
  const fields = { order: 'order', delay: 'delay', parallelism: 'parallelism', failureAction: 'failure_action', maxFailureRatio: 'max_failure_ratio', monitor: 'monitor' };
  const given = Object.entries(fields).filter(([, wire]) => b[`${prefix}_${wire}`] !== undefined);
  return given.length ? Object.fromEntries(given.map(([core, wire]) => [core, b[`${prefix}_${wire}`]])) : undefined;
};

/** A service request body (create, PUT or PATCH) in the core's terms. */
export function workloadInput(b: Record<string, unknown>): WorkloadInput {
  const healthcheck = Object.fromEntries(([['path', 'healthcheck_path'], ['interval', 'healthcheck_interval'], ['timeout', 'healthcheck_timeout']] as const)
    .filter(([, wire]) => b[wire] !== undefined).map(([core, wire]) => [core, b[wire]]));
  return {
    image: b.image as string | undefined,
    replicas: b.replicas as number | undefined,
    command: b.command as string | undefined,
    args: b.args as string | undefined,
    hosts: b.hosts as string[] | undefined,
    port: b.port as number | undefined,
    protocol: b.protocol as string | undefined,
    healthcheck: Object.keys(healthcheck).length ? healthcheck : undefined,
    env: (b.environment_variables as { key: string; value?: string }[] | undefined)?.map((e) => ({ key: e.key, value: e.value ?? '' })),
    secrets: fileRefs(b.secrets, 'secrets'),
    configs: fileRefs(b.configs, 'configs'),
    mounts: (b.mounts as { source?: string; target: string; readonly?: boolean }[] | undefined)?.map((m) => {
      if (!m.source) throw fail('request.mount_source_required', {}, 'mounts');
      return { source: m.source, target: m.target, readonly: m.readonly };
    }),
    placement: b.placement_constraints as string[] | undefined,
    update: policyFrom(b, 'update'),
    rollback: policyFrom(b, 'rollback'),
  };
}

const SERVICE_EVENTS: Record<string, string> = { 'app.create': 'service.created', 'app.destroy': 'service.deleted' };
const NODE_EVENTS: Record<string, string> = { 'node.create': 'node.created', 'node.update': 'node.updated', 'node.delete': 'node.deleted' };

/**
 * The body of a delivery: `{id, object: "event", type, created, company_id, cluster_id, data: {object}}`
 * with the entity as the API shows it (a deleted service as `{id, object, name, deleted: true}`).
 */
export function medstackWebhookPayload(event: CoreEvent, _webhook: Webhook, core: Core) {
  let type: string;
  let object: unknown;
  if (event.kind === 'webhook.test') {
    type = 'webhook.test';
    object = { message: 'A test event from polypaas' };
  } else if (NODE_EVENTS[event.kind]) {
    type = NODE_EVENTS[event.kind];
    object = nodeJson(event.data.node as Node);
  } else if (event.appId || event.kind === 'app.destroy') {
    type = SERVICE_EVENTS[event.kind] ?? 'service.updated';
    const app = event.kind === 'app.destroy' ? undefined : core.access.load(String(event.data.app));
    const deleted = { id: event.appId ?? event.data.appId, object: 'service', name: event.data.serviceName ?? event.data.app, deleted: true };
    object = app ? serviceJson(core.workloads.view(app)) : deleted;
  } else {
    return undefined;
  }
  return {
    type,
    payload: {
      id: `evt_${event.id}`, object: 'event', type, created: event.endedAt ?? event.startedAt,
      company_id: event.tenantId, cluster_id: event.clusterId, data: { object },
    },
  };
}
