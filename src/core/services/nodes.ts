import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import { nodeSizes, nodes } from '../../store/schema-infra';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Cluster, Node, NodeSize, Principal } from '../model';
import type { EventService } from './events';
import type { TenancyService } from './tenancy';
import type { TimedWork, TimedWorkService } from './timedWork';
import { slot, slotsOf } from './placeholders';

/** How long each asynchronous node operation takes, by the core clock. */
export interface NodeDurations {
  provisionMs: number;
  resizeMs: number;
  rebootMs: number;
  deleteMs: number;
}

export const DEFAULT_NODE_DURATIONS: NodeDurations = { provisionMs: 3000, resizeMs: 2000, rebootMs: 1000, deleteMs: 1000 };

const RUNNING = 'running';
const OPERATING_SYSTEM = { osType: 'linux', osDistribution: 'ubuntu', osVersion: '22.04' };

/** The timed work that ends each transition, by the status the node holds meanwhile. */
const WORK_BY_STATUS: Record<string, string> = {
  provisioning: 'node.provision', resizing: 'node.resize', rebooting: 'node.reboot', deleting: 'node.delete',
};

/**
 * A cluster's machines. Create, resize, reboot and delete are asynchronous: the node takes a
 * transitional status at once and timed work ends it when its time has come on the core clock
 * (running again, with a new size after a resize, or gone after a delete). Each change is an event.
 */
export class NodeService {
  constructor(
    private readonly ctx: CoreContext,
    private readonly tenancy: TenancyService,
    private readonly events: EventService,
    private readonly durations: NodeDurations,
    private readonly timedWork: TimedWorkService,
  ) {
    for (const kind of Object.values(WORK_BY_STATUS)) timedWork.register(kind, (work) => this.settle(work));
    const db = ctx.store.db;
    const p = sql.placeholder;
    const inCluster = eq(nodes.clusterId, p('clusterId'));
    const byId = eq(nodes.id, p('id'));
    this.sizesFor = db.select().from(nodeSizes).where(or(isNull(nodeSizes.clusterId), eq(nodeSizes.clusterId, p('clusterId'))))
      .orderBy(asc(nodeSizes.vcpu), asc(nodeSizes.memory), asc(nodeSizes.id)).prepare();
    this.sizeById = db.select().from(nodeSizes).where(eq(nodeSizes.id, p('id'))).prepare();
    this.ofCluster = db.select().from(nodes).where(inCluster).orderBy(asc(nodes.createdAt), asc(nodes.id)).prepare();
    this.anyInCluster = db.select({ id: nodes.id }).from(nodes).where(inCluster).prepare();
    this.inCluster = db.select().from(nodes).where(and(inCluster, byId)).prepare();
    this.byId = db.select().from(nodes).where(byId).prepare();
    this.insertOne = db.insert(nodes).values(slotsOf(nodes)).returning().prepare();
    this.setStatus = db.update(nodes).set({ status: slot('status'), sizeId: slot('sizeId'), updatedAt: slot('now') }).where(byId).returning().prepare();
    this.deleteOne = db.delete(nodes).where(byId).prepare();
  }

  /** The statements of every node request and settlement, prepared once. */
  private readonly sizesFor;
  private readonly sizeById;
  private readonly ofCluster;
  private readonly anyInCluster;
  private readonly inCluster;
  private readonly byId;
  private readonly insertOne;
  private readonly setStatus;
  private readonly deleteOne;

  sizes(principal: Principal, tenantId: string, clusterId: string): NodeSize[] {
    this.tenancy.requireCluster(principal, tenantId, clusterId);
    return this.sizesFor.all({ clusterId });
  }

  list(principal: Principal, tenantId: string, clusterId: string): Node[] {
    this.tenancy.requireCluster(principal, tenantId, clusterId);
    return this.ofCluster.all({ clusterId });
  }

  get(principal: Principal, tenantId: string, clusterId: string, nodeId: string): Node {
    this.tenancy.requireCluster(principal, tenantId, clusterId);
    return this.find(clusterId, nodeId);
  }

