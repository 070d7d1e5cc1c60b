import type { Child } from 'hono/jsx';
import { plain } from '../cli/kit/output.js';
import type { CommitmentEvent, Person } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import { describeInstant, localDate } from '../shared/time.js';
import { Layout } from '../web/layout.js';
import { pageText } from '../web/parts.js';
import { dueText, flags, seriesState } from './commitments.present.js';
import { eventSentence } from './commitments.sentences.js';
import { isUnagreed } from './commitments.sql.js';
import type { CommitmentView } from './commitments.views.js';

/** What a form on the page was sent with: kept and shown again when it is refused. */
export interface SentForm {
  action: string;
  fields: Record<string, string>;
  error: string;
}

/** The changes the page offers, as the forms' actions. */
export const pageActions = [
  'done',
  'move',
  'missed',
  'drop',
  'reopen',
  'reassign',
  'agree',
  'date',
  'edit',
] as const;
export type PageAction = (typeof pageActions)[number];

/** A text field of one of the page's forms, with what was typed kept after a refusal. */
function Field(props: {
  form: PageAction;
  name: string;
  label: string;
  sent: SentForm | undefined;
  required?: boolean;
  hint?: string;
  /** What the field holds before anything is typed. */
  initial?: string | null;
}) {
  const id = `${props.form}-${props.name}`;
  const value =
    props.sent?.action === props.form ? (props.sent.fields[props.name] ?? '') : (props.initial ?? '');
  return (
    <label for={id}>
      {props.label}
      <input
        id={id}
        name={props.name}
        value={value}
        required={props.required}
        aria-describedby={props.sent?.action === props.form ? `${props.form}-error` : undefined}
      />
      {props.hint && <span class="meta">{props.hint}</span>}
    </label>
  );
}

/** A change offered on request: a disclosure that works without JavaScript, open when its form was refused. */
function More(props: { title: string; open: boolean; children: Child }) {
  return (
    <details class="more" open={props.open}>
      <summary>{props.title}</summary>
      {props.children}
    </details>
  );
}

/**
 * One commitment, where it is worked on: its fields, its timeline as sentences, and the
 * changes the reader may make (each a plain form: done, move with a reason, missed, drop,
 * reassign, reopen; agree for a delegated step waiting for its owner's word).
 */
