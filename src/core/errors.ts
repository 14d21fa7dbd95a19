/**
 * The one error type core services raise. It names what went wrong in core terms; each dialect's
 * errors.ts decides the status code and body. Never an HTTP status here.
 */
export type CoreErrorKind = 'not_found' | 'already_exists' | 'invalid' | 'conflict' | 'forbidden' | 'quota';

export class CoreError extends Error {
  constructor(
    readonly kind: CoreErrorKind,
    message: string,
    /** The input field the error is about, when there is one (dialects render field errors differently). */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CoreError';
  }
}

export const notFound = (what: string, field?: string) => new CoreError('not_found', `${what} not found`, field);
export const invalid = (message: string, field?: string) => new CoreError('invalid', message, field);
export const alreadyExists = (message: string, field?: string) => new CoreError('already_exists', message, field);
export const forbidden = (message = 'permission denied') => new CoreError('forbidden', message);
