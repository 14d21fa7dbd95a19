import { mapSource, type ListSource } from '../../src/store/paginate';
import type { DialectRequest } from '../types';
import { DRF_3_PAGES, drfPaginator } from '../drf/pagination';

/** Divio's lists: DRF 3's page-number pagination. */
export const paginate = drfPaginator(DRF_3_PAGES);

/**
 * A list whose entries show what other tables hold (deployments' builds, environments' variables):
 * `entries` turns one page of rows into JSON at once, so it reads those tables once a page, not once an entry.
 */
export const paginateWhole = <Row, Json>(req: DialectRequest, source: ListSource<Row>, entries: (rows: Row[]) => Json[]) =>
  paginate(req, mapSource(source, entries), (json) => json);
