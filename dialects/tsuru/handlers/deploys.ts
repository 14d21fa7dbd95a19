import type { Core } from '../../../src/core/core';
import { stepsOf, type CoreEvent } from '../../../src/core/services/events';
import type { DialectRequest, OperationHandler } from '../../types';
import { DEPLOY_ARCHIVE_LIMIT, deployLogText, eventErrorText, stepLine } from '../deployLog';
import { bodyOf, caller, goTime, STREAM, text } from '../mappers';

/** How often a deploy's log is read for new lines while it runs (real time). */
const POLL_MS = 10;

/** Waits `ms`, or less if the client leaves; the abort listener goes with the wait (a long deploy polls many times). */
const sleep = (ms: number, signal: AbortSignal) => new Promise<void>((resolve) => {
  const woken = () => {
    clearTimeout(timer);
    resolve();
  };
  const timer = setTimeout(() => {
    signal.removeEventListener('abort', woken);
    resolve();
  }, ms);
  signal.addEventListener('abort', woken, { once: true });
});

/**
 * The deploy's log as it is written, then `OK` on a line of its own, which is how tsuru-client knows
 * the deploy worked; a failed deploy ends with its error instead. A reader whose deploy is due by the
 * clock settles it rather than wait for the timer to notice.
 */
function deployLog(core: Core, eventId: number) {
  return async function* (signal: AbortSignal) {
    let sent = 0;
    for (;;) {
      if (core.deploys.isDue(eventId)) core.timedWork.settleDue();
      const event = core.events.get(eventId);
      const log = deployLogText(event);
      if (log.length > sent) {
        yield log.slice(sent);
        sent = log.length;
      }
      if (!event.running) {
        yield event.error ? `ERROR: ${eventErrorText(event)}\n` : 'OK\n';
        return;
      }
      await sleep(POLL_MS, signal);
      if (signal.aborted) return;
    }
  };
}

function archiveOf(req: DialectRequest): Buffer | undefined {
  return req.files.find((f) => f.field.toLowerCase() === 'file')?.data;
}

/** Multipart with a tar.gz `file` (with `dockerfile`: its build context), or a form with `image`, `archive-url` or `dockerfile`. */
export const AppDeploy: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const event = core.deploys.start(caller(req), req.params.app, {
    archive: archiveOf(req), image: text(b.image) || undefined, archiveUrl: text(b['archive-url']) || undefined, archiveLimitBytes: DEPLOY_ARCHIVE_LIMIT,
    dockerfile: text(b.dockerfile) || undefined, origin: text(b.origin) || undefined, message: text(b.message) || undefined,
  });
  return { status: 200, contentType: 'text', headers: { 'X-Tsuru-Eventid': String(event.id) }, stream: deployLog(core, event.id) };
};

/** A deploy as tsuru's DeployData: Duration in nanoseconds, Timestamp when it started. */
function deployJson(core: Core, e: CoreEvent) {
  const data = e.data as Record<string, unknown>;
  const ended = e.endedAt ? Date.parse(e.endedAt) : core.ctx.clock.now().getTime();
  return {
    ID: String(e.id), App: text(data.app), Timestamp: e.startedAt, Duration: (ended - Date.parse(e.startedAt)) * 1e6,
    Commit: text(data.commit), Error: eventErrorText(e), Image: text(data.image), Log: deployLogText(e), User: e.owner,
    Origin: text(data.origin), CanRollback: !e.error && !e.running && !!data.image, Message: text(data.message),
  };
}

const count = (value: unknown) => (/^\d+$/.test(text(value)) ? Number(text(value)) : undefined);

export const DeployList: OperationHandler = (req, core) => {
  const deploys = core.deploys.list(caller(req), {
    appName: text(req.query.app) || undefined, limit: count(req.query.limit), skip: count(req.query.skip),
  });
  if (!deploys.length) return { status: 204 };
  return { status: 200, body: deploys.map((e) => ({ ...deployJson(core, e), Log: '' })) };
};

export const DeployInfo: OperationHandler = (req, core) => {
  const id = /^\d+$/.test(req.params.deploy) ? Number(req.params.deploy) : NaN;
  return { status: 200, body: deployJson(core, core.deploys.get(caller(req), id)) };
};

export const AppDeployRollback: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const event = core.deploys.rollback(caller(req), req.params.app, {
    version: count(b.version), image: text(b.image) || undefined, origin: text(b.origin), reason: text(b.reason),
  });
  const at = goTime(event.endedAt ?? event.startedAt);
  const lines = stepsOf(event).map((step) => `${JSON.stringify({ Message: stepLine(step), Timestamp: at })}\n`);
  return { status: 200, contentType: STREAM, headers: { 'X-Tsuru-Eventid': String(event.id) }, async *stream() { yield* lines; } };
};
