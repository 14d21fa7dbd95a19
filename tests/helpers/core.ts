import { ManualClock } from '../../src/core/clock';
import { Core } from '../../src/core/core';
import { sequentialIds } from '../../src/core/ids';
import type { Principal } from '../../src/core/model';
import { DEFAULT_NODE_DURATIONS } from '../../src/core/services/nodes';
import { DEFAULT_FIXTURES, loadFixtures, readFixtures } from '../../src/store/fixtures';
import { tenants } from '../../src/store/schema';
import { Store } from '../../src/store/store';

export interface TestCore { core: Core; store: Store; clock: ManualClock; admin: Principal }

/**
 * A core without HTTP, on a frozen clock: in memory, or on `file` (loaded with the default fixtures
 * only when the file is new, as the emulator does).
 */
export function startTestCore(options: { file?: string; clock?: ManualClock; eventRetention?: number; logLines?: number } = {}): TestCore {
  const store = new Store(options.file);
  const clock = options.clock ?? new ManualClock();
  const core = new Core({
    store, clock, ids: sequentialIds(),
    settings: { appDomain: 'test.local', logLines: options.logLines ?? 100, nodeDurations: DEFAULT_NODE_DURATIONS, eventRetention: options.eventRetention ?? 10_000 },
  });
  if (!store.db.select().from(tenants).get()) loadFixtures(core, readFixtures(DEFAULT_FIXTURES));
  return { core, store, clock, admin: core.principals.principalOf(core.principals.findByUsername('admin')) };
}
