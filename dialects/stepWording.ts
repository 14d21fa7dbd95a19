import { readFileSync } from 'node:fs';
import { stepsOf, type CoreEvent, type EventStep } from '../src/core/services/events';
import { fromRoot } from '../src/store/paths';

/**
 * A dialect's wording of the steps a running event records (a deploy's progress), as lines of its log:
 * a JSON file of `code → line` (data, not code), each `{param}` replaced by the step's parameter as
 * `format` writes it (default: as a string). A code the file does not know is written as itself.
 */
export function stepWording(file: string, format: (name: string, value: unknown) => string = (_name, value) => String(value)): (step: EventStep) => string {
  const lines: Record<string, string> = JSON.parse(readFileSync(fromRoot('dialects', file), 'utf8'));
  return (step) => {
    const template = Object.hasOwn(lines, step.code) ? lines[step.code] : step.code;
    const line = template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(step.params, name) ? format(name, step.params[name]) : whole));
    return `${line}\n`;
  };
}

/** An event's whole log: text an older version wrote, then its steps as `line` words them. */
export const eventLog = (event: CoreEvent, line: (step: EventStep) => string): string => event.log + stepsOf(event).map(line).join('');
