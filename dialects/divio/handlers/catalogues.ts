import type { OperationHandler } from '../../types';
import { paginate } from '../pages';
import { pathId } from '../ids';
import { appTemplateJson, regionJson } from '../mappers';
import { queryIds } from '../serializer';

/** Regions, filtered by repeated `?uuid=` (divio-cli), `name` and `short_name`; the same for every organisation. */
export const ListRegions: OperationHandler = (req, core) => {
  const uuids = queryIds(req, 'uuid');
  const { name, short_name: shortName } = req.query as { name?: string; short_name?: string };
  const regions = core.catalogues.regions()
    .filter((r) => !uuids || uuids.includes(r.id))
    .filter((r) => name === undefined || r.name === name)
    .filter((r) => shortName === undefined || r.shortName === shortName);
  return paginate(req, regions, regionJson);
};

export const GetRegion: OperationHandler = (req, core) => ({ status: 200, body: regionJson(core.catalogues.region(pathId(req.params.uuid))) });

export const ListAppTemplates: OperationHandler = (req, core) => paginate(req, core.catalogues.templates(), appTemplateJson);

export const GetAppTemplate: OperationHandler = (req, core) =>
  ({ status: 200, body: appTemplateJson(core.catalogues.template(pathId(req.params.uuid))) });
