import type { Child } from 'hono/jsx';
import { describeInstant, localParts } from '../shared/time.js';

/** An instant in the reader's zone, with the exact time and zone on hover. */
export function When(props: { at: string; zone: string; today: string }) {
  const exact = localParts(props.at, props.zone);
  return (
    <time datetime={props.at} title={`${exact.date} ${exact.time} (${props.zone})`}>
      {describeInstant(props.at, props.zone, props.today)}
    </time>
  );
}

/** A card with a heading, its items, or what to do when there are none. */
export function Card(props: { title: string; id?: string; empty?: Child; count?: number; children?: Child }) {
  const id = props.id ?? `${props.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-title`;
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.count === 0 ? <p class="empty">{props.empty}</p> : props.children}
    </section>
  );
}

/** A refusal, or what was done, said at the top of a page. */
export function Said(props: { error?: string | undefined; saved?: string | undefined; id?: string }) {
  return (
    <>
      {props.error && (
        <p class="error" role="alert" id={props.id}>
          {props.error}
        </p>
      )}
      {props.saved && (
        <p class="saved" role="status">
          {props.saved}
        </p>
      )}
    </>
  );
}

/** The fields a form was sent with, as text: what a refused form shows again. */
export async function formFields(req: {
  parseBody: (o?: { all: boolean }) => Promise<Record<string, unknown>>;
}) {
  const body = await req.parseBody({ all: true });
  const one: Record<string, string> = {};
  const many: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(body)) {
    const values = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === 'string');
    many[key] = values;
    if (values[0] !== undefined) one[key] = values[0];
  }
  return { one, many };
}

/**
 * A refusal as the page says it: the command line's options and examples ("--reason "Legal
 * review moved"") are left out, the form's labels say what to fill in.
 */
export function pageText(message: string): string {
  return message
    .replace(/`ft [^`]*`/g, 'the command line')
    .replace(/:?\s*--[a-z-]+(\s+"[^"]*")?/g, '')
    .replace(/\s+\./g, '.')
    .trim();
}
