import type { LoadResult } from './load';

/** What one server did for one row: a load result, a start-up time, or why there is no figure. */
export type Cell = { load: LoadResult } | { startupMs: number } | { missing: string };

export interface Row {
  label: string;
  polypaas: Cell;
  bare: Cell;
  express: Cell;
  prism: Cell;
}

const thousands = (n: number) => Math.round(n).toLocaleString('en-US');

function figure(cell: Cell): string {
  if ('missing' in cell) return cell.missing;
  if ('startupMs' in cell) return `${thousands(cell.startupMs)} ms`;
  const errors = cell.load.errors ? ` (${cell.load.errors} errors)` : '';
  return `${thousands(cell.load.perSecond)}/s${errors}`;
}

const latency = (cell: Cell, pick: 'p50ms' | 'p99ms') => ('load' in cell ? cell.load[pick].toFixed(2) : '');

export const rate = (cell: Cell) => ('load' in cell ? cell.load.perSecond : NaN);

/** The server's CPU µs a request; NaN where it could not be read. */
export const cpu = (cell: Cell) => ('load' in cell ? cell.load.cpuUs ?? NaN : NaN);

const times = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)}×` : '');

const cpuPair = (row: Row) => (Number.isFinite(cpu(row.polypaas)) ? `${thousands(cpu(row.polypaas))} / ${thousands(cpu(row.express))}` : '');

/** The one table the bench prints, in Markdown so it can go into a README or a report as it is. */
export function renderTable(rows: Row[]): string {
  const header = ['measurement', 'polypaas', 'p50 ms', 'p99 ms', 'bare node:http', 'express alone', 'Prism mock', 'polypaas ÷ express',
    'CPU µs a request: polypaas / express', 'by CPU: polypaas ÷ express'];
  const lines = rows.map((row) => [
    row.label, figure(row.polypaas), latency(row.polypaas, 'p50ms'), latency(row.polypaas, 'p99ms'),
    figure(row.bare), figure(row.express), figure(row.prism), times(rate(row.polypaas) / rate(row.express)),
    cpuPair(row), times(cpu(row.express) / cpu(row.polypaas)),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...lines.map((line) => line[i].length)));
  const format = (cells: string[]) => `| ${cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join(' | ')} |`;
  return [format(header), `|${widths.map((w, i) => (i === 0 ? `${'-'.repeat(w + 1)}-` : `${'-'.repeat(w + 1)}:`)).join('|')}|`, ...lines.map(format)].join('\n');
}

/** A target of the issue: printed as met or missed, never asserted. */
export function target(description: string, value: number, goal: number, better: 'higher' | 'lower'): string {
  if (!Number.isFinite(value)) return `- ${description}: no figure`;
  const met = better === 'higher' ? value >= goal : value <= goal;
  return `- ${description}: ${value.toFixed(2)} (target ${better === 'higher' ? '≥' : '≤'} ${goal}) ${met ? 'met' : 'MISSED'}`;
}
