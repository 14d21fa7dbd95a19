import { tsuru } from '../../../dialects/tsuru';
import type { OperationHandler } from '../../../dialects/types';
import { fail } from '../../../src/core/errors';
import { ADMIN_TOKEN, startTestEmulator, type TestEmulator } from '../../helpers/emulator';
import { streamChunks } from '../../helpers/streamChunks';
import { tsuruAs } from '../../helpers/tsuru';

/**
 * Tsuru's error line after a stream began carries a Timestamp: it is the core's clock (manual here,
 * set far from the wall clock), like every other line of the stream.
 */
const brokenEnvSet: OperationHandler = (_req, core) => ({
  status: 200,
  contentType: 'application/x-json-stream',
  async *stream() {
    yield `${JSON.stringify({ Message: 'half done\n', Timestamp: core.ctx.clock.now().toISOString() })}\n`;
    throw fail('app.not_found', { name: 'myapp' });
  },
});

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ adapters: [{ ...tsuru, handlers: { ...tsuru.handlers, EnvSet: brokenEnvSet } }], deployDurationMs: 5000 });
  await tsuruAs(emu).post('/1.0/apps').type('form').send({ name: 'myapp', platform: 'python' }).expect(201);
  emu.clock.advance(5_500);
});
afterAll(() => emu.close());

test('a JSON stream that fails midway ends with the error line, stamped by the core clock', async () => {
  const chunks = await streamChunks(emu.urls.tsuru!, '/1.0/apps/myapp/env', 'Envs.0.Name=A&Envs.0.Value=1', ADMIN_TOKEN);
  expect(chunks.join('').split('\n').filter(Boolean).map((line) => JSON.parse(line))).toEqual([
    { Message: 'half done\n', Timestamp: '2014-01-01T00:00:05.500Z' },
    { Message: '', Timestamp: '2014-01-01T00:00:05.5Z', Error: 'App not found' },
  ]);
});

test('a deploy log whose deploy vanishes (a reset mid-deploy) ends with tsuru\'s plain error line', async () => {
  const pending = streamChunks(emu.urls.tsuru!, '/1.0/apps/myapp/deploy', 'image=img:1', ADMIN_TOKEN);
  await new Promise((resolve) => setTimeout(resolve, 100));
  emu.reset();
  const chunks = await pending;
  expect(chunks[0]).toBe('---- Pulling image img:1 ----\n');
  expect(chunks.at(-1)).toBe('ERROR: event not found\n');
});
