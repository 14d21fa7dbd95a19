import { createHash } from 'node:crypto';
import { parseProcfile, readTarGz, type Archive } from '../archive';
import type { DownloadFailure } from '../context';
import { parseDockerfile, type DockerfileBuild } from '../dockerfile';
import { CoreError, fail } from '../errors';
import type { EventStep } from './events';

export interface DeployInput {
  /** A gzipped tar of the app's files (with `dockerfile`: the build context). */
  archive?: Buffer;
  image?: string;
  archiveUrl?: string;
  /** How large the archive at `archiveUrl` may be: the same limit as an uploaded one. */
  archiveLimitBytes?: number;
  dockerfile?: string;
  origin?: string;
  message?: string;
}

export type DeploySource = 'archive' | 'image' | 'archive-url' | 'dockerfile';

export interface BuildPlan {
  source: DeploySource;
  /** The image to run; by default the app's own, named after the new version. */
  image?: string;
  /** The image a Dockerfile build starts from (its final stage's FROM). */
  baseImage?: string;
  sha: string;
  dockerfile: string;
  procfile: Record<string, string>;
}

/** Why a started deploy failed: an error code and its parameters, worded by each dialect. */
export interface DeployFailure {
  code: string;
  params: Record<string, unknown>;
}

/** The steps a source's reading logged, and what to build from it, or why it cannot be built. */
export type Planned = { steps: EventStep[] } & ({ plan: BuildPlan } | { failure: DeployFailure });

const step = (code: string, params: Record<string, unknown> = {}): EventStep => ({ code, params });
const sha1 = (data: Buffer | string) => createHash('sha1').update(data).digest('hex');
const files = (archive: Archive) => archive.entries.filter((e) => e.type === 'file').length;
const failure = (error: CoreError): DeployFailure => ({ code: error.code, params: error.params });

/** An uploaded archive; a broken one throws (a 400 before anything starts). */
export function planUpload(data: Buffer): Planned {
  const archive = readTarGz(data);
  const procfile = parseProcfile(archive.files.Procfile);
  return {
    plan: { source: 'archive', sha: sha1(data), dockerfile: '', procfile },
    steps: [step('upload', { files: files(archive), bytes: data.length }), step('procfile', { procfile })],
  };
}

export function planImage(image: string): Planned {
  return { plan: { source: 'image', image, sha: sha1(image), dockerfile: '', procfile: { web: '' } }, steps: [step('image.pull', { image })] };
}

/** A downloaded archive: unlike an upload, a broken one fails the deploy that already started. */
export function planDownloaded(url: string, data: Buffer): Planned {
  const steps = [step('download.done', { url, bytes: data.length })];
  try {
    const archive = readTarGz(data);
    const procfile = parseProcfile(archive.files.Procfile);
    steps.push(step('download.files', { files: files(archive) }), step('procfile', { procfile }));
    return { plan: { source: 'archive-url', sha: sha1(data), dockerfile: '', procfile }, steps };
  } catch (error) {
    if (error instanceof CoreError) return { failure: failure(error), steps };
    throw error;
  }
}

/** A failed download as the deploy's failure: an unreachable host is `download_failed`, with the network's reason. */
export function downloadFailure(url: string, f: DownloadFailure): DeployFailure {
  if (f.reason === 'unreachable') return { code: 'deploy.download_failed', params: { url, reason: f.detail } };
  const { reason, ...details } = f;
  return { code: `deploy.download_${reason}`, params: { url, ...details } };
}

/**
 * A Dockerfile build: the context archive is read like an upload (broken: a 400 before anything
 * starts); the Dockerfile's own errors fail the deploy. A Procfile in the context names the processes;
 * without one, ENTRYPOINT and CMD are the web process, as tsuru's builder does.
 */
export function planDockerfile(dockerfile: string, context?: Buffer): Planned {
  const archive = context ? readTarGz(context) : undefined;
  const steps = [step('dockerfile.build')];
  if (archive && context) steps.push(step('dockerfile.context', { files: files(archive), bytes: context.length }));
  let build: DockerfileBuild;
  try {
    build = parseDockerfile(dockerfile);
  } catch (error) {
    if (error instanceof CoreError) return { failure: failure(error), steps };
    throw error;
  }
  const total = build.instructions.length;
  build.instructions.forEach((ins, i) => steps.push(step('dockerfile.instruction', { step: i + 1, total, keyword: ins.keyword, args: ins.args })));
  steps.push(step('dockerfile.base', { image: build.base }));
  const sha = sha1(context ? Buffer.concat([Buffer.from(dockerfile), context]) : dockerfile);
  const fromContext = parseProcfile(archive?.files.Procfile);
  if (Object.keys(fromContext).length) {
    steps.push(step('procfile', { procfile: fromContext }));
    return { plan: { source: 'dockerfile', baseImage: build.base, sha, dockerfile, procfile: fromContext }, steps };
  }
  if (!build.command.length) return { failure: failure(fail('deploy.dockerfile_no_command', {}, 'dockerfile')), steps };
  steps.push(step('dockerfile.command'), step('process', { name: 'web', command: build.command }));
  return { plan: { source: 'dockerfile', baseImage: build.base, sha, dockerfile, procfile: { web: shellJoin(build.command) } }, steps };
}

/** An argv as one command line, each word quoted where the shell would split it. */
function shellJoin(argv: string[]): string {
  return argv.map((word) => (/^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`)).join(' ');
}
