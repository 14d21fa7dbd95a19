import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type ErrorRequestHandler, type Router } from 'express';
import { CoreError } from '../core/errors';
import { MessageCatalogue } from '../../dialects/catalogue';
import { FixturesError, parseFixtures } from '../store/fixtures';
import type { RequestJournal } from './journal';

/** The admin API words core errors in plain English: Django REST framework's catalogue is that. */
const ADMIN_WORDING = new MessageCatalogue('drf/messages.json');

/** What the admin API works on; the emulator provides it. */
export interface AdminTarget {
  dialects: string[];
  journal: RequestJournal;
  snapshotDir: string;
  startedAt: number;
  reset(): void;
  dump(): Record<string, unknown[]>;
  seed(fixtures: ReturnType<typeof parseFixtures>): void;
  snapshot(file: string): Promise<void>;
  restore(file: string): void;
  deliveries(): unknown[];
}

const SNAPSHOT_NAME = /^[\w.-]{1,64}$/;

class AdminError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/**
 * The control API under /_polypaas: health, reset to fixtures, the whole state, named snapshots
 * (SQLite's backup API), seeding more fixtures, and the journal of recent requests. Unauthenticated:
 * it is a local test tool's control surface, like LocalStack's.
 */
export function adminRouter(target: AdminTarget, bodyLimit: number): Router {
  const router = express.Router();
  router.use(express.json({ limit: bodyLimit }));
  const snapshotFile = (name: unknown) => {
    if (typeof name !== 'string' || !SNAPSHOT_NAME.test(name)) {
      throw new AdminError(400, 'name must be 1-64 letters, digits, dots, dashes or underscores');
    }
    return path.join(target.snapshotDir, `${name}.sqlite`);
  };

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok', dialects: target.dialects, uptimeSeconds: (Date.now() - target.startedAt) / 1000, requests: target.journal.count() });
  });
  router.post('/reset', (_req, res) => {
    target.reset();
    res.json({ status: 'reset' });
  });
  router.get('/state', (_req, res) => {
    res.json(target.dump());
  });
  router.post('/snapshot', async (req, res) => {
    const name = req.body?.name;
    await target.snapshot(snapshotFile(name));
    res.status(201).json({ name });
  });
  router.post('/restore', (req, res) => {
    const file = snapshotFile(req.body?.name);
    if (!existsSync(file)) throw new AdminError(404, `no snapshot named ${req.body.name}`);
    target.restore(file);
    res.json({ name: req.body.name });
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
    const status = error instanceof AdminError ? error.status
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
