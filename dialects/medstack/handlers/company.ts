import type { OperationHandler } from '../../types';
import { caller, clusterJson, companyJson, list } from '../mappers';

export const getCurrentCompany: OperationHandler = (req, core) =>
  ({ status: 200, body: companyJson(core.tenancy.current(caller(req))) });

export const listClusters: OperationHandler = (req, core) =>
  ({ status: 200, body: list(core.tenancy.listClusters(caller(req), req.params.company_id), clusterJson) });

export const getCluster: OperationHandler = (req, core) =>
  ({ status: 200, body: clusterJson(core.tenancy.requireCluster(caller(req), req.params.company_id, req.params.cluster_id)) });
