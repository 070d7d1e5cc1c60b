import { html, raw } from 'hono/html';

/**
 * The HTML part of a message, made from its plain text, which stays the message: each kind
 * shows its own shapes better (a follow-up's answers and a wrap-up's agreements as buttons, a
 * wrap-up's headings and lists as such), and any other kind reads as paragraphs and lists.
 * Inline styles only, no images and nothing to fetch; readable on a phone. Every word of the
 * text is escaped: only the markup written here is raw.
 */

type Html = ReturnType<typeof html>;

/** What a template reads: the message as the outbox keeps it. */
export interface MailText {
  kind: string;
  subject: string;
  body: string;
}

interface Template {
  /** A line that is a button (its indent and list mark left out): its label, then its link. */
  button?: RegExp;
  /** `#` headings and `**bold**`, as a wrap-up is written. */
  markdown?: boolean;
  /** A block (the lines between blank lines) the kind shows its own way; null leaves it to the rest. */
  block?: (lines: string[]) => Html | null;
}

const FONT = "system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
const style = {
  body: raw('margin:0;padding:0;background:#ffffff;-webkit-text-size-adjust:100%'),
  page: raw(
    `max-width:36em;margin:0 auto;padding:16px;font-family:${FONT};font-size:16px;line-height:1.5;color:#1f2328;overflow-wrap:anywhere;word-break:break-word`,
  ),
  p: raw('margin:0 0 16px;white-space:pre-wrap'),
  small: raw('margin:0 0 16px;white-space:pre-wrap;font-size:13px;line-height:1.45;color:#57606a'),
  h1: raw('margin:0 0 16px;font-size:22px;line-height:1.3'),
  h2: raw('margin:24px 0 12px;font-size:18px;line-height:1.3'),
  list: raw('margin:0 0 16px;padding-left:1.5em'),
  item: raw('margin:0 0 4px'),
  box: raw(
    'margin:0 0 16px;padding:8px 12px;border-left:4px solid #0b57d0;background:#f6f8fa;white-space:pre-wrap',
  ),
  label: raw('margin:0 0 4px'),
  quote: raw('margin:0 0 16px;padding:4px 12px;border-left:4px solid #d0d7de;white-space:pre-wrap'),
  buttons: raw('margin:8px 0'),
  // On a span inside the link, so the link itself stays `<a href="…">`; tall enough to tap.
  button: raw(
    'display:inline-block;margin:0 8px 8px 0;padding:12px 20px;border-radius:6px;background:#0b57d0;color:#ffffff;font-weight:600;line-height:20px',
  ),
};

const WEB_ADDRESS = /\bhttps?:\/\/[^\s<>"]+[^\s<>".,;:!?)]/g;

/** The text with each web address in it made a link; the rest escaped, as all of it is. */
function linked(text: string): unknown[] {
  const pieces: unknown[] = [];
  let at = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    pieces.push(text.slice(at, match.index), html`<a href="${match[0]}">${match[0]}</a>`);
    at = match.index + match[0].length;
  }
  pieces.push(text.slice(at));
  return pieces;
}

/** One line's words: links, and in Markdown `**bold**`. */
const inline = (text: string, t: Template): unknown[] =>
  t.markdown
    ? text
        .split(/\*\*(.+?)\*\*/)
        .map((piece, i) => (i % 2 ? html`<strong>${linked(piece)}</strong>` : linked(piece)))
    : linked(text);

/** Lines kept as lines: shown in an element that keeps white space. */
const asLines = (lines: string[], t: Template) => lines.map((line, i) => [i ? '\n' : '', inline(line, t)]);

/** A line without its indent and list mark. */
const bare = (line: string) => line.trim().replace(/^- /, '');

function button(line: string, t: Template): Html {
  const [, label, href] = t.button?.exec(bare(line)) ?? [];
  return html`<a href="${href}"><span style="${style.button}">${label}</span></a> `;
}

type RunKind = 'heading' | 'button' | 'numbered' | 'bullet' | 'indented' | 'text';

