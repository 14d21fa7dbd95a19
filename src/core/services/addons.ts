import type { addonInstances, addonServices, AddonPlan } from '../../store/schema-addons';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { App, Principal, VariableChange } from '../model';
import type { AccessPolicy } from './access';
import { appScope, type EventService } from './events';
import type { ReleaseService } from './releases';
import type { VariableService } from './variables';
import { groupBy } from './rowGroups';
import { prepareAddonStatements } from './addonStatements';

export type AddonService = typeof addonServices.$inferSelect;
export type AddonInstance = typeof addonInstances.$inferSelect;

const NAME = /^[a-z][a-z0-9-]{0,39}$/;

export interface InstanceView extends AddonInstance {
  teams: string[];
  apps: string[];
  planDescription: string;
}

/** A variable name prefix for a service: `mysql` → `MYSQL`, `redis-cache` → `REDIS_CACHE`. */
const prefixOf = (service: string) => service.toUpperCase().replace(/[^A-Z0-9]/g, '_');

/**
 * Add-on services and their instances. Services are offered by a team and listed to everyone; an
 * instance belongs to a team and may be shared with more; binding it to an app exports its
 * variables into the app (a new release), and unbinding removes exactly those.
 */
export class AddonRegistry {
  constructor(
    private readonly ctx: CoreContext,
    private readonly access: AccessPolicy,
    private readonly releases: ReleaseService,
    private readonly variables: VariableService,
    private readonly events: EventService,
  ) {
    this.statements = prepareAddonStatements(ctx.store.db);
  }

  private readonly statements: ReturnType<typeof prepareAddonStatements>;

  services(): AddonService[] {
    return this.statements.allServices.all();
  }

  service(name: string): AddonService {
    const found = this.statements.serviceNamed.get({ name });
    if (!found) throw fail('addon.service_not_found', { service: name });
    return found;
  }

  createService(p: Principal, input: { name: string; team: string; endpoint: string; username: string; password: string }): AddonService {
    return this.ctx.store.tx(() => {
      if (!NAME.test(input.name)) throw fail('addon.service_name_invalid', { service: input.name }, 'id');
      this.access.checkTenant(p, input.team, 'write');
      if (this.statements.serviceNamed.get({ name: input.name })) throw fail('addon.service_taken', { service: input.name }, 'id');
      const { name, endpoint, username, password } = input;
      const row = this.statements.insertService.get({ name, endpoint, username, password, doc: '', plans: [], tenantId: input.team, createdAt: nowIso(this.ctx) })!;
      this.events.record({ tenantId: input.team }, 'service.create', p.username, { service: input.name }, { type: 'service', value: input.name });
      return row;
    });
  }

  /** Changes the service's API settings, its doc or its plans; only its team's admins and members may. */
  updateService(p: Principal, name: string, changes: Partial<Pick<AddonService, 'endpoint' | 'username' | 'password' | 'doc'>> & { plans?: AddonPlan[] }): void {
    this.ctx.store.tx(() => {
      const svc = this.owned(p, name);
      const { endpoint, username, password, doc, plans } = svc;
      this.statements.updateService.run({ name: svc.name, ...kept({ endpoint, username, password, doc, plans }, changes) });
      this.events.record({ tenantId: svc.tenantId }, 'service.update', p.username, { service: name }, { type: 'service', value: name });
    });
  }

  removeService(p: Principal, name: string): void {
    this.ctx.store.tx(() => {
      const svc = this.owned(p, name);
      if (this.statements.anyInstanceOf.get({ name })) throw fail('addon.service_in_use', { service: name });
      this.statements.deleteService.run({ name });
      this.events.record({ tenantId: svc.tenantId }, 'service.delete', p.username, { service: name }, { type: 'service', value: name });
    });
  }

