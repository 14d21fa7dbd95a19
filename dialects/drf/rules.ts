import type { PipelineRules } from '../types';

/**
 * How a Django + DRF server meets a request: authentication first (DRF's initial()), the body parsed only
 * when the view reads it, a known path with another method a 405 after authentication. DRF parses JSON,
 * forms and multipart wherever a view reads a body (anything else is a 415); Django's QueryDict hands a
 * view the last value of a repeated form field. Both Deis and Divio answer with and without the slash.
 */
export const DRF_RULES: PipelineRules = {
  first: 'auth',
  authenticateWrongMethod: true,
  trailingSlash: 'ignore',
  bodies: {
    json: true, urlencoded: true, multipart: true, accept: 'any', otherTypes: 'refuse',
    caseInsensitiveKeys: false, repeated: 'last', undeclared: 'ignore',
  },
};
