import type { UnitAction } from '../../../src/core/services/units';
import type { OperationHandler } from '../../types';
import { bodyOf, caller, messageStream, positiveInt, text } from '../mappers';

/** `units=2&process=web` (the process may be empty when the app has one); the stream tells what changed. */
export const UnitsAdd: OperationHandler = (req, core) => {
  const b = bodyOf(req);
  const delta = positiveInt(b.units);
  const { process, units } = core.units.change(caller(req), req.params.app, text(b.process) || undefined, delta);
  return messageStream(core, [`---- Adding ${delta} new unit(s) to process "${process}" ----\n`, ` ---> Process "${process}" has ${units} unit(s)\n`]);
};

/** The same in the query of a DELETE (`?process=&units=1`), as the CLI sends it. */
export const UnitsRemove: OperationHandler = (req, core) => {
  const delta = positiveInt(req.query.units);
  const { process, units } = core.units.change(caller(req), req.params.app, text(req.query.process) || undefined, -delta);
  return messageStream(core, [`---- Removing ${delta} unit(s) from process "${process}" ----\n`, ` ---> Process "${process}" has ${units} unit(s)\n`]);
};

const WORDS: Record<UnitAction, [string, string]> = { start: ['Starting', 'started'], stop: ['Stopping', 'stopped'], restart: ['Restarting', 'restarted'] };

function unitAction(action: UnitAction): OperationHandler {
  return (req, core) => {
    const process = text(bodyOf(req).process) || undefined;
    const touched = core.units.act(caller(req), req.params.app, process, action);
    const [doing, done] = WORDS[action];
    return messageStream(core, [
      `---- ${doing} ${process ? `process "${process}"` : 'the app'} "${req.params.app}" ----\n`,
      ` ---> ${touched} unit(s) ${done}\n`,
    ]);
  };
}

export const AppStart = unitAction('start');
export const AppStop = unitAction('stop');
export const AppRestart = unitAction('restart');
