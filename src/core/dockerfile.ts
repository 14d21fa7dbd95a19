import { fail } from './errors';

export interface DockerInstruction {
  /** The line the instruction starts on (1-based), as builders report errors. */
  line: number;
  keyword: string;
  args: string;
}

export interface DockerfileBuild {
  instructions: DockerInstruction[];
  /** The image the final stage starts from (a stage name resolved to that stage's base). */
  base: string;
  /** ENTRYPOINT then CMD of the final stage, as the argv they run (shell form through `/bin/sh -c`). */
  command: string[];
}

const KEYWORDS = new Set(['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL',
  'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR']);

/**
 * Reads a Dockerfile the way BuildKit's parser does as far as a deploy needs it: comment lines, line
 * continuations (a trailing `\`, comments and blank lines inside one skipped), instruction keywords in
 * any case, global ARG defaults substituted in FROM. Errors are BuildKit's: an unknown instruction, an instruction before the first FROM (only
 * ARG may come first), a FROM without an image, a file with no instructions.
 */
export function parseDockerfile(text: string): DockerfileBuild {
  const instructions = instructionsOf(text);
  if (!instructions.length) throw fail('deploy.dockerfile_empty', {}, 'dockerfile');
  const stages = new Map<string, string>();
  /** ARGs declared before the first FROM, with their defaults: FROM lines may use them (`FROM golang:${GO}`). */
  const globalArgs = new Map<string, string>();
  let base: string | undefined;
  let entrypoint: string[] = [];
  let cmd: string[] = [];
  for (const ins of instructions) {
    if (!KEYWORDS.has(ins.keyword)) throw fail('deploy.dockerfile_unknown_instruction', { line: ins.line, instruction: ins.keyword }, 'dockerfile');
    if (ins.keyword === 'FROM') {
      const [raw, as, name] = ins.args.split(/\s+/).filter((word) => !word.startsWith('--'));
      const image = raw?.replace(/\$\{(\w+)\}|\$(\w+)/g, (_whole, braced?: string, bare?: string) => globalArgs.get(braced ?? bare ?? '') ?? '');
      if (!image) throw fail('deploy.dockerfile_from_invalid', { line: ins.line }, 'dockerfile');
      base = stages.get(image.toLowerCase()) ?? image;
      if (as?.toLowerCase() === 'as' && name) stages.set(name.toLowerCase(), base);
      entrypoint = [];
      cmd = [];
    } else if (base === undefined && ins.keyword !== 'ARG') {
      throw fail('deploy.dockerfile_no_stage', { line: ins.line }, 'dockerfile');
    } else if (base === undefined) {
      const [key, ...value] = ins.args.split('=');
      globalArgs.set(key.trim(), value.join('=').replace(/^"(.*)"$/, '$1'));
    } else if (ins.keyword === 'ENTRYPOINT') {
      entrypoint = argvOf(ins.args);
    } else if (ins.keyword === 'CMD') {
      cmd = argvOf(ins.args);
    }
  }
  if (base === undefined) throw fail('deploy.dockerfile_no_stage', { line: instructions[0].line }, 'dockerfile');
  return { instructions, base, command: [...entrypoint, ...cmd] };
}

/** Logical lines: comments dropped, continuations joined, each with the line it started on. */
function instructionsOf(text: string): DockerInstruction[] {
  const out: DockerInstruction[] = [];
  const push = (line: number, logical: string) => {
    const keyword = logical.split(/\s+/)[0];
    if (keyword) out.push({ line, keyword: keyword.toUpperCase(), args: logical.slice(keyword.length).trim() });
  };
  let pending: { line: number; text: string } | undefined;
  text.split(/\r?\n/).forEach((raw, i) => {
    const trimmed = raw.trim();
    if (trimmed.startsWith('#') || (pending && trimmed === '')) return;
    const continues = trimmed.endsWith('\\');
    const part = continues ? trimmed.slice(0, -1).trim() : trimmed;
    pending = pending ? { line: pending.line, text: `${pending.text} ${part}` } : { line: i + 1, text: part };
    if (continues) return;
    push(pending.line, pending.text.trim());
    pending = undefined;
  });
  // A continuation on the last line ends the instruction there, as BuildKit reads it.
  if (pending) push(pending.line, pending.text.trim());
  return out;
}

/** The exec form (a JSON array of strings) as it is; the shell form runs through `/bin/sh -c`. */
function argvOf(args: string): string[] {
  if (args.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(args);
      if (Array.isArray(parsed) && parsed.every((a) => typeof a === 'string')) return parsed;
    } catch {
      // Not JSON: BuildKit, too, falls back to the shell form.
    }
  }
  return args ? ['/bin/sh', '-c', args] : [];
}