function kindOf(line: string, t: Template): RunKind {
  if (t.button?.test(bare(line))) return 'button';
  if (t.markdown && /^#{1,2} /.test(line)) return 'heading';
  if (/^\d+\. /.test(line)) return 'numbered';
  if (/^\s*- /.test(line)) return 'bullet';
  if (/^\s+\S/.test(line)) return 'indented';
  return 'text';
}

/** A block's lines, in runs of one kind each: a numbered item keeps the lines indented under it. */
function runsOf(lines: string[], t: Template): { kind: RunKind; lines: string[] }[] {
  const runs: { kind: RunKind; lines: string[] }[] = [];
  for (const line of lines) {
    const last = runs.at(-1);
    const kind = last?.kind === 'numbered' && /^ {3}/.test(line) ? 'numbered' : kindOf(line, t);
    if (last && last.kind === kind && kind !== 'heading') last.lines.push(line);
    else runs.push({ kind, lines: [line] });
  }
  return runs;
}

function numbered(lines: string[], t: Template): Html {
  const items: string[][] = [];
  for (const line of lines) {
    if (/^\d+\. /.test(line)) items.push([line]);
    else items.at(-1)?.push(line.replace(/^ {3}/, ''));
  }
  const start = Number.parseInt(lines[0] ?? '1', 10);
  return html`<ol start="${start}" style="${style.list}">${items.map(
    ([head = '', ...under]) =>
      html`<li style="${style.item}">${inline(head.replace(/^\d+\. /, ''), t)}${under.length ? shown(under, t) : ''}</li>`,
  )}</ol>`;
}

/** A block as paragraphs, lists, indented boxes, headings and buttons. */
function shown(lines: string[], t: Template): Html[] {
  return runsOf(lines, t).map(({ kind, lines }) => {
    switch (kind) {
      case 'heading': {
        const line = lines[0] ?? '';
        return line.startsWith('## ')
          ? html`<h2 style="${style.h2}">${inline(line.slice(3), t)}</h2>`
          : html`<h1 style="${style.h1}">${inline(line.slice(2), t)}</h1>`;
      }
      case 'button':
        return html`<p style="${style.buttons}">${lines.map((line) => button(line, t))}</p>`;
      case 'numbered':
        return numbered(lines, t);
      case 'bullet':
        return html`<ul style="${style.list}">${lines.map((line) => html`<li style="${style.item}">${inline(bare(line), t)}</li>`)}</ul>`;
      case 'indented':
        return html`<div style="${style.box}">${asLines(
          lines.map((line) => line.trim()),
          t,
        )}</div>`;
      default: // text
        return html`<p style="${style.p}">${asLines(lines, t)}</p>`;
    }
  });
}

/** A link alone at the end of a line: a button's. */
const LINK = String.raw`(https?:\/\/\S+)`;

const followUp: Template = {
  button: new RegExp(`^(Done|Partly|Not done): ${LINK}$`),
  block(lines) {
    const [first = '', ...rest] = lines;
    // The step as agreed. Its first line is what was committed to, as someone typed it: never a button.
    if (/committed to:$/.test(first) && rest.length > 0) {
      const [what = '', ...details] = rest.map((line) => line.trim());
      return html`<p style="${style.p}">${first}</p><div style="${style.box}"><strong>${linked(what)}</strong>${details.map((line) => ['\n', linked(line)])}</div>`;
    }
    const note = lines.length === 1 ? /^(Note|.+? asks): "(.*)"$/.exec(first) : null;
    if (note)
      return html`<p style="${style.label}">${note[1]}:</p><blockquote style="${style.quote}">${linked(note[2] ?? '')}</blockquote>`;
    // Answering with ft: there for those who like it, after the buttons.
    if (lines.some((line) => line.includes('ft answer '))) {
      return html`<p style="${style.small}">${asLines(lines, followUp)}</p>`;
    }
    return null;
  },
};

const wrapup: Template = {
  markdown: true,
  button: new RegExp(
    `^(I agree|Propose another date or approach|I need something \\(resources, help\\)): ${LINK}$`,
  ),
};

const invitation: Template = { button: new RegExp(`^(.+?)(?: here)?: ${LINK}$`) };

/** The daily digest: its headings as such, its lists as lists. */
const digest: Template = { markdown: true };

/** Any other kind, and kinds to come: paragraphs, lists and links. */
const plain: Template = {};

const templates = new Map<string, Template>([
  ['follow_up', followUp],
  ['wrapup', wrapup],
  ['invitation', invitation],
  ['digest', digest],
]);

/** The HTML part of a message: its kind's template over one layout. */
export function mailHtml(message: MailText): string {
  const t = templates.get(message.kind) ?? plain;
  const blocks = message.body
    .replace(/\r\n?/g, '\n')
    .split(/\n(?:[ \t]*\n)+/)
    .map((block) => block.split('\n'))
    .filter((lines) => lines.some((line) => line.trim() !== ''));
  return String(html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${message.subject}</title></head>
<body style="${style.body}">
<div style="${style.page}">
${blocks.map((lines) => [t.block?.(lines) ?? shown(lines, t), '\n'])}</div>
</body>
</html>`);
}
