import { randomBytes, randomUUID } from 'node:crypto';

/** Id and secret generation, injectable so tests can get repeatable uuids, tokens and app names. */
export interface IdGenerator {
  uuid(): string;
  /** An API token: 40 hex characters, the shape Django REST framework's authtoken uses. */
  token(): string;
  /** A random app name for apps created without one (Deis: "adjective-noun"). */
  appName(): string;
}

const ADJECTIVES = ['amber', 'brisk', 'calm', 'dusty', 'eager', 'fuzzy', 'gentle', 'hasty', 'icy', 'jolly',
  'keen', 'lively', 'misty', 'nimble', 'oaken', 'proud', 'quiet', 'rusty', 'sunny', 'tidy', 'urban', 'vivid',
  'windy', 'young', 'zesty'];
const NOUNS = ['anchor', 'badger', 'canyon', 'dingo', 'ember', 'falcon', 'glacier', 'harbor', 'island', 'jackal',
  'kettle', 'lantern', 'meadow', 'nebula', 'otter', 'pebble', 'quarry', 'raven', 'summit', 'tundra', 'upland',
  'valley', 'walrus', 'yonder', 'zephyr'];

const pick = <T>(items: readonly T[], n: number): T => items[n % items.length];

export const randomIds: IdGenerator = {
  uuid: () => randomUUID(),
  token: () => randomBytes(20).toString('hex'),
  appName: () => {
    const [a, b] = randomBytes(2);
    return `${pick(ADJECTIVES, a)}-${pick(NOUNS, b)}`;
  },
};

/** Deterministic ids: the n-th uuid, token and app name are always the same. */
export function sequentialIds(): IdGenerator {
  let n = 0;
  const next = () => ++n;
  return {
    uuid: () => {
      const hex = next().toString(16).padStart(12, '0');
      return `00000000-0000-4000-8000-${hex}`;
    },
    token: () => next().toString(16).padStart(40, '0'),
    appName: () => {
      const i = next();
      return `${pick(ADJECTIVES, i)}-${pick(NOUNS, Math.floor(i / ADJECTIVES.length) + i)}`;
    },
  };
}
