/**
 * The bench's output: one table of target / measured / met, on the console and in
 * docs/performance.md with the machine it ran on and the details behind each figure.
 */
import os from 'node:os';

export interface Row {
  /** 1 to 5: the items. */
  item: number;
  measure: string;
  target: string;
  measured: string;
  /** null: a figure without a target. */
  met: boolean | null;
}

export interface Machine {
  cpu: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  date: string;
  loadStart: number[];
  loadEnd: number[];
}

export function machine(loadStart: number[]): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGb: os.totalmem() / 1024 ** 3,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString().slice(0, 10),
    loadStart,
    loadEnd: os.loadavg(),
  };
}

export function metText(met: boolean | null): string {
  return met === null ? '–' : met ? 'met' : 'MISSED';
}

/** A whole number with thousands commas: 1,048,575. */
export function int(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

export function fixed(n: number, digits = 1): string {
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

export function consoleTable(rows: readonly Row[]): string {
  const head: [string, string, string, string, string] = ['#', 'measure', 'target', 'measured', 'met'];
  const cells = rows.map((r): string[] => [String(r.item), r.measure, r.target, r.measured, metText(r.met)]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: readonly string[]): string => c.map((x, i) => x.padEnd(widths[i])).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n');
}

export function markdownTable(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const esc = (s: string): string => s.replace(/\|/g, '\\|');
  return [
    `| ${head.map(esc).join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

export function resultsMarkdown(rows: readonly Row[]): string {
  return markdownTable(
    ['#', 'measure', 'target', 'measured', 'met'],
    rows.map((r) => [String(r.item), r.measure, r.target, r.measured, r.met === false ? '**MISSED**' : metText(r.met)]),
  );
}

export function machineMarkdown(m: Machine): string {
  const load = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' / ');
  return markdownTable(
    ['', ''],
    [
      ['CPU', m.cpu],
      ['cores', String(m.cores)],
      ['memory', `${fixed(m.memoryGb, 1)} GB`],
      ['Node', m.node],
      ['OS', m.os],
      ['date', m.date],
      ['load average (1 / 5 / 15 min) at start', load(m.loadStart)],
      ['load average at end', load(m.loadEnd)],
    ],
  );
}
