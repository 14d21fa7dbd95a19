import { fail } from '../../../src/core/errors';
import type { App, LogLine } from '../../../src/core/model';
import type { Core } from '../../../src/core/core';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, goBool, goTime, STREAM, text } from '../mappers';

/** How often a followed log looks for new lines (real time). */
const FOLLOW_MS = 200;

/** Runs a command in a new unit of the app's current version; its output is streamed, a failure in the last line. */
export const AppRun: OperationHandler = (req, core) => {
  const command = text(bodyOf(req).command);
  if (!command.trim()) throw fail('request.json_invalid', { value: command });
  const { rc, output } = core.processes.run(caller(req), req.params.app, command);
  const at = goTime(core.ctx.clock.now().toISOString());
  const lines = output ? [`${JSON.stringify({ Message: output, Timestamp: at })}\n`] : [];
  if (rc !== 0) lines.push(`${JSON.stringify({ Message: '', Timestamp: at, Error: `exit status ${rc}` })}\n`);
  return { status: 200, contentType: STREAM, async *stream() { yield* lines; } };
};

function entry(app: App, line: LogLine) {
  return { Date: line.createdAt, Message: line.message, Source: line.source, AppName: app.name, Unit: '' };
}

/**
 * The app's log as tsuru's log endpoint sends it: a JSON array of entries a line, the last `lines`
 * first, filtered by `source` and `unit`; with `follow`, later lines as they come, until the client leaves.
 */
export const AppLog: OperationHandler = (req, core) => {
  const lines = text(req.query.lines);
  if (!/^\d+$/.test(lines)) throw fail('request.integer_invalid', { value: lines || '(none)' }, 'lines');
  const app = core.apps.get(caller(req), req.params.app);
  const source = text(req.query.source);
  const units = (Array.isArray(req.query.unit) ? req.query.unit : []).map(text).filter(Boolean);
  const keep = (line: LogLine) => (!source || line.source === source) && (!units.length || units.includes(''));
  const first = core.events.tail(app).filter(keep).slice(-Number(lines) || undefined);
  const follow = goBool(req.query.follow);
  return {
    status: 200,
    contentType: STREAM,
    async *stream(signal) {
      let last = first.at(-1)?.id ?? 0;
      if (first.length) yield `${JSON.stringify(first.map((l) => entry(app, l)))}\n`;
      while (follow && !signal.aborted) {
        await new Promise((resolve) => setTimeout(resolve, FOLLOW_MS));
        const fresh = newLines(core, app, last).filter(keep);
        if (fresh.length) {
          last = fresh.at(-1)!.id;
          yield `${JSON.stringify(fresh.map((l) => entry(app, l)))}\n`;
        }
      }
    },
  };
};

function newLines(core: Core, app: App, after: number): LogLine[] {
  if (!core.access.loadById(app.id)) return [];
  return core.events.tail(app).filter((l) => l.id > after);
}
