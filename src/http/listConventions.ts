import { fail } from '../core/errors';
import type { ListSource } from '../store/paginate';

/**
 * The list conventions of the four real servers, each written once over a ListSource, so a dialect's
 * handler only says which convention and how a row looks. Counting and slicing happen in SQL.
 */

export interface DrfEnvelope {
  count: number;
  next: string | null;
  previous: string | null;
  results: unknown[];
}

export interface DrfPageOptions {
  /** Rows per page when the client names none (Deis: 100). */
  pageSize: number;
  /** The query parameter that sets the page size (`page_size`), or none. */
  sizeParam?: string;
  maxPageSize?: number;
  /**
   * DRF 2.4's links always carry `page=N`; DRF 3 drops the parameter from the link to page 1.
   * True keeps it (the 2.4 behaviour).
   */
  pageOneInLinks: boolean;
}

const positiveInt = (value: unknown): number | undefined => {
  const text = String(value ?? '');
  return /^\d+$/.test(text) && Number(text) > 0 ? Number(text) : undefined;
};

/** The request's own absolute URL with some query parameters set (a string) or removed (null). */
function linkTo(url: URL, changes: Record<string, string | null>): string {
  const link = new URL(url);
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) link.searchParams.delete(key);
    else link.searchParams.set(key, value);
  }
  return link.toString();
}

/**
 * DRF's page-number pagination: `?page=N` (or `last`), an optional page size parameter, absolute
 * `next`/`previous` links. A page that does not exist is a 404, as Django's paginator makes it.
 */
export function drfPage<Row>(
  source: ListSource<Row>, query: Record<string, unknown>, url: URL, options: DrfPageOptions, toJson: (row: Row) => unknown,
): DrfEnvelope {
  const asked = options.sizeParam ? positiveInt(query[options.sizeParam]) : undefined;
  const size = Math.min(asked ?? options.pageSize, options.maxPageSize ?? Infinity);
  const count = source.count();
  const pages = Math.max(1, Math.ceil(count / size));
  const pageParam = String(query.page ?? '1');
  const page = pageParam === 'last' ? pages : /^\d+$/.test(pageParam) ? Number(pageParam) : NaN;
  if (!(page >= 1 && page <= pages)) throw fail('request.page_not_found');
  const link = (n: number) => linkTo(url, { page: n === 1 && !options.pageOneInLinks ? null : String(n) });
  return {
    count,
    next: page < pages ? link(page + 1) : null,
    previous: page > 1 ? link(page - 1) : null,
    results: count === 0 ? [] : source.page({ limit: size, offset: (page - 1) * size }).map(toJson),
  };
}

export interface DrfLimitOffsetOptions {
  /** The limit when the client names none. */
  defaultLimit: number;
  maxLimit?: number;
}

/**
 * DRF's limit/offset pagination: a limit that is not a positive whole number falls back to the
 * default, an offset that is not a whole number to 0; the link back to the start drops `offset`.
 */
export function drfLimitOffset<Row>(
  source: ListSource<Row>, query: Record<string, unknown>, url: URL, options: DrfLimitOffsetOptions, toJson: (row: Row) => unknown,
): DrfEnvelope {
  const limit = Math.min(positiveInt(query.limit) ?? options.defaultLimit, options.maxLimit ?? Infinity);
  const offsetText = String(query.offset ?? '');
  const offset = /^\d+$/.test(offsetText) ? Number(offsetText) : 0;
  const count = source.count();
  const previousOffset = offset - limit;
  return {
    count,
    next: offset + limit < count ? linkTo(url, { limit: String(limit), offset: String(offset + limit) }) : null,
    previous: offset <= 0 ? null
      : linkTo(url, { limit: String(limit), offset: previousOffset <= 0 ? null : String(previousOffset) }),
    results: offset >= count ? [] : source.page({ limit, offset }).map(toJson),
  };
}

/** MedStack's envelope: every row at once, `{"object": "list", "data": [...]}`. */
export function medstackList<Row>(source: ListSource<Row>, toJson: (row: Row) => unknown) {
  return { object: 'list' as const, data: source.all().map(toJson) };
}

/**
 * Tsuru's lists: a plain JSON array, or 204 with no body when there is nothing to list (the real
 * handlers answer an empty list that way).
 */
export function tsuruList<Row>(source: ListSource<Row>, toJson: (row: Row) => unknown): { status: 200 | 204; body?: unknown[] } {
  const rows = source.all();
  return rows.length ? { status: 200, body: rows.map(toJson) } : { status: 204 };
}
