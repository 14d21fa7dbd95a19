import type { OperationHandler } from '../../types';
import { bodyOf, caller, text } from '../mappers';

/** polypaas authenticates natively (email and password), the scheme tsuru calls "native". */
export const AuthScheme: OperationHandler = () => ({ status: 200, body: { name: 'native', data: {} } });

export const AuthSchemes: OperationHandler = () => ({ status: 200, body: [{ name: 'native', default: true, data: {} }] });

/** Each login is a new session token, as tsuru's native scheme makes one per login. */
export const Login: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const { token, user } = core.emailAccounts.login(text(b.email), text(b.password));
  return { status: 200, body: { token, is_admin: user.isSuperuser } };
};

/** What `tsuru login` sends: the email in the path, the password in a form. */
export const UserLogin: OperationHandler = (req, core) => {
  const { token, user } = core.emailAccounts.login(req.params.email, text(bodyOf(req).password));
  return { status: 200, body: { token, is_admin: user.isSuperuser } };
};

/** Revokes the very token the request came with. */
export const UserTokenDelete: OperationHandler = (req, core) => {
  core.principals.logout(caller(req));
  return { status: 200 };
};
