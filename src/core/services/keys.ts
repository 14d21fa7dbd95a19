import { and, asc, eq, sql } from 'drizzle-orm';
import { sshKeys } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import { requireUser } from './principals';
import type { Principal, SshKey } from '../model';
import { slot } from './placeholders';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A user's SSH public keys: names unique per user, key material unique across everyone. */
export class KeyService {
  constructor(private readonly ctx: CoreContext) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    const ofUser = eq(sshKeys.userId, p('userId'));
    const named = and(ofUser, eq(sshKeys.name, p('name')));
    this.ofUser = db.select().from(sshKeys).where(ofUser).orderBy(asc(sshKeys.createdAt), asc(sshKeys.name)).prepare();
    this.byName = db.select().from(sshKeys).where(named).prepare();
    this.byMaterial = db.select({ id: sshKeys.id }).from(sshKeys).where(eq(sshKeys.publicKey, p('publicKey'))).prepare();
    this.insertOne = db.insert(sshKeys).values({
      id: slot('id'), userId: slot('userId'), name: slot('name'), publicKey: slot('publicKey'), createdAt: slot('now'), updatedAt: slot('now'),
    }).returning().prepare();
    this.deleteNamed = db.delete(sshKeys).where(named).returning().prepare();
  }

  /** The statements of every key request, prepared once. */
  private readonly ofUser;
  private readonly byName;
  private readonly byMaterial;
  private readonly insertOne;
  private readonly deleteNamed;

  list(principal: Principal): SshKey[] {
    return this.ofUser.all({ userId: requireUser(principal) });
  }

  get(principal: Principal, name: string): SshKey {
    const key = this.byName.get({ userId: requireUser(principal), name });
    if (!key) throw fail('key.not_found', { name });
    return key;
  }

  add(principal: Principal, name: string, publicKey: string): SshKey {
    return this.ctx.store.tx(() => {
      if (!name) throw fail('key.name_required', {}, 'name');
      validatePublicKey(publicKey);
      const userId = requireUser(principal);
      if (this.byName.get({ userId, name })) throw fail('key.name_taken', { name });
      if (this.byMaterial.get({ publicKey })) throw fail('key.public_taken', {}, 'public');
      return this.insertOne.get({ id: this.ctx.ids.uuid(), userId, name, publicKey, now: nowIso(this.ctx) })!;
    });
  }

  remove(principal: Principal, name: string): void {
    this.ctx.store.tx(() => {
      const deleted = this.deleteNamed.get({ userId: requireUser(principal), name });
      if (!deleted) throw fail('key.not_found', { name });
    });
  }
}

function validatePublicKey(publicKey: string): void {
  if (!publicKey) throw fail('key.public_required', {}, 'public');
  const [type, material] = publicKey.trim().split(/\s+/);
  if (!/^(ssh-|ecdsa-)/.test(type) || !material || !BASE64.test(material) || material.length % 4 !== 0) {
    throw fail('key.public_invalid', {}, 'public');
  }
}
