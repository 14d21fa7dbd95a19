import { gunzipSync as gunzipOf, gzipSync } from 'node:zlib';
import { parseProcfile, readTarGz } from '../../src/core/archive';
import { CoreError } from '../../src/core/errors';
import { tarGz } from '../helpers/tsuru';

const reason = (data: Buffer) => {
  try {
    readTarGz(data);
  } catch (error) {
    expect(error).toBeInstanceOf(CoreError);
    expect((error as CoreError).code).toBe('deploy.archive_invalid');
    return String((error as CoreError).params.reason);
  }
  throw new Error('the archive was accepted');
};

test('reads every entry and the root files a deploy needs', () => {
  const archive = readTarGz(tarGz({ 'app.py': 'print(1)\n', Procfile: 'web: python app.py\n', 'lib/util.py': '' }));
  expect(archive.entries).toEqual([
    { name: 'app.py', size: 9, type: 'file' }, { name: 'Procfile', size: 19, type: 'file' }, { name: 'lib/util.py', size: 0, type: 'file' },
  ]);
  expect(archive.files).toEqual({ Procfile: 'web: python app.py\n' });
});

test('a GNU long name (an L entry) names the entry after it', () => {
  const long = `${'d/'.repeat(60)}file.txt`;
  // The long name's header and body block, then the entry it names; the first becomes type L.
  const raw = Buffer.concat([gunzipOf(tarGz({ '././@LongLink': long })).subarray(0, 1024), gunzipOf(tarGz({ short: 'x' }))]);
  raw[156] = 'L'.charCodeAt(0);
  rewriteChecksum(raw);
  expect(readTarGz(gzipSync(raw)).entries).toEqual([{ name: long, size: 1, type: 'file' }]);
});

test('broken archives: not gzip, a bad checksum, an entry past the end, nothing in it', () => {
  expect(reason(Buffer.from('not a tarball'))).toMatch(/^not gzip data/);
  const raw = gunzipOf(tarGz({ a: 'x' }));
  raw[0] = 'b'.charCodeAt(0);
  expect(reason(gzipSync(raw))).toBe('bad header checksum at byte 0');
  expect(reason(gzipSync(gunzipOf(tarGz({ a: 'x'.repeat(2000) })).subarray(0, 1024)))).toBe('an entry runs past the end of the archive');
  expect(reason(gzipSync(Buffer.alloc(1024)))).toBe('the archive holds no files');
});

test('a Procfile\'s process types and commands', () => {
  expect(parseProcfile('web: gunicorn app:app --bind 0.0.0.0:$PORT\n# comment\nworker:celery -A tasks\n\n')).toEqual({
    web: 'gunicorn app:app --bind 0.0.0.0:$PORT', worker: 'celery -A tasks',
  });
  expect(parseProcfile(undefined)).toEqual({});
});

function rewriteChecksum(block: Buffer): void {
  block.write('        ', 148);
  let sum = 0;
  for (let i = 0; i < 512; i++) sum += block[i];
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148);
}
