import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const NAME = /^[\w.-]{1,64}$/;
const EXTENSION = '.sqlite';
/** A snapshot being written; renamed into place once whole, so a restore never reads half a file. */
const PARTIAL = '.partial';
/** Folders of the default place are named after the process that made them, so leftovers can be told apart. */
const OWNED_PREFIX = 'polypaas-snapshots-';

export const DEFAULT_MAX_SNAPSHOTS = 20;

export class SnapshotError extends Error {
  constructor(readonly status: 400 | 404 | 409, message: string) {
    super(message);
  }
}

export interface SnapshotShelfOptions {
  /** Where snapshots are kept, across restarts; default a folder of this process under the OS temp folder. */
  dir?: string;
  /** How many named snapshots may exist at once; overwriting an existing name is always allowed. */
  max?: number;
}

/**
 * The named snapshots of one emulator: at most `max` of them, written one at a time (two snapshots
 * or a snapshot and a restore never overlap), each written aside and renamed into place.
 *
 * By default they live in a folder of their own under the OS temp folder, removed on close; folders
 * left by processes that died without closing (SIGKILL) are removed at start-up. A given `dir` is kept
 * across restarts (snapshots of a --db file stay useful), and only half-written files are removed there.
 */
export class SnapshotShelf {
  readonly dir: string;
  readonly max: number;
  private readonly owned: boolean;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(options: SnapshotShelfOptions = {}) {
    this.max = options.max ?? DEFAULT_MAX_SNAPSHOTS;
    this.owned = options.dir === undefined;
    if (options.dir === undefined) {
      removeLeftoverFolders(tmpdir());
      this.dir = mkdtempSync(path.join(tmpdir(), `${OWNED_PREFIX}${process.pid}-`));
    } else {
      this.dir = path.resolve(options.dir);
      mkdirSync(this.dir, { recursive: true });
      for (const file of readdirSync(this.dir)) {
        if (file.includes(PARTIAL)) rmSync(path.join(this.dir, file), { force: true });
      }
    }
  }

  /** The snapshots there are, oldest first, with their size in bytes. */
  list(): { name: string; bytes: number; createdAt: string }[] {
    return readdirSync(this.dir).filter((f) => f.endsWith(EXTENSION)).map((file) => {
      const stat = statSync(path.join(this.dir, file));
      return { name: file.slice(0, -EXTENSION.length), bytes: stat.size, createdAt: stat.mtime.toISOString() };
    }).sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
  }

  /** Writes snapshot `name` through `write(file)`, replacing one of the same name. */
  take(name: unknown, write: (file: string) => Promise<void>): Promise<void> {
    const file = this.fileOf(name);
    return this.serialised(async () => {
      if (!existsSync(file) && this.list().length >= this.max) {
        throw new SnapshotError(409, `the snapshot limit is reached: ${this.max} exist (--max-snapshots); `
          + 'overwrite one by its name, or delete one with DELETE /_polypaas/snapshots/NAME');
      }
      const partial = `${file}${PARTIAL}`;
      try {
        await write(partial);
        renameSync(partial, file);
      } finally {
        rmSync(partial, { force: true });
      }
    });
  }

  /** Hands the file of snapshot `name` to `read`, with no snapshot being written meanwhile. */
  restore(name: unknown, read: (file: string) => void): Promise<void> {
    const file = this.fileOf(name);
    return this.serialised(async () => {
      if (!existsSync(file)) throw new SnapshotError(404, `no snapshot named ${String(name)}`);
      read(file);
    });
  }

  remove(name: unknown): Promise<void> {
    const file = this.fileOf(name);
    return this.serialised(async () => {
      if (!existsSync(file)) throw new SnapshotError(404, `no snapshot named ${String(name)}`);
      rmSync(file);
    });
  }

  close(): void {
    if (this.owned) rmSync(this.dir, { recursive: true, force: true });
  }

  private fileOf(name: unknown): string {
    if (typeof name !== 'string' || !NAME.test(name) || name.startsWith('.')) {
      throw new SnapshotError(400, 'name must be 1-64 letters, digits, dots, dashes or underscores, not starting with a dot');
    }
    return path.join(this.dir, `${name}${EXTENSION}`);
  }

  private serialised<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

/** Removes the default-place folders of processes that no longer exist. */
function removeLeftoverFolders(base: string): void {
  for (const entry of readdirSync(base)) {
    const pid = Number(entry.slice(OWNED_PREFIX.length).split('-')[0]);
    if (!entry.startsWith(OWNED_PREFIX) || !Number.isInteger(pid) || pid <= 0 || isAlive(pid)) continue;
    rmSync(path.join(base, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
