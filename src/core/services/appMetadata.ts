import { fail } from '../errors';
import type { AppMetadata, PlanOverride } from '../../store/schema-catalogue';

export type { AppMetadata, PlanOverride };

/** One label or annotation as a client sends it: `delete` removes the item of that name instead. */
export interface MetadataItemChange { name: string; value: string; delete?: boolean }
export interface MetadataChanges { labels?: MetadataItemChange[]; annotations?: MetadataItemChange[] }

/** The rules tsuru applies through Kubernetes' own validation (apimachinery's IsQualifiedName, IsValidLabelValue). */
const NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const NAME_MAX = 63;
const PREFIX_MAX = 253;
const LABEL_VALUE_MAX = 63;
/** Kubernetes' limit on an object's annotations, names and values together. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;
/** Tsuru reserves its own prefix for the labels and annotations it sets itself. */
const PRIVATE_PREFIX = 'tsuru.io/';

type Kind = keyof AppMetadata;

function checkName(kind: Kind, name: string): void {
  if (name.startsWith(PRIVATE_PREFIX)) throw fail('metadata.prefix_private', { kind, name }, `metadata.${kind}`);
  // Annotation names are checked in lower case, as tsuru does before calling Kubernetes' rule.
  const checked = kind === 'annotations' ? name.toLowerCase() : name;
  const parts = checked.split('/');
  if (parts.length > 2) throw fail('metadata.name_invalid', { kind, name }, `metadata.${kind}`);
  const [prefix, local] = parts.length === 2 ? parts : [undefined, parts[0]];
  if (prefix !== undefined && (prefix.length > PREFIX_MAX || !DNS_SUBDOMAIN.test(prefix))) {
    throw fail('metadata.prefix_invalid', { kind, name }, `metadata.${kind}`);
  }
  if (local.length > NAME_MAX) throw fail('metadata.name_too_long', { kind, name, max: NAME_MAX }, `metadata.${kind}`);
  if (!NAME_PART.test(local)) throw fail('metadata.name_invalid', { kind, name }, `metadata.${kind}`);
}

/** Refuses the first item tsuru's Metadata.Validate would refuse; items being deleted are not checked. */
export function validateMetadata(changes: MetadataChanges): void {
  let annotationBytes = 0;
  for (const item of changes.annotations ?? []) {
    if (item.delete) continue;
    checkName('annotations', item.name);
    annotationBytes += Buffer.byteLength(item.name) + Buffer.byteLength(item.value);
  }
  if (annotationBytes > ANNOTATIONS_MAX_BYTES) throw fail('metadata.annotations_too_large', { max: ANNOTATIONS_MAX_BYTES }, 'metadata.annotations');
  for (const item of changes.labels ?? []) {
    if (item.delete) continue;
    checkName('labels', item.name);
    if (item.value.length > LABEL_VALUE_MAX) throw fail('metadata.value_too_long', { value: item.value, max: LABEL_VALUE_MAX }, 'metadata.labels');
    if (!LABEL_VALUE.test(item.value)) throw fail('metadata.value_invalid', { value: item.value }, 'metadata.labels');
  }
}

/**
 * Tsuru's Metadata.Update: an item replaces the one of the same name, or is added; one marked `delete`
 * removes it. A new app's metadata is an update of none.
 */
export function mergeMetadata(current: AppMetadata, changes: MetadataChanges): AppMetadata {
  const merge = (list: AppMetadata[Kind], items: MetadataItemChange[] = []) => {
    let next = [...list];
    for (const item of items) {
      next = next.filter((existing) => existing.name !== item.name);
      if (!item.delete) next.push({ name: item.name, value: item.value });
    }
    return next;
  };
  return { labels: merge(current.labels, changes.labels), annotations: merge(current.annotations, changes.annotations) };
}

/** The least a set override may be; 0 removes it (tsuru's MergeOverride), and a burst factor below 1 would cap the plan's own CPU. */
const OVERRIDE_MIN: Record<keyof PlanOverride, number> = { memory: 1, cpumilli: 1, cpuBurst: 1 };

/** Tsuru's Plan.MergeOverride: a value replaces the current one, 0 removes it, an absent one keeps it. */
export function mergePlanOverride(current: PlanOverride, changes: PlanOverride): PlanOverride {
  const next: PlanOverride = { ...current };
  for (const field of Object.keys(OVERRIDE_MIN) as (keyof PlanOverride)[]) {
    const value = changes[field];
    if (value === undefined) continue;
    if (value !== 0 && !(value >= OVERRIDE_MIN[field])) throw fail('plan.override_invalid', { field, min: OVERRIDE_MIN[field] }, `planoverride.${field}`);
    if (value === 0) delete next[field];
    else next[field] = value;
  }
  return next;
}
