import type { Build, VariableSnapshot } from '../model';

interface SummaryInput {
  version: number;
  actor: string;
  build: Build | null;
  variables: VariableSnapshot[];
  /** Who changed the variables, when this release changed them. */
  variablesChangedBy?: string;
  previous?: { build: Build | null; variables: VariableSnapshot[] };
}

interface Diff { added: string[]; changed: string[]; deleted: string[] }

const joinNonEmpty = (parts: string[]) => parts.filter(Boolean).join(', ');
const listed = (verb: string, keys: string[]) => (keys.length ? `${verb} ${keys.join(', ')}` : '');
const isEmpty = (d: Diff) => !d.added.length && !d.changed.length && !d.deleted.length;

function diff(next: VariableSnapshot[], prev: VariableSnapshot[], kind: VariableSnapshot['kind']): Diff {
  const before = new Map(prev.filter((v) => v.kind === kind).map((v) => [v.name, v.value]));
  const after = new Map(next.filter((v) => v.kind === kind).map((v) => [v.name, v.value]));
  return {
    added: [...after.keys()].filter((k) => !before.has(k)),
    changed: [...after.keys()].filter((k) => before.has(k) && before.get(k) !== after.get(k)),
    deleted: [...before.keys()].filter((k) => !after.has(k)),
  };
}

/**
 * The one-line description of what a release changed, worded as Deis words it ("test deployed
 * 060da68 and test added HELLO"), so every dialect's release history reads the same.
 */
export function summarizeRelease({ version, actor, build, variables, variablesChangedBy, previous }: SummaryInput): string {
  const parts: string[] = [];
  if (version === 1) {
    parts.push(`${actor} created initial release`);
  } else if (build && build.id !== previous?.build?.id) {
    parts.push(`${build.createdBy} deployed ${build.sha ? build.sha.slice(0, 7) : build.image}`);
  }
  if (previous && variablesChangedBy) {
    const values = diff(variables, previous.variables, 'env');
    const changes = joinNonEmpty([listed('added', values.added), listed('changed', values.changed), listed('deleted', values.deleted)]);
    if (changes) parts.push(`${variablesChangedBy} ${changes}`);
    const limits = (['memory', 'cpu'] as const).filter((kind) => !isEmpty(diff(variables, previous.variables, kind)));
    if (limits.length) parts.push(`${variablesChangedBy} changed limits for ${limits.join(', ')}`);
    const tags = diff(variables, previous.variables, 'tag');
    const tagChanges = joinNonEmpty([listed('added tag', tags.added), listed('changed tag', tags.changed), listed('deleted tag', tags.deleted)]);
    if (tagChanges) parts.push(`${variablesChangedBy} ${tagChanges}`);
  }
  return parts.length ? parts.join(' and ') : `${actor} changed nothing`;
}
