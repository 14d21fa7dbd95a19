import type { AuthScheme } from '../types';
import { AuthProblem } from '../types';

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=|[A-Za-z0-9+/]{2,3})?$/;

/**
 * HTTP Basic: the user name and, as the password, the account's password or one of its API tokens
 * (MedStack's personal access tokens), so `admin:polypaas-admin-token` works.
 */
export const medstackAuth: AuthScheme = {
  schemeName: 'basicAuth',
  authenticate(headers, core) {
    const [scheme, encoded, ...rest] = (headers.authorization ?? '').trim().split(/\s+/);
    if (!scheme) throw new AuthProblem('missing');
    // Exactly "Basic <base64>": anything after the credentials, or characters outside base64, is not Basic.
    if (scheme.toLowerCase() !== 'basic' || !encoded || rest.length || !BASE64.test(encoded)) {
      throw new AuthProblem('malformed', 'Use HTTP Basic authentication');
    }
    const decoded = Buffer.from(encoded, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) throw new AuthProblem('malformed', 'Basic credentials must be user:token');
    const principal = core.principals.resolveBasic(decoded.slice(0, colon), decoded.slice(colon + 1));
    if (!principal) throw new AuthProblem('invalid', 'Invalid credentials');
    return principal;
  },
};
