import { readFileSync } from 'node:fs';
import type { CoreError } from '../src/core/errors';
import { fromRoot } from '../src/store/paths';

/** One catalogue entry: the message, and the field it belongs under where the dialect files it elsewhere. */
type Entry = string | { message: string; field?: string };

export interface WordedError {
  message: string;
  /** The field to report the error under: the entry's own, else the core error's. */
  field?: string;
}

/**
 * A dialect's wording of core errors: JSON files of `code → message` (data, not code), later files
 * overriding earlier ones, so a protocol family (Django REST framework) is written once and each
 * dialect of it changes only what it words differently. `{param}` is replaced by the error's parameter.
 */
export class MessageCatalogue {
  readonly entries: Record<string, Entry>;

  constructor(...files: string[]) {
    this.entries = Object.assign(Object.create(null), ...files.map((f) => JSON.parse(readFileSync(fromRoot('dialects', f), 'utf8'))));
  }

  word(error: CoreError): WordedError {
    const entry: Entry = this.entries[error.code] ?? error.code;
    const template = typeof entry === 'string' ? entry : entry.message;
    const message = template.replace(/\{(\w+)\}/g, (whole, name: string) =>
      (Object.hasOwn(error.params, name) ? String(error.params[name]) : whole));
    return { message, field: (typeof entry === 'string' ? undefined : entry.field) ?? error.field };
  }
}
