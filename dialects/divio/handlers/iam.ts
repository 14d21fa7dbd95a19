import type { OperationHandler } from '../../types';
import { paginate } from '../pages';
import { pathId } from '../ids';
import { currentUserJson, organisationJson, planGroupJson } from '../mappers';
import { caller, queryId } from '../serializer';

/** What divio-cli reads on the same host outside the apps API: who it is, its organisations, their plan groups. */
export const GetCurrentUser: OperationHandler = (req, core) => ({ status: 200, body: currentUserJson(core, caller(req)) });

export const ListOrganisations: OperationHandler = (req, core) =>
  paginate(req, core.catalogues.organisations(caller(req)), organisationJson);

export const GetOrganisation: OperationHandler = (req, core) =>
  ({ status: 200, body: organisationJson(core.catalogues.organisation(caller(req), pathId(req.params.uuid))) });

/** `?organisation=` narrows to the plan groups that organisation is offered; another's organisation is a 404. */
export const ListApplicationPlanGroups: OperationHandler = (req, core) => {
  const p = caller(req);
  const organisation = queryId(req, 'organisation');
  const tenantId = organisation === undefined ? undefined : core.catalogues.organisation(p, organisation).id;
  return paginate(req, core.catalogues.planGroups(p, tenantId), planGroupJson);
};

export const GetApplicationPlanGroup: OperationHandler = (req, core) =>
  ({ status: 200, body: planGroupJson(core.catalogues.planGroup(caller(req), pathId(req.params.uuid))) });
