import { fail } from '../../../src/core/errors';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, text } from '../mappers';

const names = (value: unknown): string[] => (Array.isArray(value) ? value.map(text) : value === undefined ? [] : [text(value)]);

/** `cname=www.example.com` (repeatable): all of them or none, the handler being one transaction. */
export const AppCnameAdd: OperationHandler = (req, core) => {
  const cnames = names(bodyOf(req).cname);
  if (!cnames.length) cnames.push('');
  for (const cname of cnames) core.domains.add(caller(req), req.params.app, cname);
  return { status: 200 };
};

export const AppCnameDelete: OperationHandler = (req, core) => {
  const cnames = names(req.query.cname);
  if (!cnames.length || cnames.includes('')) throw fail('domain.required', {}, 'cname');
  for (const cname of cnames) core.domains.remove(caller(req), req.params.app, cname);
  return { status: 200 };
};
