import type { OperationHandler } from '../../types';
import { bodyOf, caller, goBool, text } from '../mappers';

/** `name`, `key` and `force` (replace a key of that name) as key-add sends them. */
export const SSHKeyAdd: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  core.emailAccounts.addKey(caller(req), text(b.name), text(b.key), goBool(b.force));
  return { status: 200 };
};

/** The caller's keys as one map of name to key. */
export const SSHKeyList: OperationHandler = (req, core) =>
  ({ status: 200, body: Object.fromEntries(core.keys.list(caller(req)).map((k) => [k.name, k.publicKey])) });

export const SSHKeyRemove: OperationHandler = (req, core) => {
  core.emailAccounts.removeKey(caller(req), req.params.key);
  return { status: 200 };
};
