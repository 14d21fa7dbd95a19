import type { Build, Config } from '../model';
import { diffMaps, isEmptyDiff } from './configRules';

interface SummaryInput {
  version: number;
  actor: string;
  build: Build | null;
  config: Config;
  previous?: { build: Build | null; config: Config };
}

const joinNonEmpty = (parts: string[]) => parts.filter(Boolean).join(', ');
const listed = (verb: string, keys: string[]) => (keys.length ? `${verb} ${keys.join(', ')}` : '');

/**
 * The one-line description of what a release changed, worded as Deis words it ("test deployed
 * 060da68 and test added HELLO"), so every dialect's release history reads the same.
 */
export function summarizeRelease({ version, actor, build, config, previous }: SummaryInput): string {
  const parts: string[] = [];
  if (version === 1) {
    parts.push(`${actor} created initial release`);
  } else if (build && build.id !== previous?.build?.id) {
    parts.push(`${build.createdBy} deployed ${build.sha ? build.sha.slice(0, 7) : build.image}`);
  }
  if (previous && config.id !== previous.config.id) {
    const values = diffMaps(config.values, previous.config.values);
    const changes = joinNonEmpty([listed('added', values.added), listed('changed', values.changed), listed('deleted', values.deleted)]);
    if (changes) parts.push(`${config.createdBy} ${changes}`);
    const limits = [
      isEmptyDiff(diffMaps(config.memory, previous.config.memory)) ? '' : 'memory',
      isEmptyDiff(diffMaps(config.cpu, previous.config.cpu)) ? '' : 'cpu',
    ];
    if (joinNonEmpty(limits)) parts.push(`${config.createdBy} changed limits for ${joinNonEmpty(limits)}`);
    const tags = diffMaps(config.tags, previous.config.tags);
    const tagChanges = joinNonEmpty([listed('added tag', tags.added), listed('changed tag', tags.changed), listed('deleted tag', tags.deleted)]);
    if (tagChanges) parts.push(`${config.createdBy} ${tagChanges}`);
  }
  return parts.length ? parts.join(' and ') : `${actor} changed nothing`;
}
