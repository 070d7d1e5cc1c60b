import { invalid } from './errors.js';
import { quoted } from './text.js';

/** Ids are numbers in the database and carry a letter on screen, so "c12" cannot be mistaken for "m12". */
export const idPrefixes = {
  commitment: 'c',
  meeting: 'm',
  follow_up: 'f',
  plan: 'p',
  series: 's',
  message: 'o',
  away: 'a',
} as const;

export type IdKind = keyof typeof idPrefixes;

export const formatId = (kind: IdKind, id: number): string => `${idPrefixes[kind]}${id}`;

/** Ids are integer columns, 32 bits on PostgreSQL. */
const MAX_ID = 2 ** 31 - 1;

export function parseId(kind: IdKind, text: string): number {
  const prefix = idPrefixes[kind];
  const match = new RegExp(`^${prefix}?(\\d{1,12})$`, 'i').exec(text.trim());
  if (!match) {
    const other = (Object.keys(idPrefixes) as IdKind[]).find((k) =>
      new RegExp(`^${idPrefixes[k]}\\d+$`, 'i').test(text.trim()),
    );
    const what = other
      ? `a ${other.replace('_', '-')} id, not a ${kind.replace('_', '-')} id`
      : `not a ${kind.replace('_', '-')} id`;
    throw invalid('invalid_id', `${quoted(text)} is ${what}; use the id shown in lists, like ${prefix}12.`);
  }
  const id = Number(match[1]);
  // A larger one names nothing, on either database (PostgreSQL would fail on it).
  if (id > MAX_ID) {
    throw invalid(
      'invalid_id',
      `${quoted(text)} is past the largest ${kind.replace('_', '-')} id there can be; use the id shown in lists, like ${prefix}12.`,
    );
  }
  return id;
}
