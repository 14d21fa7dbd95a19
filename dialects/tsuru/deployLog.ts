import { CoreError, type ErrorParams } from '../../src/core/errors';
import type { CoreEvent } from '../../src/core/services/events';
import { eventLog, stepWording } from '../stepWording';
import { TSURU_MESSAGES } from './errors';

/** The most an archive may weigh, uploaded or at an archive URL: tsuru.yaml's `x-polypaas-body-limit` for AppDeploy. */
export const DEPLOY_ARCHIVE_LIMIT = 104_857_600;

/** Go's `%q` of a string, as tsuru's builder logs commands: JSON's quoting, the same for printable ASCII. */
const goQuote = (value: string) => JSON.stringify(value);

/** Parameters that are not plain values, written as tsuru writes them. */
function formatted(name: string, value: unknown): string {
  if (name === 'procfile') {
    const entries = Object.entries(value as Record<string, string>);
    return entries.length ? entries.map(([type, command]) => `${type}: ${command}`).join('; ') : 'none';
  }
  if (name === 'processes') return (value as string[]).join(', ');
  if (name === 'command') return `[${(value as string[]).map(goQuote).join(' ')}]`;
  return String(value);
}

/** One step as its line of the deploy log, newline included, as tsuru words it (deploySteps.json). */
export const stepLine = stepWording('tsuru/deploySteps.json', formatted);

/** The whole log of a deploy: text an older version wrote, then the steps worded. */
export const deployLogText = (event: CoreEvent): string => eventLog(event, stepLine);

/** The error of a failed event as tsuru words it: a deploy's failure from its code, anything else as recorded. */
export function eventErrorText(event: CoreEvent): string {
  const failure = event.data.failure as { code?: string; params?: ErrorParams } | undefined;
  if (!event.error || !failure?.code || !(failure.code in TSURU_MESSAGES.entries)) return event.error ?? '';
  // Only the code and parameters matter to the wording; the kind is the catalogue's concern, not this line's.
  return TSURU_MESSAGES.word(new CoreError('invalid', failure.code, failure.params ?? {})).message;
}
