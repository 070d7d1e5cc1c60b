import type { Commitment, Person } from '../db/schema.js';
import { describeDay, localDate } from '../shared/time.js';
import { Layout } from '../web/layout.js';

export interface AgreementForm {
  do?: string | undefined;
  date?: string | undefined;
  approach?: string | undefined;
  need?: string | undefined;
}

/**
 * The owner of a delegated step gives their word, without signing in: agree, propose another
 * date or approach, or ask for what they need. Three plain forms; the one the mail's link
 * chose comes first. Works without JavaScript, on a phone.
 */
export function AgreementPage(props: {
  action: string;
  commitment: Commitment;
  owner: Person;
  delegator: Person | null;
  now: Date;
  form: AgreementForm;
  error?: string | undefined;
}) {
  const { commitment: c, form } = props;
  const today = localDate(props.now, props.owner.time_zone);
  const agree = (
    <form class="stack card" method="post" action={props.action}>
      <input type="hidden" name="do" value="agree" />
      <h2>I agree</h2>
      <p class="meta">The step, its outcome and its date, as they stand.</p>
      <button type="submit">I agree</button>
    </form>
  );
  const propose = (
    <form class="stack card" method="post" action={props.action}>
      <input type="hidden" name="do" value="propose" />
      <h2>Propose another date or approach</h2>
      <label>
        A date that works
        <input name="date" value={form.date ?? ''} placeholder="next Friday, Dec 10, in two weeks" />
      </label>
      <label>
        Another approach
        <textarea name="approach" rows={3}>
          {form.approach ?? ''}
        </textarea>
      </label>
      <button type="submit">Send my proposal</button>
    </form>
  );
  const help = (
    <form class="stack card" method="post" action={props.action}>
      <input type="hidden" name="do" value="help" />
      <h2>I need something</h2>
      <label>
        What you need (resources, help, a decision)
        <textarea name="need" rows={3}>
          {form.need ?? ''}
        </textarea>
      </label>
      <button type="submit">Ask for it</button>
    </form>
  );
  const order =
    form.do === 'propose'
      ? [propose, agree, help]
      : form.do === 'help'
        ? [help, agree, propose]
        : [agree, propose, help];
  return (
    <Layout title={`Do you agree? ${c.what}`}>
      <h1>Do you agree?</h1>
      <section class="card">
        <h2>{c.what}</h2>
        {props.delegator && <p class="meta">Asked by {props.delegator.name}</p>}
        {c.outcome && <p class="meta">Outcome: {c.outcome}</p>}
        <p class="meta">
          Due: {c.due_date ? describeDay(c.due_date, today, c.due_time) : (c.vague_due ?? 'no date')}
        </p>
      </section>
      {props.error && (
        <p class="error" role="alert">
          {props.error}
        </p>
      )}
      {order}
    </Layout>
  );
}
