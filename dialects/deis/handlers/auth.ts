import { CoreError } from '../../../src/core/errors';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, userJson } from '../mappers';

const str = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export const registerUser: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const user = core.principals.register({
    username: String(b.username), password: String(b.password), email: str(b.email),
    firstName: str(b.first_name), lastName: str(b.last_name),
  });
  return { status: 201, body: userJson(user) };
};

/** DRF's obtain_auth_token: bad credentials are a 400 with non_field_errors, not a 401. */
export const login: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  try {
    return { status: 200, body: { token: core.principals.login(String(b.username), String(b.password)) } };
  } catch (error) {
    if (error instanceof CoreError && error.kind === 'invalid') {
      return { status: 400, body: { non_field_errors: [error.message] } };
    }
    throw error;
  }
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
