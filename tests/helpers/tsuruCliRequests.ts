import { readFileSync } from 'node:fs';
import { fromRoot } from '../../src/store/paths';

/** One request tsuru-client 1.7.2 sent, as recorded in cli-1.7.2-requests.txt. */
export interface CliRequest {
  command: string;
  method: string;
  /** The path without its query string. */
  path: string;
  /** Every query parameter, repeated ones as arrays (the way Go reads a query). */
  query: Record<string, string | string[]>;
  contentType?: string;
  body:
    | { kind: 'none' }
    | { kind: 'form'; fields: [string, string][] }
    | { kind: 'json'; value: unknown }
    | { kind: 'multipart'; fieldNames: string[] };
}

export const CLI_REQUESTS_FILE = fromRoot('scripts', 'tsuru-spec', 'cli-1.7.2-requests.txt');

function parseQuery(search: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(search)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}

/** The recording writes forms unencoded (`description=a description&name=x`): split on & and the first =. */
function parseForm(text: string): [string, string][] {
  return text.split('&').map((pair) => {
    const at = pair.indexOf('=');
    return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
  });
}

function parseBody(line: string): CliRequest['body'] {
  const text = line.replace(/^body:\s*/, '');
  if (text.startsWith('form: ')) return { kind: 'form', fields: parseForm(text.slice('form: '.length)) };
  if (text.startsWith('json: ')) return { kind: 'json', value: JSON.parse(text.slice('json: '.length)) };
  if (text.startsWith('multipart/form-data: ')) {
    const names = [...text.matchAll(/(?:^|, )([\w-]+)=/g)].map((m) => m[1]);
    return { kind: 'multipart', fieldNames: names };
  }
  return { kind: 'none' };
}

/** Every request in the recording, in order, with the command that sent it. */
export function cliRequests(file = CLI_REQUESTS_FILE): CliRequest[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const requests: CliRequest[] = [];
  let command = '';
  for (let i = 0; i < lines.length; i++) {
    const heading = lines[i].match(/^## (tsuru-client .*?)(\s+->.*)?$/);
    if (heading) command = heading[1];
    const request = lines[i].match(/^ {3}(GET|POST|PUT|DELETE) (\S+)$/);
    if (!request) continue;
    const [path, search = ''] = request[2].split('?');
    const typeLine = lines[i + 1]?.trim().match(/^content-type: (\S+)/);
    const contentType = typeLine && typeLine[1] !== '(none)' ? typeLine[1].replace(/;$/, '') : undefined;
    const bodyLine = lines.slice(i + 1, i + 4).map((l) => l.trim()).find((l) => l.startsWith('body:')) ?? 'body: (no body)';
    requests.push({ command, method: request[1], path, query: parseQuery(search), contentType, body: parseBody(bodyLine) });
  }
  return requests;
}
