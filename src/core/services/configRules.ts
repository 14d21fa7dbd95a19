import { invalid } from '../errors';
import type { ConfigChanges, ConfigMaps } from '../model';

const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const MEMORY = /^[0-9]+[BbKkMmGg]$/;
const TAG_KEY = /^[a-z]+$/;

type Rule = (key: string, value: string, field: keyof ConfigMaps) => void;

/** What each config map accepts: variable names, memory limits, CPU shares, tags. */
const RULES: Record<keyof ConfigMaps, Rule> = {
  values: (key, _value, field) => {
    if (!VAR_NAME.test(key)) {
      throw invalid('Config keys must start with a letter or underscore and only contain [A-z0-9_]', field);
    }
  },
  memory: (_key, value, field) => {
    if (!MEMORY.test(value)) throw invalid('Memory limit format: <number><unit>, where unit = B, K, M or G', field);
  },
  cpu: (_key, value, field) => {
    const shares = Number(value);
    if (!/^\d+$/.test(value) || shares > 1024) throw invalid('CPU shares must be an integer between 0 and 1024', field);
  },
  tags: (key, _value, field) => {
    if (!TAG_KEY.test(key)) throw invalid('Tag keys can only contain [a-z]', field);
  },
};

/**
 * Applies changes to a config: each given map is merged into the old one, a null value removes its
 * key. Scalars are kept as strings, the way every platform hands them to processes.
 */
export function mergeConfig(old: ConfigMaps, changes: ConfigChanges): ConfigMaps {
  const next: ConfigMaps = { values: { ...old.values }, memory: { ...old.memory }, cpu: { ...old.cpu }, tags: { ...old.tags } };
  for (const field of Object.keys(RULES) as (keyof ConfigMaps)[]) {
    const given = changes[field];
    if (!given) continue;
    for (const [key, raw] of Object.entries(given)) {
      if (raw === null) {
        delete next[field][key];
        continue;
      }
      const value = String(raw);
      RULES[field](key, value, field);
      next[field][key] = value;
    }
  }
  return next;
}

export interface MapDiff {
  added: string[];
  changed: string[];
  deleted: string[];
}

export function diffMaps(next: Record<string, string>, prev: Record<string, string>): MapDiff {
  return {
    added: Object.keys(next).filter((k) => !(k in prev)),
    changed: Object.keys(next).filter((k) => k in prev && prev[k] !== next[k]),
    deleted: Object.keys(prev).filter((k) => !(k in next)),
  };
}

export const isEmptyDiff = (d: MapDiff) => !d.added.length && !d.changed.length && !d.deleted.length;
