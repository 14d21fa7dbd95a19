import { parseDockerfile } from '../../src/core/dockerfile';
import { CoreError } from '../../src/core/errors';

function failure(text: string): { code: string; params: unknown } {
  try {
    parseDockerfile(text);
  } catch (error) {
    if (error instanceof CoreError) return { code: error.code, params: error.params };
    throw error;
  }
  throw new Error('the Dockerfile was accepted');
}

test('instructions: any case, comments skipped, continuations joined on the line they start', () => {
  const build = parseDockerfile('# c\nfrom alpine:3.19\n\nrun apk add \\\n  # inside\n\n  curl\nCMD echo hi\\\n');
  expect(build.instructions).toEqual([
    { line: 2, keyword: 'FROM', args: 'alpine:3.19' },
    { line: 4, keyword: 'RUN', args: 'apk add curl' },
    { line: 8, keyword: 'CMD', args: 'echo hi' },
  ]);
  expect(build.command).toEqual(['/bin/sh', '-c', 'echo hi']);
});

test('the base is the final stage\'s FROM: a stage name resolves to its base, global ARGs are substituted', () => {
  expect(parseDockerfile('ARG V=3.19\nFROM alpine:${V} AS base\nFROM base\nCMD ["x"]').base).toBe('alpine:3.19');
  expect(parseDockerfile('ARG IMG="python"\nFROM --platform=linux/amd64 $IMG\nCMD ["x"]').base).toBe('python');
  expect(parseDockerfile('FROM golang AS build\nCMD ["go"]\nFROM scratch').command).toEqual([]);
});

test('ENTRYPOINT then CMD, in either order within a stage; exec form as is, a bad one as shell form', () => {
  expect(parseDockerfile('FROM a\nCMD ["--port", "80"]\nENTRYPOINT ["/srv"]').command).toEqual(['/srv', '--port', '80']);
  expect(parseDockerfile('FROM a\nENTRYPOINT [not json]').command).toEqual(['/bin/sh', '-c', '[not json]']);
});

test('BuildKit\'s errors, located by line', () => {
  expect(failure('')).toEqual({ code: 'deploy.dockerfile_empty', params: {} });
  expect(failure('ENV A=1\nFROM a')).toEqual({ code: 'deploy.dockerfile_no_stage', params: { line: 1 } });
  expect(failure('FROM a\nCOPYY . .')).toEqual({ code: 'deploy.dockerfile_unknown_instruction', params: { line: 2, instruction: 'COPYY' } });
  expect(failure('FROM $UNSET')).toEqual({ code: 'deploy.dockerfile_from_invalid', params: { line: 1 } });
});
