export { startEmulator, DEFAULT_PORTS, type Emulator, type EmulatorOptions, type PortName } from './http/emulator';
export { ManualClock, systemClock, type Clock } from './core/clock';
export { randomIds, sequentialIds, type IdGenerator } from './core/ids';
export type { Fixtures } from './store/fixtures';
export type { DialectName } from '../dialects/types';
export { DatabaseInUseError } from './store/store';
export { DEFAULT_ADMIN_TOKEN } from './http/adminAccess';
