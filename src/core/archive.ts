import { gunzipSync } from 'node:zlib';
import { fail } from './errors';

export interface ArchiveEntry {
  name: string;
  size: number;
  type: 'file' | 'directory' | 'other';
}

export interface Archive {
  entries: ArchiveEntry[];
  /** The contents of the few files a deploy reads (Procfile, tsuru.yaml), by name at the archive's root. */
  files: Record<string, string>;
}

const BLOCK = 512;
const READ = new Set(['Procfile', 'tsuru.yaml', 'tsuru.yml']);

const broken = (reason: string) => fail('deploy.archive_invalid', { reason }, 'file');

/**
 * Reads a gzipped tar (ustar or GNU) the way a deploy needs it: every entry's name and size, and the
 * text of the root-level files that describe the app. A bad gzip stream, a header whose checksum does
 * not add up, or an entry that runs past the end is a broken archive.
 */
export function readTarGz(data: Buffer): Archive {
  let tar: Buffer;
  try {
    tar = gunzipSync(data);
  } catch (error) {
    throw broken(`not gzip data (${(error as Error).message})`);
  }
  const entries: ArchiveEntry[] = [];
  const files: Record<string, string> = {};
  let longName: string | undefined;
  for (let offset = 0; offset + BLOCK <= tar.length;) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break;
    if (checksum(header) !== octal(header, 148, 8)) throw broken(`bad header checksum at byte ${offset}`);
    const size = octal(header, 124, 12);
    const typeFlag = String.fromCharCode(header[156] || 48);
    const start = offset + BLOCK;
    if (start + size > tar.length) throw broken('an entry runs past the end of the archive');
    const body = tar.subarray(start, start + size);
    offset = start + Math.ceil(size / BLOCK) * BLOCK;
    if (typeFlag === 'L') {
      longName = text(body, 0, size);
      continue;
    }
    const prefix = text(header, 345, 155);
    const name = (longName ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100))).replace(/^\.\//, '');
    longName = undefined;
    if (typeFlag === 'x' || typeFlag === 'g') continue;
    const type = typeFlag === '0' || typeFlag === '\0' ? 'file' : typeFlag === '5' ? 'directory' : 'other';
    entries.push({ name, size, type });
    if (type === 'file' && READ.has(name)) files[name] = body.toString('utf8');
  }
  if (!entries.length) throw broken('the archive holds no files');
  return { entries, files };
}

/** A Procfile's process types and their commands (`web: python app.py`). */
export function parseProcfile(text: string | undefined): Record<string, string> {
  const processes: Record<string, string> = {};
  for (const line of (text ?? '').split('\n')) {
    const match = /^([A-Za-z0-9_-]+):\s*(.+?)\s*$/.exec(line);
    if (match) processes[match[1]] = match[2];
  }
  return processes;
}

function text(buf: Buffer, start: number, length: number): string {
  const raw = buf.subarray(start, start + length);
  const end = raw.indexOf(0);
  return raw.subarray(0, end < 0 ? raw.length : end).toString('utf8');
}

function octal(buf: Buffer, start: number, length: number): number {
  const value = text(buf, start, length).trim();
  return value === '' ? 0 : Number.parseInt(value, 8);
}

/** The header's checksum: the sum of its bytes with the checksum field itself read as spaces. */
function checksum(header: Buffer): number {
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : header[i];
  return sum;
}
