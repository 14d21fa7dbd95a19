import type { TeamToken } from '../../../src/core/services/teamTokens';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, text } from '../mappers';

const ZERO_TIME = '0001-01-01T00:00:00Z';

function tokenJson(t: TeamToken) {
  return {
    token: t.token, token_id: t.name, description: t.description, created_at: t.createdAt, expires_at: t.expiresAt ?? ZERO_TIME,
    last_access: ZERO_TIME, creator_email: t.creatorEmail, team: t.tenantId ?? '', roles: [{ name: 'team-member', contextvalue: t.tenantId ?? '' }],
  };
}

/** JSON, as token-create sends it: `token_id`, `description`, `expires_in` (seconds), `team`. */
export const TeamTokenCreate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const expires = b.expires_in === undefined || b.expires_in === '' ? undefined : Number(b.expires_in);
  const token = core.teamTokens.create(caller(req), {
    team: text(b.team) || undefined, tokenId: text(b.token_id) || undefined, description: text(b.description), expiresInSeconds: expires,
  });
  return { status: 201, body: tokenJson(token) };
};

export const TeamTokensList: OperationHandler = (req, core) => {
  const tokens = core.teamTokens.list(caller(req));
  return tokens.length ? { status: 200, body: tokens.map(tokenJson) } : { status: 204 };
};

export const TeamTokenInfo: OperationHandler = (req, core) =>
  ({ status: 200, body: tokenJson(core.teamTokens.get(caller(req), req.params.token_id)) });

export const TeamTokenDelete: OperationHandler = (req, core) => {
  core.teamTokens.remove(caller(req), req.params.token_id);
  return { status: 200 };
};
