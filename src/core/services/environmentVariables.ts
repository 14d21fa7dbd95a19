import { and, asc, eq, max, sql } from 'drizzle-orm';
import { variables } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail, hiddenAs } from '../errors';
import type { Principal, Variable } from '../model';
import type { EnvironmentService, Staged } from './environments';
import { appScope, type EventService } from './events';
import { checkVariable } from './variables';
import { slot } from './placeholders';
import { VariableList } from './variableList';
import type { ListSource } from '../../store/paginate';

const NAME_MAX = 255;
const VALUE_MAX = 10_000;

export interface VariableFilter {
  appIds?: string[];
  environmentIds?: string[];
  ids?: string[];
  name?: string;
  environmentName?: string;
  isSensitive?: boolean;
  isReadOnly?: boolean;
}

export interface VariableInput {
  name?: string;
  value?: string;
  isSensitive?: boolean;
  patternReplacement?: boolean;
}

/** A variable with the environment (and app) it belongs to. */
export type StagedVariable = Variable & Staged;

/**
 * An environment's variables one by one (Divio's environment variables): each has an id, an order the
 * user may change, and may be sensitive. Changes take effect at the environment's next deployment,
 * which snapshots them into its release. Variables an add-on exports are read-only.
 */
export class EnvironmentVariableService {
  constructor(private readonly ctx: CoreContext, private readonly environments: EnvironmentService, private readonly events: EventService) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    this.byId = db.select().from(variables).where(and(eq(variables.id, p('id')), eq(variables.kind, 'env'))).prepare();
    this.ofEnvironment = db.select().from(variables).where(and(eq(variables.environmentId, p('environmentId')), eq(variables.kind, 'env')))
      .orderBy(asc(variables.position)).prepare();
    this.listing = new VariableList(db);
    this.anyById = db.select().from(variables).where(eq(variables.id, p('id'))).prepare();
    this.named = db.select({ id: variables.id }).from(variables)
      .where(and(eq(variables.environmentId, p('environmentId')), eq(variables.kind, 'env'), eq(variables.name, p('name')))).prepare();
    this.lastPosition = db.select({ n: max(variables.position) }).from(variables).where(eq(variables.environmentId, p('environmentId'))).prepare();
    this.insertOne = db.insert(variables).values({
      id: slot('id'), environmentId: slot('environmentId'), kind: 'env', name: slot('name'), value: slot('value'), isSensitive: slot('isSensitive'),
      patternReplacement: slot('patternReplacement'), position: slot('position'), createdAt: slot('now'), updatedAt: slot('now'),
    }).returning().prepare();
    this.updateOne = db.update(variables)
      .set({ name: slot('name'), value: slot('value'), patternReplacement: slot('patternReplacement'), updatedAt: slot('updatedAt') })
      .where(eq(variables.id, p('id'))).returning().prepare();
    this.deleteOne = db.delete(variables).where(eq(variables.id, p('id'))).prepare();
    this.placeAt = db.update(variables).set({ position: slot('position') }).where(eq(variables.id, p('id'))).prepare();
  }

  /** The statements of every variable request, reads and writes, prepared once. */
  private readonly byId;
  private readonly ofEnvironment;
  private readonly listing: VariableList;
  private readonly anyById;
  private readonly named;
  private readonly lastPosition;
  private readonly insertOne;
  private readonly updateOne;
  private readonly deleteOne;
  private readonly placeAt;

  /** Needs an app or an environment to look in, as the real API does. */
  /** Filtered, counted and paged in SQL, in the environments' order. */
  list(p: Principal, filter: VariableFilter): ListSource<StagedVariable> {
    if (!filter.appIds?.length && !filter.environmentIds?.length) throw fail('variable.scope_required');
    return this.listing.list(p, filter);
  }

  get(p: Principal, id: string, action: 'read' | 'write' = 'read'): StagedVariable {
    const variable = this.byId.get({ id });
    if (!variable) throw fail('variable.not_found', { id });
    return hiddenAs('environment.not_found', fail('variable.not_found', { id }), () => ({ ...variable, ...this.environments.get(p, variable.environmentId, action) }));
  }

  create(p: Principal, environmentId: string, input: VariableInput): StagedVariable {
    const staged = this.environments.get(p, environmentId, 'write');
    const name = input.name ?? '';
    this.check(name, input.value ?? '');
    this.refuseTaken(environmentId, name);
    const now = nowIso(this.ctx);
    const position = (this.lastPosition.get({ environmentId })?.n ?? 0) + 1;
    const variable = this.insertOne.get({
      id: this.ctx.ids.uuid(), environmentId, name, value: input.value ?? '', isSensitive: input.isSensitive ?? false,
      patternReplacement: input.patternReplacement ?? false, position, now,
    })!;
    this.record(p, staged, 'variable.create', name);
    return { ...variable, ...staged };
  }

  update(p: Principal, id: string, input: VariableInput): StagedVariable {
    const current = this.get(p, id, 'write');
    if (current.source !== 'user') throw fail('variable.read_only', { name: current.name });
    const name = input.name ?? current.name;
    const value = input.value ?? String(current.value);
    this.check(name, value);
    if (name !== current.name) this.refuseTaken(current.environmentId, name);
    const updated = this.updateOne.get({
      id, name, value, patternReplacement: input.patternReplacement ?? current.patternReplacement, updatedAt: nowIso(this.ctx),
    })!;
    this.record(p, current, 'variable.update', name);
    return { ...updated, app: current.app, environment: current.environment };
  }

  destroy(p: Principal, id: string): void {
    const current = this.get(p, id, 'write');
    if (current.source !== 'user') throw fail('variable.read_only', { name: current.name });
    this.deleteOne.run({ id });
    this.record(p, current, 'variable.destroy', current.name);
  }

  /** Puts the variable right before or after `targetId`, another variable of its environment. */
  move(p: Principal, id: string, targetId: string, where: 'before' | 'after'): StagedVariable {
    const moving = this.get(p, id, 'write');
    const target = this.anyById.get({ id: targetId });
    if (!target || target.environmentId !== moving.environmentId || target.kind !== 'env') throw fail('variable.target_invalid', { id: targetId }, 'target');
    const order = this.of(moving.environmentId).filter((v) => v.id !== id);
    const at = order.findIndex((v) => v.id === targetId) + (where === 'after' ? 1 : 0);
    order.splice(at, 0, moving);
    order.forEach((v, i) => this.placeAt.run({ id: v.id, position: i + 1 }));
    this.record(p, moving, 'variable.move', moving.name);
    return this.get(p, id);
  }

  /** An environment's own variables, in their order. */
  of(environmentId: string): Variable[] {
    return this.ofEnvironment.all({ environmentId });
  }

  /** Name errors go under the field the core reports variable names under (`variables`), as checkVariable's do. */
  private check(name: string, value: string): void {
    if (!name) throw fail('variable.name_required', {}, 'variables');
    if (name.length > NAME_MAX) throw fail('variable.name_too_long', { max: NAME_MAX }, 'variables');
    checkVariable('env', name, value);
    if (value.length > VALUE_MAX) throw fail('variable.value_too_long', { max: VALUE_MAX }, 'value');
  }

  private refuseTaken(environmentId: string, name: string): void {
    if (this.named.get({ environmentId, name })) {
      throw fail('variable.name_taken', { name });
    }
  }

  private record(p: Principal, { app, environment }: Staged, kind: string, name: string): void {
    this.events.record(appScope(app), kind, p.username, { app: app.name, environment: environment.name, variable: name });
  }
}
