import { DIALECTS } from '../../dialects';
import { ERROR_KINDS } from '../../src/core/errorCodes';
import { fail } from '../../src/core/errors';

/** Wording lives in each dialect's catalogue: every core error code is worded by every dialect, and nothing else is. */
describe.each(DIALECTS.map((d) => [d.name, d] as const))('%s', (_name, dialect) => {
  test('words every core error code', () => {
    const missing = Object.keys(ERROR_KINDS).filter((code) => !(code in dialect.messages.entries));
    expect(missing).toEqual([]);
  });

  test('has no entry for a code the core does not have', () => {
    expect(Object.keys(dialect.messages.entries).filter((code) => !(code in ERROR_KINDS))).toEqual([]);
  });

  test('fills in the parameters a message names', () => {
    const worded = dialect.messages.word(fail('process.type_unknown', { type: 'worker' }));
    expect(worded.message).toContain('worker');
    expect(worded.message).not.toContain('{type}');
  });
});
