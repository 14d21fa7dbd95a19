import { fail } from '../../src/core/errors';
import type { DialectRequest, Reply } from '../types';

/**
 * Django REST framework's page-number pagination, as Deis (DRF 2.4) and Divio (DRF 3) answer it:
 * `?page=N` (or "last"), `?page_size=N`; `next` and `previous` are the request's own absolute URL with
 * the page replaced. A page past the end is a 404 (`request.page_not_found`), as in Django.
 */
export function paginate<T>(req: DialectRequest, items: T[], toJson: (item: T) => unknown, pageSize = 100): Reply {
  const sizeParam = Number.parseInt(String(req.query.page_size ?? ''), 10);
  const size = sizeParam > 0 ? sizeParam : pageSize;
  const pages = Math.max(1, Math.ceil(items.length / size));
  const pageParam = String(req.query.page ?? '1');
  const page = pageParam === 'last' ? pages : /^\d+$/.test(pageParam) ? Number(pageParam) : NaN;
  if (!(page >= 1 && page <= pages)) throw fail('request.page_not_found');
  const link = (n: number) => {
    const url = new URL(req.url);
    url.searchParams.set('page', String(n));
    return url.toString();
  };
  return {
    status: 200,
    body: {
      count: items.length,
      next: page < pages ? link(page + 1) : null,
      previous: page > 1 ? link(page - 1) : null,
      results: items.slice((page - 1) * size, page * size).map(toJson),
    },
  };
}

/** The request body as a flat record (JSON object or form fields). */
export const bodyOf = (req: DialectRequest): Record<string, unknown> =>
  (req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? req.body : {}) as Record<string, unknown>;