  create(principal: Principal, tenantId: string, clusterId: string, sizeId: string): Node {
    return this.ctx.store.tx(() => {
      const cluster = this.tenancy.requireCluster(principal, tenantId, clusterId, 'write');
      this.requireSize(clusterId, sizeId);
      const first = !this.anyInCluster.get({ clusterId });
      const now = nowIso(this.ctx);
      const node = this.insertOne.get({
        id: this.ctx.ids.uuid(), clusterId, sizeId, status: 'provisioning',
        publicIp: documentationAddress(this.ctx.ids.uuid()), swarmManager: first, ...OPERATING_SYSTEM,
        createdAt: now, updatedAt: now,
      })!;
      this.timedWork.schedule(WORK_BY_STATUS.provisioning, workTarget(node), this.durations.provisionMs);
      this.record(cluster, node, 'node.create', principal.username);
      return node;
    });
  }

  resize(principal: Principal, tenantId: string, clusterId: string, nodeId: string, sizeId: string): Node {
    return this.transition(principal, tenantId, clusterId, nodeId, 'resizing', this.durations.resizeMs, (cluster) => {
      this.requireSize(cluster.id, sizeId);
      return { sizeId };
    });
  }

  reboot(principal: Principal, tenantId: string, clusterId: string, nodeId: string): Node {
    return this.transition(principal, tenantId, clusterId, nodeId, 'rebooting', this.durations.rebootMs);
  }

  remove(principal: Principal, tenantId: string, clusterId: string, nodeId: string): Node {
    return this.transition(principal, tenantId, clusterId, nodeId, 'deleting', this.durations.deleteMs);
  }

  /**
   * Ends a transition whose time has come: the node is gone after a delete, else running again (with
   * the size a resize asked for), as of the moment it was due. A node deleted meanwhile with its
   * cluster leaves nothing to do.
   */
  private settle(work: TimedWork): void {
    const node = this.byId.get({ id: work.target.slice(NODE_TARGET.length) });
    if (!node) return;
    const cluster = this.tenancy.clusterById(node.clusterId);
    if (work.kind === WORK_BY_STATUS.deleting) {
      this.deleteOne.run({ id: node.id });
      this.record(cluster, node, 'node.delete', 'platform');
      return;
    }
    const sizeId = typeof work.payload.sizeId === 'string' ? work.payload.sizeId : node.sizeId;
    const settled = this.setStatus.get({ id: node.id, status: RUNNING, sizeId, now: work.settlesAt })!;
    this.record(cluster, settled, 'node.update', 'platform');
  }

  private transition(
    principal: Principal, tenantId: string, clusterId: string, nodeId: string, status: string, ms: number,
    payloadFor: (cluster: Cluster) => Record<string, unknown> = () => ({}),
  ): Node {
    return this.ctx.store.tx(() => {
      const cluster = this.tenancy.requireCluster(principal, tenantId, clusterId, 'write');
      const node = this.find(clusterId, nodeId);
      if (node.status !== RUNNING) throw fail('node.busy', { status: node.status });
      const payload = payloadFor(cluster);
      const changed = this.setStatus.get({ id: node.id, status, sizeId: node.sizeId, now: nowIso(this.ctx) })!;
      this.timedWork.schedule(WORK_BY_STATUS[status], workTarget(node), ms, payload);
      this.record(cluster, changed, 'node.update', principal.username);
      return changed;
    });
  }

  private find(clusterId: string, nodeId: string): Node {
    const node = this.inCluster.get({ clusterId, id: nodeId });
    if (!node) throw fail('node.not_found', { id: nodeId });
    return node;
  }

  private requireSize(clusterId: string, sizeId: string): void {
    const size = this.sizeById.get({ id: sizeId });
    if (!size || (size.clusterId !== null && size.clusterId !== clusterId)) throw fail('node.size_unknown', { size: sizeId }, 'size_id');
  }

  private record(cluster: Cluster, node: Node, kind: string, actor: string): void {
    this.events.record({ tenantId: cluster.tenantId, clusterId: cluster.id }, kind, actor, { node }, { type: 'node', value: node.id });
  }
}

const NODE_TARGET = 'node:';
const workTarget = (node: Pick<Node, 'id'>) => `${NODE_TARGET}${node.id}`;

/** A public address from TEST-NET-3 (RFC 5737), which is never routed: a node's address is only a label. */
function documentationAddress(seed: string): string {
  const n = [...seed].reduce((sum, c) => (sum * 31 + c.charCodeAt(0)) % 254, 7);
  return `203.0.113.${n + 1}`;
}
