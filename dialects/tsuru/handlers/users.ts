import type { Core } from '../../../src/core/core';
import { fail } from '../../../src/core/errors';
import type { Principal, User } from '../../../src/core/model';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, text } from '../mappers';

/** The roles the principal holds and the permissions they name, each in its context (tsuru's apiUser). */
function rolesAndPermissions(core: Core, principal: Principal) {
  return {
    roles: core.roleCatalogue.held(principal).map(({ role, contextType, contextValue }) => ({ name: role.name, contexttype: contextType, contextvalue: contextValue })),
    permissions: core.roleCatalogue.permissions(principal).map(({ name, contextType, contextValue }) => ({ name, contexttype: contextType, contextvalue: contextValue })),
  };
}

function userJson(core: Core, user: User) {
  return { email: user.email ?? user.username, ...rolesAndPermissions(core, core.principals.principalOf(user)), groups: [] };
}

export const UserGet: OperationHandler = (req, core) => {
  const p = caller(req);
  if (p.userId === null) {
    // A team token has no user: it reads as its team's member.
    return { status: 200, body: { email: p.username, ...rolesAndPermissions(core, p), groups: [] } };
  }
  return { status: 200, body: userJson(core, core.accounts.own(p)) };
};

export const UsersList: OperationHandler = (req, core) => {
  const email = text(req.query.userEmail) || undefined;
  return { status: 200, body: core.emailAccounts.list(caller(req), email).map((u) => userJson(core, u)) };
};

export const UserCreate: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  core.emailAccounts.register(caller(req), text(b.email), text(b.password));
  return { status: 201 };
};

export const ChangePassword: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  core.emailAccounts.changePassword(caller(req), text(b.old), text(b.new), text(b.confirm));
  return { status: 200 };
};

/** The first request (no token) makes a reset token; the second, carrying it, sets a new password. */
export const ResetPassword: OperationHandler = (req, core) => {
  core.emailAccounts.resetPassword(caller(req), req.params.email, text(req.query.token) || text(bodyOf(req).token) || undefined);
  return { status: 200 };
};

export const APITokenGet: OperationHandler = (req, core) =>
  ({ status: 200, body: core.emailAccounts.apiKey(caller(req), false, text(req.query.user) || undefined) });

export const APITokenRegenerate: OperationHandler = (req, core) =>
  ({ status: 200, body: core.emailAccounts.apiKey(caller(req), true, text(req.query.user) || undefined) });

/** How many apps the user owns; polypaas sets no limit (-1, as tsuru shows an unlimited quota). */
export const UserQuotaGet: OperationHandler = (req, core) => {
  const p = caller(req);
  const user = core.emailAccounts.list(p, req.params.email)[0];
  if (!user) throw fail('user.not_found', { email: req.params.email });
  const inuse = core.apps.list(p).all().filter((a) => a.ownerId === user.id).length;
  return { status: 200, body: { inuse, limit: -1 } };
};
