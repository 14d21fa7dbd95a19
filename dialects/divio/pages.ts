import { DRF_3_PAGES, drfPaginator } from '../drf/pagination';

/** Divio's lists: DRF 3's page-number pagination. */
export const paginate = drfPaginator(DRF_3_PAGES);
