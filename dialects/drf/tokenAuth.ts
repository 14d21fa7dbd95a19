import type { AuthScheme } from '../types';
import { AuthProblem } from '../types';

/**
 * Django REST framework's TokenAuthentication: `Authorization: token <key>`, keyword in any case.
 * Another scheme's header counts as no credentials at all, as in DRF. `invalid` is the version's
 * wording of an unknown key (DRF 2.4 "Invalid token", DRF 3 "Invalid token.").
 */
export function drfTokenAuth(schemeName: string, invalid: string): AuthScheme {
  return {
    schemeName,
    authenticate(headers, core) {
      const parts = (headers.authorization ?? '').trim().split(/\s+/).filter(Boolean);
      if (parts.length === 0 || parts[0].toLowerCase() !== 'token') throw new AuthProblem('missing');
      if (parts.length === 1) throw new AuthProblem('malformed', 'Invalid token header. No credentials provided.');
      if (parts.length > 2) throw new AuthProblem('malformed', 'Invalid token header. Token string should not contain spaces.');
      const principal = core.principals.resolveToken(parts[1]);
      if (!principal) throw new AuthProblem('invalid', invalid);
      return principal;
    },
  };
}
