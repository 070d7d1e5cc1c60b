import type { AnswerOutcome } from '../db/schema.js';

/** Where the quoted mail starts in a reply, as common mail programs write it. */
const QUOTE_STARTS = [
  /^On .{1,300}wrote:\s*$/,
  /^-{2,}\s*Original Message\s*-{2,}\s*$/i,
  /^_{5,}\s*$/,
  /^From:\s.+$/,
  /^Sent from my /,
];

/** What the person wrote above the quoted mail: lines from there on, and quoted lines, left out. */
export function ownWords(text: string): string {
  const kept: string[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    if (QUOTE_STARTS.some((start) => start.test(line.trim()))) break;
    if (line.trimStart().startsWith('>')) continue;
    kept.push(line);
  }
  return kept.join('\n').trim();
}

const LEADS: [RegExp, AnswerOutcome][] = [
  [/^(not\s+done|not\s+yet|no)\b/i, 'not_done'],
  [/^(partly(\s+done)?|partially|half(\s+done)?)\b/i, 'partly'],
  [/^(done|yes|finished|completed)\b/i, 'done'],
];

/**
 * A reply to a follow-up, read: its first words give the outcome (done, partly, not done), the
 * rest what happened, on one line. Null when no outcome leads it: the reply cannot be read.
 */
export function readReply(text: string): { outcome: AnswerOutcome; happened: string | null } | null {
  const words = ownWords(text);
  for (const [lead, outcome] of LEADS) {
    const found = lead.exec(words);
    if (!found) continue;
    const rest = words
      .slice(found[0].length)
      .replace(/^[\s.,:;!–—-]+/, '')
      .replace(/\s+/g, ' ')
      .trim();
    return { outcome, happened: rest ? rest.slice(0, 4000) : null };
  }
  return null;
}

/**
 * The day a reminder address names, as words the date reader takes: friday, 3days ("in 3
 * days"), dec3 ("dec 3"), nextweek ("next week"), tomorrow9am ("tomorrow 9am"). Null for what
 * is no such address (letters and digits only, at most 30).
 */
export function dateWords(local: string): string | null {
  const word = local.toLowerCase();
  if (!/^[a-z0-9]{2,30}$/.test(word)) return null;
  const units = /^(\d{1,3})(minutes?|mins?|hours?|hrs?|days?|weeks?|wks?|months?|mos?)$/.exec(word);
  if (units) return `in ${units[1]} ${units[2]}`;
  return word
    .replace(/^(endof|next|this|end)(?=[a-z])/, (lead) => (lead === 'endof' ? 'end of ' : `${lead} `))
    .replace(/([a-z])(\d)/g, '$1 $2')
    .replace(/(\d)(?!(am|pm|st|nd|rd|th)\b)([a-z])/g, '$1 $3');
}