export function CommitmentPage(props: {
  reader: Person;
  view: CommitmentView;
  events: CommitmentEvent[];
  people: { byId: Map<number, Person>; byEmail: Map<string, Person> };
  now: Date;
  mayChange: boolean;
  sent?: SentForm | undefined;
  saved?: string | undefined;
}) {
  const { view: v, reader, sent } = props;
  const c = v.commitment;
  const today = localDate(props.now, reader.time_zone);
  const id = formatId('commitment', c.id);
  const warn = c.status === 'open' ? flags(v, plain) : '';
  const action = (name: PageAction) => `/c/${c.id}/${name}`;
  const waiting = c.status === 'open' && isUnagreed(c);
  return (
    <Layout title={`${c.what} (${id})`} signedIn={{ name: reader.name }}>
      <p class="meta">
        <a href="/">← Your day</a>
      </p>
      <h1>{c.what}</h1>
      {sent && (
        <p class="error" role="alert" id={`${sent.action}-error`}>
          {pageText(sent.error)}
        </p>
      )}
      {props.saved && (
        <p class="saved" role="status">
          {props.saved}
        </p>
      )}
      <section class="card">
        <dl class="fields">
          <dt>Owner</dt>
          <dd>{v.owner ? v.owner.name : 'nobody yet: in limbo'}</dd>
          <dt>Due</dt>
          <dd>{dueText(v, today)}</dd>
          <dt>Outcome</dt>
          <dd>{c.outcome ?? 'not said yet'}</dd>
          <dt>Status</dt>
          <dd>
            {c.status}
            {waiting && ' · not yet agreed by its owner'}
          </dd>
          {v.with.length > 0 && (
            <>
              <dt>With</dt>
              <dd>{v.with.map((p) => p.name).join(', ')}</dd>
            </>
          )}
          {v.delegatedBy && (
            <>
              <dt>Delegated by</dt>
              <dd>{v.delegatedBy.name}</dd>
            </>
          )}
          {v.every && (
            <>
              <dt>Recurs</dt>
              <dd>
                {v.every}; {seriesState(c, props.events)}
              </dd>
            </>
          )}
          <dt>Id</dt>
          <dd>{id}</dd>
        </dl>
        {warn && <p class="flag">{warn}</p>}
      </section>

      {props.mayChange && c.status === 'open' && (
        <section class="card" aria-labelledby="change-title">
          <h2 id="change-title">Change it</h2>
          <form class="stack" method="post" action={action('done')}>
            <Field form="done" name="note" label="What happened (optional)" sent={sent} />
            <button type="submit">Mark done</button>
          </form>
          {!c.due_date && (
            <form class="stack" method="post" action={action('date')}>
              <Field
                form="date"
                name="due"
                label="Its date"
                sent={sent}
                required
                hint='It has none yet: "Friday", "Dec 3".'
              />
              <button type="submit">Set the date</button>
            </form>
          )}
          <More title="Edit what or the outcome" open={sent?.action === 'edit'}>
            <form class="stack" method="post" action={action('edit')}>
              <Field
                form="edit"
                name="what"
                label="What will be done"
                sent={sent}
                required
                initial={c.what}
              />
              <Field
                form="edit"
                name="outcome"
                label="The outcome it is for"
                sent={sent}
                initial={c.outcome}
              />
              <button type="submit">Save</button>
            </form>
          </More>
          {c.due_date && (
            <More title="Move the date" open={sent?.action === 'move'}>
              <form class="stack" method="post" action={action('move')}>
                <Field
                  form="move"
                  name="due"
                  label="New date"
                  sent={sent}
                  required
                  hint='A date or words: "next Friday", "Dec 3".'
                />
                <Field form="move" name="reason" label="Why it moves" sent={sent} required />
                <button type="submit">Move the date</button>
              </form>
            </More>
          )}
          <More title="Give it to someone else" open={sent?.action === 'reassign'}>
            <form class="stack" method="post" action={action('reassign')}>
              <Field form="reassign" name="owner" label="New owner (name or e-mail)" sent={sent} required />
              <Field form="reassign" name="reason" label="Why (optional)" sent={sent} />
              <button type="submit">Give it to them</button>
            </form>
          </More>
          {waiting && (
            <form class="stack" method="post" action={action('agree')}>
              <button type="submit">Record that its owner agrees</button>
            </form>
          )}
          <More
            title="It was missed, or is no longer needed"
            open={sent?.action === 'missed' || sent?.action === 'drop'}
          >
            <form class="stack" method="post" action={action('missed')}>
              <Field form="missed" name="note" label="What happened instead (optional)" sent={sent} />
              <button type="submit" class="secondary">
                Record as missed
              </button>
            </form>
            <form class="stack" method="post" action={action('drop')}>
              <Field form="drop" name="reason" label="Why it is dropped" sent={sent} required />
              <button type="submit" class="secondary">
                Drop it
              </button>
            </form>
          </More>
        </section>
      )}
      {props.mayChange && c.status !== 'open' && (
        <section class="card" aria-labelledby="reopen-title">
          <h2 id="reopen-title">Open it again</h2>
          <form class="stack" method="post" action={action('reopen')}>
            <Field form="reopen" name="reason" label="Why" sent={sent} required />
            <button type="submit">Reopen</button>
          </form>
        </section>
      )}

      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <ol class="timeline">
          {props.events.map((e) => (
            <li>
              <time datetime={e.at} title={e.at}>
                {describeInstant(e.at, reader.time_zone, today)}
              </time>{' '}
              {eventSentence(e, props.people, today)}
            </li>
          ))}
        </ol>
      </section>
    </Layout>
  );
}
