import { invalid } from './errors.js';

/**
 * Text people type, checked once at the edge: a length limit per field, and no control
 * characters, which could rewrite a terminal or a mail header. Errors never echo more than
 * a short line of what was typed.
 */

export const limits = {
  name: 200,
  email: 254,
  what: 500,
  outcome: 500,
  reason: 1000,
  note: 4000,
  company: 200,
  notes: 200_000,
} as const;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f]+/g;

/** Text as it may be echoed in a message: one line, no control characters, at most 60 characters. */
export function quoted(text: string): string {
  const line = text.replace(CONTROL_ALL, ' ').trim();
  return `"${line.length > 60 ? `${line.slice(0, 57)}…` : line}"`;
}

/**
 * A path as messages show it: whole when it is short, else its start and its end (where the
 * folder's own name is), so that an error quotes at most a line of what was typed.
 */
export function shownPath(path: string): string {
  return path.length <= 160 ? path : `${path.slice(0, 60)}…${path.slice(-99)}`;
}

/** A one-line field (a name, what, an outcome): trimmed; tabs read as spaces; no line breaks or control characters. */
export function oneLine(value: string, field: string, max: number): string {
  const text = value.replace(/\t/g, ' ').trim();
  if (/[\r\n]/.test(text) || CONTROL.test(text)) {
    throw invalid(
      'control_characters',
      `${field} must be one line of text, without line breaks or control characters.`,
    );
  }
  if (text.length > max) {
    throw invalid('too_long', `${field} is ${text.length} characters long; at most ${max} are kept.`, {
      field,
      max,
    });
  }
  return text;
}

/** An optional one-line field: blank means none. */
export function optionalLine(value: string | undefined | null, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  return oneLine(value, field, max) || null;
}

/** Several lines of text (notes): line breaks and tabs kept, other control characters refused. */
export function multiLine(value: string, field: string, max: number): string {
  if (CONTROL.test(value.replace(/\r\n?/g, '\n'))) {
    throw invalid('control_characters', `${field} must be plain text, without control characters.`);
  }
  if (value.length > max) {
    throw invalid('too_long', `${field} is ${value.length} characters long; at most ${max} are kept.`, {
      field,
      max,
    });
  }
  return value;
}
