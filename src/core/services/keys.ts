import { and, asc, eq } from 'drizzle-orm';
import { sshKeys } from '../../store/schema';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import { requireUser } from './principals';
import type { Principal, SshKey } from '../model';

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** A user's SSH public keys: names unique per user, key material unique across everyone. */
export class KeyService {
  constructor(private readonly ctx: CoreContext) {}

  private get db() { return this.ctx.store.db; }

  list(principal: Principal): SshKey[] {
    return this.db.select().from(sshKeys).where(eq(sshKeys.userId, requireUser(principal))).orderBy(asc(sshKeys.createdAt), asc(sshKeys.name)).all();
  }

  get(principal: Principal, name: string): SshKey {
    const key = this.db.select().from(sshKeys).where(and(eq(sshKeys.userId, requireUser(principal)), eq(sshKeys.name, name))).get();
    if (!key) throw fail('key.not_found', { name });
    return key;
  }

  add(principal: Principal, name: string, publicKey: string): SshKey {
    return this.ctx.store.tx(() => {
      if (!name) throw fail('key.name_required', {}, 'name');
      validatePublicKey(publicKey);
      if (this.db.select().from(sshKeys).where(and(eq(sshKeys.userId, requireUser(principal)), eq(sshKeys.name, name))).get()) {
        throw fail('key.name_taken', { name });
      }
      if (this.db.select().from(sshKeys).where(eq(sshKeys.publicKey, publicKey)).get()) {
        throw fail('key.public_taken', {}, 'public');
      }
      const now = nowIso(this.ctx);
      return this.db.insert(sshKeys).values({
        id: this.ctx.ids.uuid(), userId: requireUser(principal), name, publicKey, createdAt: now, updatedAt: now,
      }).returning().get();
    });
  }

  remove(principal: Principal, name: string): void {
    this.ctx.store.tx(() => {
      const deleted = this.db.delete(sshKeys).where(and(eq(sshKeys.userId, requireUser(principal)), eq(sshKeys.name, name))).returning().get();
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
