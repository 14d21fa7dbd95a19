import { drfTokenAuth } from '../drf/tokenAuth';

/** DRF 3's TokenAuthentication: `Authorization: Token <key>` (keyword in any case), "Invalid token." otherwise. */
export const divioAuth = drfTokenAuth('Token', 'Invalid token.');
