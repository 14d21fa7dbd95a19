import { and, asc, eq, sql } from 'drizzle-orm';
import { tokens, users } from '../../store/schema';
import { tokenDetails } from '../../store/schema-catalogue';
import type { CoreContext } from '../context';
import { nowIso } from '../context';
import { fail } from '../errors';
import type { Principal, Token } from '../model';
import type { AccessPolicy } from './access';
import type { EventService } from './events';
import { slot } from './placeholders';

export interface TeamToken extends Token {
  description: string;
  creatorEmail: string;
}

/**
 * A tenant's own tokens (Tsuru team tokens): named by an id unique among its tenant's, optionally
 * expiring; members read them, admins and members make and revoke them. They act as a member of it.
 */
export class TeamTokenService {
  constructor(private readonly ctx: CoreContext, private readonly access: AccessPolicy, private readonly events: EventService) {
    const db = ctx.store.db;
    const p = sql.placeholder;
    this.ofTeams = db.select({ token: tokens, details: tokenDetails }).from(tokens).leftJoin(tokenDetails, eq(tokenDetails.token, tokens.token))
      .where(and(eq(tokens.kind, 'team'), sql`${tokens.tenantId} IN (SELECT value FROM json_each(${p('teams')}))`))
      .orderBy(asc(tokens.tenantId), asc(tokens.name)).prepare();
    this.named = db.select({ token: tokens.token }).from(tokens)
      .where(and(eq(tokens.kind, 'team'), eq(tokens.tenantId, p('team')), eq(tokens.name, p('tokenId')))).prepare();
    this.insertToken = db.insert(tokens).values({
      token: slot('token'), kind: 'team', tenantId: slot('team'), name: slot('tokenId'), expiresAt: slot('expiresAt'), createdAt: slot('now'),
    }).prepare();
    this.creatorEmail = db.select({ email: users.email }).from(users).where(eq(users.id, p('userId'))).prepare();
    this.insertDetails = db.insert(tokenDetails).values({ token: slot('token'), description: slot('description'), creatorEmail: slot('creatorEmail') }).prepare();
    this.deleteToken = db.delete(tokens).where(eq(tokens.token, p('token'))).prepare();
  }

  /** The statements of every token request, reads and writes, prepared once. */
  private readonly ofTeams;
  private readonly named;
  private readonly insertToken;
  private readonly creatorEmail;
  private readonly insertDetails;
  private readonly deleteToken;

  create(p: Principal, input: { team?: string; tokenId?: string; description?: string; expiresInSeconds?: number }): TeamToken {
    return this.ctx.store.tx(() => {
      const team = input.team || this.onlyTeam(p);
      // A team the caller is not in is a bad choice (400), whether or not it exists.
      if (!p.roles.has(team)) throw fail('team.owner_unknown', { name: team }, 'team');
      this.access.checkTenant(p, team, 'write');
      if (input.expiresInSeconds !== undefined && (!Number.isInteger(input.expiresInSeconds) || input.expiresInSeconds < 0)) {
        throw fail('token.expiry_invalid', {}, 'expires_in');
      }
      const tokenId = input.tokenId || `${team}-${this.ctx.ids.token().slice(0, 8)}`;
      if (this.find(team, tokenId)) throw fail('token.id_taken', { id: tokenId }, 'token_id');
      const expiresAt = input.expiresInSeconds ? new Date(this.ctx.clock.now().getTime() + input.expiresInSeconds * 1000).toISOString() : undefined;
      const token = this.ctx.ids.token();
      this.insertToken.run({ token, team, tokenId, expiresAt: expiresAt ?? null, now: nowIso(this.ctx) });
      const creator = p.userId === null ? undefined : this.creatorEmail.get({ userId: p.userId });
      this.insertDetails.run({ token, description: input.description ?? '', creatorEmail: creator?.email ?? p.username });
      this.events.record({ tenantId: team }, 'team.token.create', p.username, { team, token_id: tokenId }, { type: 'team', value: team });
      return this.get(p, tokenId);
    });
  }

  /** The tokens of every team the caller belongs to, by team and id. */
  list(p: Principal): TeamToken[] {
    const teams = [...p.roles.keys()];
    if (!teams.length) return [];
    return this.ofTeams.all({ teams: JSON.stringify(teams) }).map(flatten);
  }

  get(p: Principal, tokenId: string): TeamToken {
    const found = this.list(p).find((t) => t.name === tokenId);
    if (!found) throw fail('token.not_found', { id: tokenId });
    return found;
  }

  remove(p: Principal, tokenId: string): void {
    this.ctx.store.tx(() => {
      const token = this.get(p, tokenId);
      this.access.checkTenant(p, token.tenantId!, 'write');
      this.deleteToken.run({ token: token.token });
      this.events.record({ tenantId: token.tenantId! }, 'team.token.delete', p.username, { team: token.tenantId, token_id: tokenId }, { type: 'team', value: token.tenantId! });
    });
  }

  private find(team: string, tokenId: string) {
    return this.named.get({ team, tokenId });
  }

  private onlyTeam(p: Principal): string {
    const teams = [...p.roles.keys()];
    if (teams.length !== 1) throw fail('team.required', {}, 'team');
    return teams[0];
  }
}

const flatten = (row: { token: Token; details: { description: string; creatorEmail: string } | null }): TeamToken =>
  ({ ...row.token, description: row.details?.description ?? '', creatorEmail: row.details?.creatorEmail ?? '' });
