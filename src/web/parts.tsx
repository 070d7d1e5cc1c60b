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

/** What a form's field is called, for a refusal that names the command line's option first. */
const fieldNames: Record<string, string> = {
  what: 'What will be done',
  due: 'The date',
  reason: 'The reason',
  owner: 'The owner',
  outcome: 'The outcome',
  from: 'The first day',
  until: 'The last day',
};

/**
 * A refusal as the page says it: the command line's options and examples ("--reason "Legal
 * review moved"") are left out, the form's labels say what to fill in, and so is a sentence
 * that only names a command ("See `ft person list`."). One that starts with an option keeps
 * its subject: the value typed (""blorp" is not a date"), or the field.
 */
export function pageText(message: string): string {
  // A sentence that only points to a command is left out, when something else is said.
  const withoutCommands = message.replace(/(?<=[.;]) [^.;]*`ft [^`]*`[^.;]*[.;]?/g, '').trim();
  return (withoutCommands || message)
    .replace(/^--[a-z-]+\s+(?=")/, '')
    .replace(/^--([a-z-]+)\b/, (_, name: string) => fieldNames[name] ?? 'It')
    .replace(/`ft [^`]*`/g, 'the command line')
    .replace(/:?\s*--[a-z-]+(\s+"[^"]*")?/g, '')
    .replace(/\s+\./g, '.')
    .trim()
    .replace(/;$/, '.');
}

/** What a form was sent with and why it was refused: shown again as typed. */
export interface SentForm {
  form: string;
  fields: Record<string, string>;
  error: string;
}

/** A labelled field that starts from `initial` and keeps what was typed when its form is refused. */
export function Input(props: {
  form: string;
  name: string;
  label: string;
  sent: SentForm | undefined;
  initial?: string | null | undefined;
  required?: boolean;
  type?: string;
  hint?: string;
  list?: string;
}) {
  const id = `${props.form}-${props.name}`;
  const value =
    props.sent?.form === props.form ? (props.sent.fields[props.name] ?? '') : (props.initial ?? '');
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={value}
        required={props.required}
        list={props.list}
        autocomplete="off"
        aria-describedby={props.hint ? `${id}-hint` : undefined}
      />
      {props.hint && (
        <span class="meta" id={`${id}-hint`}>
          {props.hint}
        </span>
      )}
    </div>
  );
}
