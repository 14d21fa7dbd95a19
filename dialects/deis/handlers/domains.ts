import type { OperationHandler } from '../../types';
import { bodyOf, caller, domainJson, paginate } from '../mappers';

export const listDomains: OperationHandler = (req, core) =>
  paginate(req, core.domains.list(caller(req), req.params.id), (d) => domainJson(req.params.id, d));

export const addDomain: OperationHandler = (req, core) =>
  ({ status: 201, body: domainJson(req.params.id, core.domains.add(caller(req), req.params.id, String(bodyOf(req).domain))) });

export const removeDomain: OperationHandler = (req, core) => {
  core.domains.remove(caller(req), req.params.id, req.params.domain);
  return { status: 204 };
};