  createInstance(p: Principal, serviceName: string, input: { name: string; plan: string; team: string; description: string; tags: string[]; parameters: Record<string, string> }): InstanceView {
    return this.ctx.store.tx(() => {
      const svc = this.service(serviceName);
      if (!NAME.test(input.name)) throw fail('addon.instance_name_invalid', { instance: input.name }, 'name');
      this.access.checkTenant(p, input.team, 'write');
      const plan = this.plan(svc, input.plan);
      if (this.find(serviceName, input.name)) throw fail('addon.instance_taken', { instance: input.name }, 'name');
      const { name, description, tags, parameters } = input;
      this.statements.insertInstance.run({ serviceName, name, tenantId: input.team, plan, description, tags, parameters, createdAt: nowIso(this.ctx) });
      this.events.record({ tenantId: input.team }, 'service-instance.create', p.username, { service: serviceName, instance: input.name },
        { type: 'service-instance', value: `${serviceName}/${input.name}` });
      return this.instance(p, serviceName, input.name);
    });
  }

  /** The instances the caller may see (of its teams, or shared with them), by service and name; of one app, when named. */
  instances(p: Principal, appName?: string): InstanceView[] {
    const app = appName ? this.access.app(p, appName) : undefined;
    return this.views(this.statements.visibleInstances.all({ teams: JSON.stringify([...p.roles.keys()]), appId: app?.id ?? null }));
  }

  instance(p: Principal, serviceName: string, name: string): InstanceView {
    this.service(serviceName);
    const row = this.find(serviceName, name);
    const view = row && this.views([row])[0];
    if (!view || !view.teams.some((t) => p.roles.has(t))) throw fail('addon.instance_not_found', { service: serviceName, instance: name });
    return view;
  }

  updateInstance(p: Principal, serviceName: string, name: string, changes: { description?: string; team?: string; plan?: string; tags?: string[]; parameters?: Record<string, string> }): void {
    this.ctx.store.tx(() => {
      const current = this.writable(p, serviceName, name);
      if (changes.team) this.access.checkTenant(p, changes.team, 'write');
      const plan = changes.plan ? this.plan(this.service(serviceName), changes.plan) : undefined;
      // Empty values keep the current ones, as tsuru's update does.
      this.statements.updateInstance.run({
        id: current.id, description: changes.description || current.description, tenantId: changes.team || current.tenantId, plan: plan ?? current.plan,
        tags: changes.tags?.length ? changes.tags : current.tags,
        parameters: changes.parameters && Object.keys(changes.parameters).length ? changes.parameters : current.parameters,
      });
      this.recordInstance(p, current, 'service-instance.update', changes);
    });
  }

  /** Removes an instance; while bound to apps only with `unbindAll`, which unbinds each first. */
  removeInstance(p: Principal, serviceName: string, name: string, unbindAll: boolean): string[] {
    return this.ctx.store.tx(() => {
      const instance = this.writable(p, serviceName, name);
      if (instance.apps.length && !unbindAll) throw fail('addon.instance_bound', { instance: name });
      for (const appName of instance.apps) this.unbind(p, serviceName, name, appName);
      this.statements.deleteInstance.run({ id: instance.id });
      this.recordInstance(p, instance, 'service-instance.delete');
      return instance.apps;
    });
  }

  shareWith(p: Principal, serviceName: string, name: string, team: string, share: boolean): void {
    this.ctx.store.tx(() => {
      const instance = this.writable(p, serviceName, name);
      this.access.checkTenant(p, team);
      (share ? this.statements.shareInstance : this.statements.unshareInstance).run({ instanceId: instance.id, tenantId: team });
      this.recordInstance(p, instance, share ? 'service-instance.update.grant' : 'service-instance.update.revoke', { team });
    });
  }

  /** Binds an instance to an app: its variables go into the app's environment as a new release. */
  bind(p: Principal, serviceName: string, name: string, appName: string): { variables: string[]; version: number } {
    return this.ctx.store.tx(() => {
      const instance = this.instance(p, serviceName, name);
      const app = this.access.app(p, appName, 'write');
      if (instance.apps.includes(app.name)) throw fail('addon.already_bound', { instance: name, app: app.name });
      this.statements.insertBinding.run({ instanceId: instance.id, appId: app.id, now: nowIso(this.ctx) });
      const changes = this.exported(instance);
      const release = this.releases.deploy(app, p.username, { variables: changes, variableSource: `binding:${instance.id}` });
      this.events.record(appScope(app), 'app.update.bind', p.username, { app: app.name, service: serviceName, instance: name, version: release.version });
      return { variables: changes.map((c) => c.name), version: release.version };
    });
  }

