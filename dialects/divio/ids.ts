import { createHash } from 'node:crypto';
import { fail } from '../../src/core/errors';

const HEX = /^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$/i;
const BASE32 = /^[a-z2-7]{26}$/i;
const ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/**
 * An id as Divio's clients send it, as the hyphenated lowercase UUID polypaas stores: a UUID (hyphens
 * optional, as Python's UUID() reads it) or the 26-character base32 of its 16 bytes, which the real
 * server prints. Undefined for anything else.
 */
export function toUuid(input: string): string | undefined {
  if (HEX.test(input)) return hyphenate(input.replace(/-/g, '').toLowerCase());
  if (!BASE32.test(input)) return undefined;
  let bits = 0;
  let value = 0;
  let hex = '';
  for (const c of input.toLowerCase()) {
    value = (value << 5) | ALPHABET.indexOf(c);
    bits += 5;
    while (bits >= 4) {
      bits -= 4;
      hex += ((value >> bits) & 0xf).toString(16);
    }
  }
  // 26 characters carry 130 bits: the last two are padding and must be zero, as base32 decoders insist.
  if (hex.length !== 32 || (value & ((1 << bits) - 1)) !== 0) return undefined;
  return hyphenate(hex);
}

/** The base32 form the real server prints, for a stored UUID. */
export function toBase32(uuid: string): string {
  const bytes = Buffer.from(uuid.replace(/-/g, ''), 'hex');
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET[(value >> bits) & 31];
    }
  }
  return out + ALPHABET[(value << (5 - bits)) & 31];
}

const hyphenate = (hex: string) => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

/** A path's id: a malformed one is Divio's 404 {"detail": "Invalid UUID."}. */
export function pathId(value: string): string {
  const id = toUuid(value);
  if (!id) throw fail('request.uuid_invalid');
  return id;
}

/** An id in a query filter or a body field: a malformed one is a field error. */
export function fieldId(value: unknown, field: string): string {
  const id = typeof value === 'string' ? toUuid(value) : undefined;
  if (!id) throw fail('request.uuid_field_invalid', {}, field);
  return id;
}

/** Repeatable id filters (`?uuid=a&uuid=b`), undefined when absent. */
export function fieldIds(value: unknown, field: string): string[] | undefined {
  if (value === undefined) return undefined;
  return (Array.isArray(value) ? value : [value]).map((v) => fieldId(v, field));
}

/**
 * Ids for what polypaas numbers rather than names with a UUID (users, events): a fixed UUID per
 * (kind, number or name), so they read like every other Divio id and can be turned back.
 */
export function derivedUuid(kind: string, key: string): string {
  const hex = createHash('sha1').update(`${kind}:${key}`).digest('hex').slice(0, 32);
  return hyphenate(`${hex.slice(0, 12)}5${hex.slice(13, 16)}${((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16)}${hex.slice(17)}`);
}

/** An event's id as an activity's UUID, and back: its number in the last twelve hex digits. */
export const activityUuid = (eventId: number) => `00000000-0000-4000-a000-${eventId.toString(16).padStart(12, '0')}`;
export function eventIdOf(uuid: string): number | undefined {
  const match = /^00000000-0000-4000-a000-([0-9a-f]{12})$/.exec(uuid);
  return match ? parseInt(match[1], 16) : undefined;
}
