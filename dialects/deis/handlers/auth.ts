import type { OperationHandler } from '../../types';
import { bodyOf, caller, listedUserJson, paginate, userJson } from '../mappers';

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

/** Registration is open, and the first user to register becomes a superuser, as in Deis. */
export const registerUser: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const user = core.principals.register({
    username: String(b.username), password: String(b.password), email: str(b.email),
    firstName: str(b.first_name), lastName: str(b.last_name), isSuperuser: core.principals.isEmpty(),
  });
  return { status: 201, body: userJson(user) };
};

/** DRF's obtain_auth_token: the user's one token, made at the first login and handed back at every later one. */
export const login: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  return { status: 200, body: { token: core.principals.login(String(b.username), String(b.password), 'reuse') } };
};

/**
 * The later controller's cancel: `username` names another account, which only a superuser may delete;
 * without it (all the v1.0 client can send) the caller's own account goes.
 */
export const cancelAccount: OperationHandler = (req, core) => {
  core.accounts.cancel(caller(req), str(bodyOf(req).username));
  return { status: 204 };
};

/** A superuser may set another user's password, and may leave out the current one. */
export const changePassword: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  core.accounts.changePassword(caller(req), { username: str(b.username), current: str(b.password), next: String(b.new_password) });
  return { status: 200, body: { status: 'password set' } };
};

/** `deis auth:regenerate`: a new token for oneself or one user; for everyone (`all`), an empty JSON string. */
export const regenerateToken: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  if ('all' in b) {
    core.accounts.regenerateAllTokens(caller(req));
    return { status: 200, body: '' };
  }
  return { status: 200, body: { token: core.accounts.regenerateToken(caller(req), str(b.username)) } };
};

/** `deis users:list`, for superusers: every user they share a tenant with, as the 1.13 UserSerializer shows them. */
export const listUsers: OperationHandler = (req, core) =>
  paginate(req, core.accounts.listUsers(caller(req)), listedUserJson);
