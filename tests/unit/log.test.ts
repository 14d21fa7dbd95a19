import { createLogger } from '../../src/http/log';

function sinks() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, sinks: { out: { write: (t: string) => out.push(t) }, err: { write: (t: string) => err.push(t) } } };
}

test('debug lines are not written on the request path but batched into one later write', async () => {
  const { out, sinks: s } = sinks();
  const log = createLogger('debug', s);
  for (let i = 0; i < 50; i++) log.debug(`request ${i}`);
  expect(out).toEqual([]);
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(out).toHaveLength(1);
  expect(out[0].split('\n')).toHaveLength(51);
  expect(out[0]).toMatch(/^\[polypaas\] request 0\n[\s\S]*\[polypaas\] request 49\n$/);
});

test('flush writes what waits at once; an info line never overtakes earlier debug lines', () => {
  const { out, err, sinks: s } = sinks();
  const log = createLogger('debug', s);
  log.debug('first');
  log.info('second');
  log.debug('third');
  log.error('broken');
  log.flush();
  expect(out).toEqual(['[polypaas] first\n', '[polypaas] second\n', '[polypaas] third\n']);
  expect(err).toEqual(['[polypaas] broken\n']);
});

test('a burst past 64 KiB is written without waiting for the timer', () => {
  const { out, sinks: s } = sinks();
  const log = createLogger('debug', s);
  const line = 'x'.repeat(1000);
  for (let i = 0; i < 70; i++) log.debug(line);
  expect(out).toHaveLength(1);
  log.flush();
  expect(out.join('').split('\n').filter(Boolean)).toHaveLength(70);
});

test('below debug, debug lines are dropped and nothing is scheduled', () => {
  const { out, sinks: s } = sinks();
  const log = createLogger('info', s);
  log.debug('hidden');
  log.flush();
  expect(out).toEqual([]);
});
