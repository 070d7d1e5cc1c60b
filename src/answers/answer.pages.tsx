import type { AnswerOutcome, Commitment, Person } from '../db/schema.js';
import { outcomeText } from '../followups/followups.messages.js';
import { describeDay, localDate } from '../shared/time.js';
import { Layout } from '../web/layout.js';

export interface AnswerForm {
  outcome?: string | undefined;
  happened?: string | undefined;
  learned?: string | undefined;
  next?: string | undefined;
  nextDue?: string | undefined;
}

const outcomes: AnswerOutcome[] = ['done', 'partly', 'not_done'];

/**
 * A follow-up answered from its mail, without signing in: the step as agreed, the outcome the
 * link chose (changeable), and what happened, what was learned and the next step with its
 * date in plain words. A plain form: it works without JavaScript, on a phone.
 */
export function AnswerPage(props: {
  action: string;
  commitment: Commitment;
  answerer: Person;
  delegator: Person | null;
  ask: string | null;
  now: Date;
  form: AnswerForm;
  error?: string | undefined;
}) {
  const { commitment: c, form } = props;
  const today = localDate(props.now, props.answerer.time_zone);
  return (
    <Layout title={`How did it go? ${c.what}`}>
      <h1>How did it go?</h1>
      <section class="card">
        <h2>{c.what}</h2>
        {c.outcome && <p class="meta">Outcome: {c.outcome}</p>}
        {c.due_date && <p class="meta">Due: {describeDay(c.due_date, today)}</p>}
        {props.ask && (
          <p>
            {props.delegator ? `${props.delegator.name} asks` : 'Note'}: “{props.ask}”
          </p>
        )}
      </section>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      <form class="stack" method="post" action={props.action}>
        <fieldset>
          <legend>Was it done?</legend>
          {outcomes.map((o) => (
            <label class="choice">
              <input type="radio" name="outcome" value={o} checked={form.outcome === o} required />{' '}
              {outcomeText[o][0]?.toUpperCase()}
              {outcomeText[o].slice(1)}
            </label>
          ))}
        </fieldset>
        <label>
          What happened
          <textarea name="happened" rows={3}>
            {form.happened ?? ''}
          </textarea>
        </label>
        <label>
          What did you learn
          <textarea name="learned" rows={2}>
            {form.learned ?? ''}
          </textarea>
        </label>
        <label>
          Next step (if there is one)
          <input name="next" value={form.next ?? ''} placeholder="Send the revised terms to legal" />
        </label>
        <label>
          By when
          <input name="nextDue" value={form.nextDue ?? ''} placeholder="next Friday, Dec 4, in two weeks" />
        </label>
        <button type="submit">Send my answer</button>
      </form>
    </Layout>
  );
}

/** What a link shows when it cannot be used, or once the answer is in. */
export function AnswerNotice(props: { title: string; message: string; back?: boolean }) {
  return (
    <Layout title={props.title}>
      <h1>{props.title}</h1>
      <p>{props.message}</p>
      {props.back && (
        <p>
          <a href="/">Back to your day</a>
        </p>
      )}
    </Layout>
  );
}
