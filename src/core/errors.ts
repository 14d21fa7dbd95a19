import { ERROR_KINDS, type CoreErrorCode } from './errorCodes';

/**
 * The one error type core services raise. It names what went wrong in core terms — a kind, a stable
 * code and the parameters a message needs — and never an HTTP status or a sentence: each dialect's
 * message catalogue words it and its errors.ts picks the status.
 */
export type CoreErrorKind = 'not_found' | 'already_exists' | 'invalid' | 'conflict' | 'forbidden' | 'quota';

export type ErrorParams = Record<string, string | number>;

export class CoreError extends Error {
  constructor(
    readonly kind: CoreErrorKind,
    /** Stable and dotted (`app.name_taken`): what catalogues and tests key on. */
    readonly code: string,
    readonly params: ErrorParams = {},
    /** The input field the error is about, when there is one (dialects render field errors differently). */
    readonly field?: string,
  ) {
    super(code);
    this.name = 'CoreError';
  }
}

/** A core error by its registered code; the kind comes from the registry, so it cannot drift. */
export const fail = (code: CoreErrorCode, params: ErrorParams = {}, field?: string) =>
  new CoreError(ERROR_KINDS[code], code, params, field);

/**
 * What `work` returns, its `hidden` failure given as `instead`: a thing inside something the caller
 * may not see (a domain of an environment of an app hidden from them) does not exist for them either.
 */
export function hiddenAs<T>(hidden: CoreErrorCode, instead: CoreError, work: () => T): T {
  try {
    return work();
  } catch (error) {
    throw error instanceof CoreError && error.code === hidden ? instead : error;
  }
}