  /** Unbinds, removing exactly the variables the binding exported. */
  unbind(p: Principal, serviceName: string, name: string, appName: string): { variables: string[]; version: number } {
    return this.ctx.store.tx(() => {
      const instance = this.instance(p, serviceName, name);
      const app = this.access.app(p, appName, 'write');
      const deleted = this.statements.deleteBinding.run({ instanceId: instance.id, appId: app.id }).changes;
      if (!deleted) throw fail('addon.not_bound', { instance: name, app: app.name });
      const source = `binding:${instance.id}`;
      const changes: VariableChange[] = this.variables.list(app.environmentId).filter((v) => v.source === source)
        .map((v) => ({ kind: v.kind, name: v.name, value: null }));
      const release = this.releases.deploy(app, p.username, { variables: changes, variableSource: source });
      this.events.record(appScope(app), 'app.update.unbind', p.username, { app: app.name, service: serviceName, instance: name, version: release.version });
      return { variables: changes.map((c) => c.name), version: release.version };
    });
  }

  /** The instances bound to an app, for its info. */
  boundTo(app: App): AddonInstance[] {
    return this.statements.boundToApp.all({ appId: app.id }).map((r) => r.instance);
  }

  /** What a binding sets: where to reach the instance, its name and plan, and each of its parameters. */
  private exported(instance: AddonInstance): VariableChange[] {
    const prefix = prefixOf(instance.serviceName);
    const values: Record<string, string> = {
      [`${prefix}_HOST`]: `${instance.name}.${instance.serviceName}.${this.ctx.settings.appDomain}`,
      [`${prefix}_INSTANCE_NAME`]: instance.name,
      [`${prefix}_PLAN`]: instance.plan,
    };
    for (const [key, value] of Object.entries(instance.parameters)) values[`${prefix}_${prefixOf(key)}`] = value;
    return Object.entries(values).map(([name, value]) => ({ kind: 'env', name, value }));
  }

  private recordInstance(p: Principal, instance: AddonInstance, kind: string, data: Record<string, unknown> = {}): void {
    this.events.record({ tenantId: instance.tenantId }, kind, p.username, { service: instance.serviceName, instance: instance.name, ...data },
      { type: 'service-instance', value: `${instance.serviceName}/${instance.name}` });
  }

  private plan(svc: AddonService, plan: string): string {
    if (!plan && !svc.plans.length) return '';
    const found = plan ? svc.plans.find((p) => p.name === plan) : svc.plans[0];
    if (!found) throw fail('addon.plan_unknown', { plan }, 'plan');
    return found.name;
  }

  private owned(p: Principal, name: string): AddonService {
    const svc = this.service(name);
    this.access.checkTenant(p, svc.tenantId, 'write');
    return svc;
  }

  private writable(p: Principal, serviceName: string, name: string): InstanceView {
    const instance = this.instance(p, serviceName, name);
    this.access.checkTenant(p, instance.tenantId, 'write');
    return instance;
  }

  private find(serviceName: string, name: string): AddonInstance | undefined {
    return this.statements.instanceNamed.get({ service: serviceName, name });
  }

  /** The instances with their teams, bound apps and plan's description: three statements for any number of instances. */
  private views(rows: AddonInstance[]): InstanceView[] {
    const ids = { ids: JSON.stringify(rows.map((r) => r.id)) };
    const shared = groupBy(this.statements.sharedWith.all(ids), (r) => String(r.instanceId));
    const bound = groupBy(this.statements.boundApps.all(ids), (r) => String(r.instanceId));
    const services = new Map(this.services().map((svc) => [svc.name, svc]));
    return rows.map((row) => {
      const teams = (shared.get(String(row.id)) ?? []).map((r) => r.tenantId).filter((t) => t !== row.tenantId);
      const plan = services.get(row.serviceName)?.plans.find((p) => p.name === row.plan);
      return { ...row, teams: [row.tenantId, ...teams], apps: (bound.get(String(row.id)) ?? []).map((r) => r.name), planDescription: plan?.description ?? '' };
    });
  }
}

/** The current values, with each change that was given (an undefined one keeps its value, as drizzle's partial set did). */
function kept<Row extends object>(current: Row, changes: Partial<Row>): Row {
  const given = Object.entries(changes).filter(([, value]) => value !== undefined);
  return { ...current, ...Object.fromEntries(given) };
}
