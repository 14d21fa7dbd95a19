import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { Store } from '../../src/store/store';
import { startTestCore } from '../helpers/core';

test('a change count sees every insert, update and delete of its tables, a cascade, a reset and a restore included', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'polypaas-changes-'));
  const file = path.join(dir, 'state.db');
  const { core, store, admin } = startTestCore({ file });
  try {
    const credentials = store.changesTo(['users', 'tokens', 'memberships']);
    const seen = () => credentials.count;
    let last = seen();
    const moved = () => {
      const now = seen();
      const changed = now !== last;
      last = now;
      return changed;
    };
    // Writes to other tables leave it where it was.
    core.apps.create(admin, { name: 'counted' });
    expect(moved()).toBe(false);
    // Raw SQL counts like any service's statement.
    store.sqlite.prepare("UPDATE users SET email = 'x@example.com' WHERE username = 'admin'").run();
    expect(moved()).toBe(true);
    const bob = core.principals.register({ username: 'bob', password: 'p' });
    expect(moved()).toBe(true);
    core.principals.issueToken({ userId: bob.id, kind: 'api', token: 'bobs-token' });
    expect(moved()).toBe(true);
    await store.backupTo(path.join(dir, 'snap.db'));
    // Deleting the user deletes its tokens and memberships by cascade.
    store.sqlite.prepare('DELETE FROM users WHERE id = ?').run(bob.id);
    expect(moved()).toBe(true);
    expect(core.principals.resolveToken('bobs-token')).toBeUndefined();
    store.restoreFrom(path.join(dir, 'snap.db'));
    expect(moved()).toBe(true);
    expect(core.principals.resolveToken('bobs-token')?.username).toBe('bob');
    store.tx(() => store.wipe());
    expect(moved()).toBe(true);
    expect(core.principals.resolveToken('bobs-token')).toBeUndefined();
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the counting triggers live only on the connection: the database file holds none of them', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'polypaas-changes-'));
  const file = path.join(dir, 'state.db');
  try {
    const store = new Store(file);
    store.changesTo(['users']);
    expect(store.sqlite.prepare("SELECT count(*) AS n FROM temp.sqlite_master WHERE type = 'trigger'").get()).toEqual({ n: 3 });
    store.close();
    // Another tool opening the file writes its users without a function it does not have.
    const other = new Database(file);
    other.prepare("INSERT INTO users (username, password_hash, date_joined) VALUES ('tool', 'x', '2026-01-01')").run();
    expect(other.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'polypaas_changed%'").get()).toEqual({ n: 0 });
    other.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the remembered plans and routers follow every change to their tables, and cannot be changed by a reader', () => {
  const { core, store } = startTestCore();
  try {
    const before = core.platformCatalogue.plans();
    expect(core.platformCatalogue.plans()).toBe(before);
    store.sqlite.prepare("INSERT INTO plans (name, memory, cpu_milli, is_default) VALUES ('huge', 999999999999, 8000, 0)").run();
    expect(core.platformCatalogue.plans().map((p) => p.name)).toEqual([...before.map((p) => p.name), 'huge']);
    const defaultPlan = core.platformCatalogue.plan()!;
    store.sqlite.prepare('UPDATE plans SET is_default = (name = ?)').run('huge');
    expect(core.platformCatalogue.plan()?.name).toBe('huge');
    store.sqlite.prepare("UPDATE routers SET type = 'changed'").run();
    expect(core.platformCatalogue.routers().every((r) => r.type === 'changed')).toBe(true);
    expect(() => { (core.platformCatalogue.plans() as unknown as { name: string }[]).push(defaultPlan); }).toThrow(/not extensible/);
    expect(() => { (core.platformCatalogue.plan() as { name: string }).name = 'renamed'; }).toThrow(/read only/);
  } finally {
    store.close();
  }
});
