import { and, asc, eq, max, sql } from 'drizzle-orm';
import { variables, type VariableSnapshot } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Variable, VariableChange, VariableKind, VariableValue } from '../model';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MEMORY = /^[0-9]+[BbKkMmGg]$/;
const TAG_NAME = /^[a-z]+$/;

/** What each kind of variable accepts: environment names, memory limits, CPU shares, tag names. */
const RULES: Record<VariableKind, (name: string, value: VariableValue) => void> = {
  env: (name) => {
    if (!ENV_NAME.test(name)) throw fail('variable.name_invalid', { name, kind: 'env' }, 'variables');
  },
  memory: (name, value) => {
    if (!MEMORY.test(String(value))) throw fail('variable.memory_invalid', { name }, 'memory');
  },
  cpu: (name, value) => {
    if (!/^\d+$/.test(String(value)) || Number(value) > 1024) throw fail('variable.cpu_invalid', { name }, 'cpu');
  },
  tag: (name) => {
    if (!TAG_NAME.test(name)) throw fail('variable.tag_invalid', { name }, 'tags');
  },
};

/** Refuses a variable the rules of its kind do not allow (reported under the kind's input field). */
export const checkVariable = (kind: VariableKind, name: string, value: VariableValue) => RULES[kind](name, value);

/** The input field each kind is reported under, in core terms (dialects rename them). */
const FIELD: Record<VariableKind, string> = { env: 'variables', memory: 'memory', cpu: 'cpu', tag: 'tags' };

/**
 * An environment's variables, one row each. Every dialect's view (Deis' config maps, Tsuru's env list,
 * Divio's environment variables, MedStack's environment_variables) reads and writes these rows; a
 * release keeps a snapshot of them. Values keep the JSON type the client sent.
 */
export class VariableService {
  private readonly ofEnvironment;
  /** The statements of `apply`, which every change of variables runs, and of `restore`: prepared once. */
  private readonly lastPosition;
  private readonly removeAll;
  private readonly removeOne;
  private readonly updateOne;
  private readonly insertOne;

  constructor(private readonly ctx: CoreContext) {
    const p = sql.placeholder;
    const db = ctx.store.db;
    const one = and(eq(variables.environmentId, p('environmentId')), eq(variables.kind, p('kind')), eq(variables.name, p('name')));
    this.ofEnvironment = db.select().from(variables).where(eq(variables.environmentId, p('environmentId')))
      .orderBy(asc(variables.position)).prepare();
    this.lastPosition = db.select({ n: max(variables.position) }).from(variables).where(eq(variables.environmentId, p('environmentId'))).prepare();
    this.removeOne = db.delete(variables).where(one).prepare();
    this.removeAll = db.delete(variables).where(eq(variables.environmentId, p('environmentId'))).prepare();
    // Raw placeholders here: the value goes in as JSON text, and a null isSensitive keeps the flag it has.
    this.updateOne = db.update(variables).set({
      value: sql`${p('json')}`, source: sql`${p('source')}`, updatedAt: sql`${p('updatedAt')}`,
      isSensitive: sql`coalesce(${p('isSensitive')}, ${variables.isSensitive})`,
    }).where(one).prepare();
    this.insertOne = db.insert(variables).values({
      id: p('id'), environmentId: p('environmentId'), kind: p('kind'), name: p('name'), value: p('value'), isSensitive: p('isSensitive'),
      source: p('source'), position: p('position'), createdAt: p('createdAt'), updatedAt: p('updatedAt'),
    }).prepare();
  }

  list(environmentId: string): Variable[] {
    return this.ofEnvironment.all({ environmentId });
  }

  snapshot(environmentId: string): VariableSnapshot[] {
    return this.list(environmentId).map(({ kind, name, value, isSensitive, source }) => ({ kind, name, value, isSensitive, source }));
  }

  /** Sets and removes (value null) variables; new ones go last. Checked before anything is written. */
  apply(environmentId: string, changes: VariableChange[], source = 'user'): void {
    for (const change of changes) {
      if (change.value !== null) {
        if (typeof change.value === 'object') throw fail('variable.value_invalid', { name: change.name }, FIELD[change.kind]);
        RULES[change.kind](change.name, change.value);
      }
    }
    const now = nowIso(this.ctx);
    // The last position given, read only when a variable is new: most changes update one that exists.
    let last: number | undefined;
    for (const { kind, name, value, isSensitive } of changes) {
      if (value === null) {
        this.removeOne.run({ environmentId, kind, name });
        continue;
      }
      const flag = isSensitive === undefined ? null : Number(isSensitive);
      // Counted, not RETURNING: a RETURNING clause doubled the statement's cost.
      const updated = this.updateOne.run({ environmentId, kind, name, json: JSON.stringify(value), source, updatedAt: now, isSensitive: flag });
      if (updated.changes === 0) {
        this.insertOne.run({
          id: this.ctx.ids.uuid(), environmentId, kind, name, value, isSensitive: isSensitive ?? false, source,
          position: last = (last ?? this.lastPosition.get({ environmentId })?.n ?? 0) + 1, createdAt: now, updatedAt: now,
        });
      }
    }
  }

  /** Makes the environment's variables exactly a release's snapshot (a rollback). */
  restore(environmentId: string, snapshot: VariableSnapshot[]): void {
    this.removeAll.run({ environmentId });
    const now = nowIso(this.ctx);
    snapshot.forEach((v, i) => {
      // A snapshot written before a field existed leaves it out: the column's default, as a partial insert had it.
      this.insertOne.run({
        id: this.ctx.ids.uuid(), environmentId, kind: v.kind, name: v.name, value: v.value, isSensitive: v.isSensitive ?? false,
        source: v.source ?? 'user', position: i + 1, createdAt: now, updatedAt: now,
      });
    });
  }
}

/** A snapshot's variables of one kind as a map, the shape Deis shows and processes receive. */
export function variableMap(snapshot: readonly Pick<VariableSnapshot, 'kind' | 'name' | 'value'>[], kind: VariableKind): Record<string, VariableValue> {
  const map: Record<string, VariableValue> = Object.create(null);
  for (const v of snapshot) if (v.kind === kind) map[v.name] = v.value;
  return map;
}
