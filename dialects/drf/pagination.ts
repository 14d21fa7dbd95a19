import { drfPage, type DrfPageOptions } from '../../src/http/listConventions';
import { arraySource, type ListSource } from '../../src/store/paginate';
import type { DialectRequest, Reply } from '../types';

/** Deis' controller (DRF 2.4): 100 a page, `?page_size=N`, links that always carry `page=N`. */
export const DRF_24_PAGES: DrfPageOptions = { pageSize: 100, sizeParam: 'page_size', pageOneInLinks: true };

/** Divio (DRF 3): the same sizes; the link back to page 1 drops `page`, as DRF 3's paginator does. */
export const DRF_3_PAGES: DrfPageOptions = { pageSize: 100, sizeParam: 'page_size', pageOneInLinks: false };

/**
 * Django REST framework's page-number pagination for a dialect of the family: `?page=N` (or "last"),
 * absolute `next` and `previous` links, a 404 for a page past the end. Lists the core counts and
 * slices in SQL come as a ListSource; short ones as arrays.
 */
export const drfPaginator = (options: DrfPageOptions) =>
  <T>(req: DialectRequest, items: T[] | ListSource<T>, toJson: (item: T) => unknown): Reply => {
    const source = Array.isArray(items) ? arraySource(items) : items;
    return { status: 200, body: drfPage(source, req.query, req.url, options, toJson) };
  };

/** The request body as a flat record (JSON object or form fields). */
export const bodyOf = (req: DialectRequest): Record<string, unknown> =>
  (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
