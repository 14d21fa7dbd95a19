import { ManualClock } from '../../src/core/clock';
import { Core } from '../../src/core/core';
import { CoreError } from '../../src/core/errors';
import { sequentialIds } from '../../src/core/ids';
import type { Principal } from '../../src/core/model';
import { DEFAULT_NODE_DURATIONS } from '../../src/core/services/nodes';
import { DEFAULT_FIXTURES, loadFixtures, readFixtures, type Fixtures } from '../../src/store/fixtures';
import { Store } from '../../src/store/store';

/** A core on an in-memory store with the default fixtures plus `extra`, on a manual clock. */
export function testCore(extra: Fixtures = {}) {
  const store = new Store(undefined);
  const clock = new ManualClock();
  const core = new Core({ store, clock, ids: sequentialIds(), settings: { appDomain: 'test.local', logLines: 3, nodeDurations: DEFAULT_NODE_DURATIONS, eventRetention: 10_000 } });
  const base = readFixtures(DEFAULT_FIXTURES);
  loadFixtures(core, {
    tenants: [...base.tenants!, ...(extra.tenants ?? [])], clusters: [...base.clusters!, ...(extra.clusters ?? [])],
    nodeSizes: base.nodeSizes, users: [...base.users!, ...(extra.users ?? [])], apps: extra.apps,
  });
  const as = (username: string): Principal => core.principals.principalOf(core.principals.findByUsername(username));
  return { store, clock, core, as };
}

/** The code of the CoreError `fn` throws, or 'none'. */
export function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (error instanceof CoreError) return error.code;
    throw error;
  }
  return 'none';
}
