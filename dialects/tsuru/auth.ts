import type { AuthScheme } from '../types';
import { AuthProblem } from '../types';

/**
 * tsuru reads the last word of the Authorization header as the token, so `bearer T`, `Bearer T`,
 * `b T` and a bare `T` all work (the CLI sends `bearer T`).
 */
export const tsuruAuth: AuthScheme = {
  schemeName: 'Bearer',
  authenticate(headers, core) {
    const words = (headers.authorization ?? '').trim().split(/\s+/).filter(Boolean);
    if (!words.length) throw new AuthProblem('missing');
    const principal = core.principals.resolveToken(words[words.length - 1]);
    if (!principal) throw new AuthProblem('invalid');
    return principal;
  },
};
