import type { OperationHandler } from '../../types';
import { bodyOf, caller, userJson } from '../mappers';

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

export const cancelAccount: OperationHandler = (req, core) => {
  core.principals.cancel(caller(req));
  return { status: 204 };
};

export const changePassword: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  core.principals.changePassword(caller(req), String(b.password), String(b.new_password));
  return { status: 200, body: { status: 'password set' } };
};
