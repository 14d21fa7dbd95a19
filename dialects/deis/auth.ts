import { drfTokenAuth } from '../drf/tokenAuth';

/** DRF 2.4's TokenAuthentication, as the Deis controller runs it. */
export const deisAuth = drfTokenAuth('token', 'Invalid token');
