import type { OperationHandler } from '../../types';
import { bodyOf, caller, paginate } from '../mappers';

export const listAppPerms: OperationHandler = (req, core) =>
  ({ status: 200, body: { users: core.grants.listUsers(caller(req), req.params.id) } });

export const grantAppPerm: OperationHandler = (req, core) => {
  core.grants.grantUser(caller(req), req.params.id, String(bodyOf(req).username));
  return { status: 201 };
};

export const revokeAppPerm: OperationHandler = (req, core) => {
  core.grants.revokeUser(caller(req), req.params.id, req.params.username);
  return { status: 204 };
};

export const listAdmins: OperationHandler = (req, core) =>
  paginate(req, core.principals.listSuperusers(caller(req)), (u) => ({ username: u.username, is_superuser: u.isSuperuser }));

export const grantAdmin: OperationHandler = (req, core) => {
  core.principals.setSuperuser(caller(req), String(bodyOf(req).username), true);
  return { status: 201 };
};

export const revokeAdmin: OperationHandler = (req, core) => {
  core.principals.setSuperuser(caller(req), req.params.username, false);
  return { status: 204 };
};
