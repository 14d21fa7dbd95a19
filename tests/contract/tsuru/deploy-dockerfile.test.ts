import request from 'supertest';
import { ADMIN_TOKEN, noSpecViolations, stateOf, type TestEmulator } from '../../helpers/emulator';
import { PYTHON_APP, plainError, tarGz, tsuruAs, withTsuruEmulator, pythonAppDeployed } from '../../helpers/tsuru';

const emu = withTsuruEmulator({ team: 'myteam', app: 'myapp' });

/** A multi-stage Dockerfile with a parser directive, comments, a continuation and the exec forms. */
const DOCKERFILE = [
  '# syntax=docker/dockerfile:1',
  'ARG GO=1.22',
  'FROM golang:${GO} AS build',
  '# build the server',
  'RUN go build \\',
  '    # a comment inside a continuation is skipped',
  '    -o /server .',
  '',
  'from alpine:3.19',
  'COPY --from=build /server /app/server',
  'ENTRYPOINT ["/app/server"]',
  'CMD ["--port", "8888"]',
].join('\n');

const deployDockerfile = (dockerfile: string, context?: Record<string, string>) => {
  const req = request(emu.urls.tsuru!).post('/1.0/apps/myapp/deploy').set('Authorization', `bearer ${ADMIN_TOKEN}`)
    .field('origin', 'app-deploy').field('dockerfile', dockerfile);
  if (context) req.attach('file', tarGz(context), { filename: 'archive.tar.gz', contentType: 'application/octet-stream' });
  return req.expect(noSpecViolations).expect(200);
};

async function versionsOf(emulator: TestEmulator) {
  const state = await stateOf(emulator) as Record<string, unknown[]>;
  return { builds: state.builds, releases: state.releases, processes: state.processes };
}

describe('deploy with a Dockerfile', () => {
  test('the build is logged step by step; the final stage\'s base is recorded, ENTRYPOINT and CMD are the web process', async () => {
    const res = await deployDockerfile(DOCKERFILE);
    expect(res.text).toBe([
      '---- Building the Dockerfile ----',
      'Step 1/7 : ARG GO=1.22',
      'Step 2/7 : FROM golang:${GO} AS build',
      'Step 3/7 : RUN go build -o /server .',
      'Step 4/7 : FROM alpine:3.19',
      'Step 5/7 : COPY --from=build /server /app/server',
      'Step 6/7 : ENTRYPOINT ["/app/server"]',
      'Step 7/7 : CMD ["--port", "8888"]',
      ' ---> Base image: alpine:3.19',
      ' ---> Procfile not found, using entrypoint and cmd',
      ' ---> Process "web" found with commands: ["/app/server" "--port" "8888"]',
      '---- Deploying version 2 (tsuru/app-myapp:v2) ----',
      ' ---> Processes: web',
      ' ---> Units of version 2 are up',
      'OK',
      '',
    ].join('\n'));
    const [build] = emu.core.releases.listBuilds(emu.core.principals.resolveToken(ADMIN_TOKEN)!, 'myapp');
    expect(build).toMatchObject({ image: 'tsuru/app-myapp:v2', dockerfile: DOCKERFILE, procfile: { web: '/app/server --port 8888' } });
    const events = (await tsuruAs(emu).get('/1.1/events?kindname=app.deploy').expect(200)).body;
    expect(JSON.parse(events[0].StartCustomData.Data)).toMatchObject({ source: 'dockerfile', baseImage: 'alpine:3.19', image: 'tsuru/app-myapp:v2' });
    const [deploy] = (await tsuruAs(emu).get('/1.0/deploys?app=myapp').expect(200)).body;
    expect(deploy).toMatchObject({ Origin: 'app-deploy', Error: '', CanRollback: true });
  });

  test('a Procfile in the build context wins over CMD; the shell form is the web command otherwise', async () => {
    const withContext = await deployDockerfile('FROM python:3.12\nCOPY . /app\nCMD python app.py', PYTHON_APP);
    expect(withContext.text).toBe([
      '---- Building the Dockerfile ----',
      ` ---> Build context: 2 file(s), ${tarGz(PYTHON_APP).length} bytes`,
      'Step 1/3 : FROM python:3.12',
      'Step 2/3 : COPY . /app',
      'Step 3/3 : CMD python app.py',
      ' ---> Base image: python:3.12',
      ...pythonAppDeployed(2),
    ].join('\n'));
    const shell = await tsuruAs(emu).post('/1.0/apps/myapp/deploy').type('form').send({ dockerfile: 'FROM python:3.12\nCMD python app.py' }).expect(200);
    expect(shell.text).toContain('\n ---> Process "web" found with commands: ["/bin/sh" "-c" "python app.py"]\n');
    expect(shell.text.endsWith('\nOK\n')).toBe(true);
  });

  test.each([
    ['no FROM', 'RUN echo hi\nCMD ["x"]', 'dockerfile parse error on line 1: no build stage in current context'],
    ['only ARG before nothing', '# nothing but\nARG A=1\n', 'dockerfile parse error on line 2: no build stage in current context'],
    ['a FROM without an image', 'FROM --platform=linux/amd64\nCMD ["x"]', 'dockerfile parse error on line 1: FROM requires either one or three arguments'],
    ['an unknown instruction', 'FROM alpine\n\nFOO bar', 'dockerfile parse error on line 3: unknown instruction: FOO'],
    ['only comments', '# just a comment\n\n', 'file with no instructions'],
    ['no command and no Procfile', 'FROM alpine\nRUN true', 'neither Procfile nor entrypoint and cmd set'],
  ])('%s fails the deploy as tsuru reports it, and makes no version', async (_name, dockerfile, error) => {
    const before = await versionsOf(emu);
    const res = await deployDockerfile(dockerfile);
    expect(res.text.startsWith('---- Building the Dockerfile ----\n')).toBe(true);
    expect(res.text.endsWith(`\nERROR: ${error}\n`)).toBe(true);
    const [deploy] = (await tsuruAs(emu).get('/1.0/deploys?app=myapp').expect(200)).body;
    expect(deploy).toMatchObject({ Error: error, Image: '', CanRollback: false, Origin: 'app-deploy' });
    expect(await versionsOf(emu)).toEqual(before);
  });

  test('a broken build context is a 400 before anything starts', async () => {
    const before = await stateOf(emu);
    const res = await request(emu.urls.tsuru!).post('/1.0/apps/myapp/deploy').set('Authorization', `bearer ${ADMIN_TOKEN}`)
      .field('dockerfile', 'FROM alpine\nCMD ["x"]').attach('file', Buffer.from('not a tarball'), 'archive.tar.gz')
      .expect(noSpecViolations).expect(400);
    expect(res.text).toBe(plainError('invalid archive: not gzip data (incorrect header check)'));
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(await stateOf(emu)).toEqual(before);
  });
});
