import express, { type ErrorRequestHandler, type Router } from 'express';
import { CoreError } from '../core/errors';
import { MessageCatalogue } from '../../dialects/catalogue';
import { FixturesError, parseFixtures } from '../store/fixtures';
import { SnapshotError, type SnapshotShelf } from '../store/snapshots';
import { requireAdminToken } from './adminAccess';
import { redactSecrets } from './redact';
import type { RequestJournal } from './journal';

/** The admin API words core errors in plain English: Django REST framework's catalogue is that. */
const ADMIN_WORDING = new MessageCatalogue('drf/messages.json');

/** What the admin API works on; the emulator provides it. */
export interface AdminTarget {
  dialects: string[];
  journal: RequestJournal;
  snapshots: SnapshotShelf;
  startedAt: number;
  /** When set, every admin route but /health needs `Authorization: Bearer <adminToken>`. */
  adminToken?: string;
  reset(): void;
  dump(): Record<string, unknown[]>;
  seed(fixtures: ReturnType<typeof parseFixtures>): void;
  /** Writes a consistent copy of the state to `file`. */
  snapshot(file: string): Promise<void>;
  /** Replaces the state with the copy in `file`. */
  restore(file: string): void;
  deliveries(): unknown[];
}

/**
 * The control API under /_polypaas: health, reset to fixtures, the whole state, named snapshots
 * (SQLite's backup API), seeding more fixtures, and the journal of recent requests. Open on loopback,
 * as a local test tool's control surface (like LocalStack's); behind an admin token when the emulator
 * listens on the network. /state never shows secret values, tokens or password hashes.
 */
export function adminRouter(target: AdminTarget, bodyLimit: number): Router {
  const router = express.Router();
  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', dialects: target.dialects, uptimeSeconds: (Date.now() - target.startedAt) / 1000, requests: target.journal.count() });
  });
  // Health stays open for container health checks: it tells nothing about the state.
  if (target.adminToken) router.use(requireAdminToken(target.adminToken));
  router.use(express.json({ limit: bodyLimit }));
  router.post('/reset', (_req, res) => {
    target.reset();
    res.json({ status: 'reset' });
  });
  router.get('/state', (_req, res) => {
    res.json(redactSecrets(target.dump()));
  });
  router.post('/snapshot', async (req, res) => {
    const name = req.body?.name;
    await target.snapshots.take(name, (file) => target.snapshot(file));
    res.status(201).json({ name });
  });
  router.post('/restore', async (req, res) => {
    const name = req.body?.name;
    await target.snapshots.restore(name, (file) => target.restore(file));
    res.json({ name });
  });
  router.get('/snapshots', (_req, res) => {
    res.json({ max: target.snapshots.max, snapshots: target.snapshots.list() });
  });
  router.delete('/snapshots/:name', async (req, res) => {
    await target.snapshots.remove(req.params.name);
    res.status(204).end();
  });
  router.post('/seed', (req, res) => {
    target.seed(parseFixtures(req.body, 'seed'));
    res.json({ status: 'seeded' });
  });
  router.get('/webhooks/deliveries', (_req, res) => {
    res.json({ deliveries: target.deliveries() });
  });
  router.get('/requests', (_req, res) => {
    res.json({ total: target.journal.count(), capacity: target.journal.capacity, entries: target.journal.list() });
  });
  router.use((req, res) => {
    res.status(404).json({ error: `no admin route ${req.method} ${req.path}` });
  });
  const onError: ErrorRequestHandler = (error, _req, res, _next) => {
    const status = error instanceof SnapshotError ? error.status
      : error instanceof FixturesError || error instanceof CoreError || error?.code?.startsWith?.('SQLITE_CONSTRAINT') ? 400
        : error?.type === 'entity.parse.failed' ? 400
          : error?.type === 'entity.too.large' ? 413
            : 500;
    const message = error instanceof CoreError ? ADMIN_WORDING.word(error).message : error instanceof Error ? error.message : String(error);
    res.status(status).json({ error: message });
  };
  router.use(onError);
  return router;
}
