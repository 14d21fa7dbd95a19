import type { AuthScheme } from '../types';
import { AuthProblem } from '../types';

/**
 * HTTP Basic: the user name and, as the password, the account's password or one of its API tokens
 * (MedStack's personal access tokens), so `admin:polypaas-admin-token` works.
 */
export const medstackAuth: AuthScheme = {
  schemeName: 'basicAuth',
  authenticate(headers, core) {
    const [scheme, encoded] = (headers.authorization ?? '').trim().split(/\s+/);
    if (!scheme) throw new AuthProblem('missing');
    if (scheme.toLowerCase() !== 'basic' || !encoded) throw new AuthProblem('malformed', 'Use HTTP Basic authentication');
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new AuthProblem('malformed', 'Basic credentials must be user:token');
    const principal = core.principals.resolveBasic(decoded.slice(0, colon), decoded.slice(colon + 1));
    if (!principal) throw new AuthProblem('invalid', 'Invalid credentials');
    return principal;
  },
};
