/** Terminal output: aligned columns, and colour only when writing to a terminal. */

export interface Output {
  json: unknown;
  text: string;
  /** With --json, print these as JSON Lines (one compact document a line) instead of `json`. */
  jsonLines?: unknown[];
}

export interface Style {
  bold(text: string): string;
  dim(text: string): string;
  warn(text: string): string;
  good(text: string): string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;

export const colours: Style = { bold: wrap(1, 22), dim: wrap(2, 22), warn: wrap(33, 39), good: wrap(32, 39) };
export const plain: Style = { bold: (t) => t, dim: (t) => t, warn: (t) => t, good: (t) => t };

// biome-ignore lint/suspicious/noControlCharactersInRegex: measuring printable width means skipping colour codes
const ANSI = /\u001b\[\d+m/g;
const width = (text: string): number => [...text.replace(ANSI, '')].length;

/** Rows of cells as aligned columns; the last column is not padded. */
export function table(header: string[], rows: string[][], style: Style): string {
  if (rows.length === 0) return '';
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - width(cell))))
      .join('  ')
      .trimEnd();
  return [style.dim(line(header)), ...rows.map(line)].join('\n');
}

export const section = (title: string, body: string, style: Style, empty = '  nothing'): string =>
  `${style.bold(title)}\n${body ? indent(body) : style.dim(empty)}`;

export const indent = (text: string, by = '  '): string =>
  text
    .split('\n')
    .map((l) => (l ? by + l : l))
    .join('\n');
