import { StepList } from '../commitments/commitments.list.js';
import type { CommitmentView } from '../commitments/commitments.views.js';
import type { Person, Plan } from '../db/schema.js';
import { PeopleChoices } from '../meetings/meetings.pages.js';
import { formatId } from '../shared/ids.js';
import { shortDate } from '../shared/time.js';
import { Layout } from '../web/layout.js';
import { Card, Input, Said, type SentForm } from '../web/parts.js';
import type { showPlan } from './plans.usecases.js';

const kindText = (kind: string) => (kind === 'account' ? 'Account plan' : 'Opportunity plan');

/** `/plans`: account and opportunity plans with their open steps, and a form to add one. */
export function PlansPage(props: {
  reader: Person;
  today: string;
  rows: { plan: Plan; owner: Person | null; openItems: number }[];
  all: boolean;
  people: Person[];
  sent?: SentForm | undefined;
}) {
  const { sent } = props;
  return (
    <Layout title="Plans" signedIn={{ name: props.reader.name }} here="/plans">
      <h1>Plans</h1>
      <Said error={sent?.error} id="add-error" />
      <Card
        title={props.all ? 'All plans' : 'Open plans'}
        count={props.rows.length}
        empty="No plan yet: add an account or an opportunity plan below, then tie next steps to it."
      >
        <ul class="items">
          {props.rows.map(({ plan: p, owner, openItems }) => (
            <li>
              <span class="id">{formatId('plan', p.id)}</span>
              <a href={`/plans/${p.id}`}>{p.name}</a>
              <div class="meta">
                {kindText(p.kind)} · {owner?.name ?? 'nobody'} ·{' '}
                {p.outcome === 'open'
                  ? openItems === 1
                    ? '1 open step'
                    : `${openItems} open steps`
                  : p.outcome}
                {p.ends_on ? ` · ends ${shortDate(p.ends_on, props.today)}` : ''}
              </div>
              {p.outcome === 'open' && openItems === 0 && <div class="flag">No next step.</div>}
            </li>
          ))}
        </ul>
      </Card>
      <p class="meta">
        {props.all ? (
          <a href="/plans">Only the open plans</a>
        ) : (
          <a href="/plans?all=1">With the plans won or lost</a>
        )}
      </p>
      <Card title="Add a plan" id="add-title">
        <form class="stack" method="post" action="/plans">
          <label for="add-kind">
            Kind
            <select id="add-kind" name="kind">
              <option value="opportunity" selected={sent?.fields.kind !== 'account'}>
                Opportunity plan
              </option>
              <option value="account" selected={sent?.fields.kind === 'account'}>
                Account plan
              </option>
            </select>
          </label>
          <Input form="add" name="name" label="Name" sent={sent} required hint="“Acme FY27 expansion”" />
          <Input form="add" name="owner" label="Owner (name or e-mail)" sent={sent} required list="people" />
          <Input form="add" name="goal" label="What winning looks like (optional)" sent={sent} />
          <Input form="add" name="company" label="The customer’s company (optional)" sent={sent} />
          <Input
            form="add"
            name="ends"
            label="Ends (optional)"
            sent={sent}
            hint="“March 31”, “end of quarter”"
          />
          <button type="submit">Add the plan</button>
        </form>
        <PeopleChoices id="people" people={props.people} />
      </Card>
    </Layout>
  );
}

/** A plan's steps, each open one past its date flagged. */
function Steps(props: { items: CommitmentView[]; today: string }) {
  return (
    <StepList
      items={props.items.map((view) => ({
        view,
        flags: view.commitment.status === 'open' && view.overdue ? ['overdue'] : [],
      }))}
      today={props.today}
      status
    />
  );
}

/** `/plans/ID`: a plan, how far along it is, its steps (overdue first), a step to add, and closing it. */
export function PlanPage(props: {
  reader: Person;
  today: string;
  shown: Awaited<ReturnType<typeof showPlan>>;
  mayChange: boolean;
  people: Person[];
  sent?: SentForm | undefined;
  saved?: string | undefined;
}) {
  const { plan, owner, items, progress } = props.shown;
  const { sent } = props;
  const open = items.filter((v) => v.commitment.status === 'open');
  const overdue = open.filter((v) => v.overdue);
  const rest = open.filter((v) => !v.overdue);
  const closed = items.filter((v) => v.commitment.status !== 'open');
  return (
    <Layout title={plan.name} signedIn={{ name: props.reader.name }} here="/plans">
      <p class="meta">
        <a href="/plans">← Plans</a>
      </p>
      <h1>{plan.name}</h1>
      <Said error={sent?.error} saved={props.saved} id={sent ? `${sent.form}-error` : undefined} />
      <section class="card" aria-labelledby="plan-title">
        <h2 id="plan-title" class="sr-only">
          The plan
        </h2>
        <dl class="fields">
          <dt>Kind</dt>
          <dd>{kindText(plan.kind)}</dd>
          <dt>Owner</dt>
          <dd>{owner?.name ?? 'nobody'}</dd>
          {plan.goal && (
            <>
              <dt>Goal</dt>
              <dd>{plan.goal}</dd>
            </>
          )}
          {plan.company && (
            <>
              <dt>Company</dt>
              <dd>{plan.company}</dd>
            </>
          )}
          <dt>Runs</dt>
          <dd>
            {shortDate(plan.starts_on, props.today)}
            {plan.ends_on ? ` to ${shortDate(plan.ends_on, props.today)}` : ', no end set'}
          </dd>
          <dt>Status</dt>
          <dd>{plan.outcome === 'open' ? 'open' : plan.outcome}</dd>
          <dt>Progress</dt>
          <dd>
            <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label="Steps done">
              {progress.percentDone}%
            </progress>{' '}
            {progress.done} of {progress.total} steps done ({progress.percentDone}%)
            {progress.overdue > 0 && <span class="flag"> · {progress.overdue} overdue</span>}
          </dd>
        </dl>
      </section>
      <Card title="Overdue" count={overdue.length} empty="Nothing overdue.">
        <Steps items={overdue} today={props.today} />
      </Card>
      <Card
        title="Open steps"
        count={open.length}
        empty="No next step: add one below, or in a meeting that reviews this plan."
      >
        {rest.length ? (
          <Steps items={rest} today={props.today} />
        ) : (
          <p class="empty">Only the overdue ones.</p>
        )}
      </Card>
      {closed.length > 0 && (
        <Card title="Done, missed or dropped">
          <Steps items={closed} today={props.today} />
        </Card>
      )}
      {props.mayChange && plan.outcome === 'open' && (
        <>
          <Card title="Add a next step" id="step-title">
            <form class="stack" method="post" action={`/plans/${plan.id}/step`}>
              <Input form="step" name="what" label="What will be done" sent={sent} required />
              <Input
                form="step"
                name="owner"
                label="Owner (name or e-mail)"
                sent={sent}
                required
                list="people"
              />
              <Input form="step" name="due" label="By when" sent={sent} required hint="“Friday”, “Dec 3”" />
              <Input form="step" name="outcome" label="The outcome it is for" sent={sent} />
              <button type="submit">Add the step</button>
            </form>
            <PeopleChoices id="people" people={props.people} />
          </Card>
          <section class="card" aria-labelledby="close-title">
            <h2 id="close-title">Close the plan</h2>
            <form class="stack" method="post" action={`/plans/${plan.id}/close`}>
              <fieldset>
                <legend>How did it end?</legend>
                <label class="check" for="outcome-won">
                  <input type="radio" id="outcome-won" name="outcome" value="won" required /> Won
                </label>
                <label class="check" for="outcome-lost">
                  <input type="radio" id="outcome-lost" name="outcome" value="lost" /> Lost
                </label>
              </fieldset>
              {open.length > 0 && (
                <fieldset>
                  <legend>
                    {open.length === 1 ? 'Its open step' : `Its ${open.length} open steps`}: what happens to{' '}
                    {open.length === 1 ? 'it' : 'them'}?
                  </legend>
                  <label class="check" for="open-keep">
                    <input type="radio" id="open-keep" name="openItems" value="keep" required /> Keep{' '}
                    {open.length === 1 ? 'it' : 'them'} open: the follow-ups still go out
                  </label>
                  <label class="check" for="open-drop">
                    <input type="radio" id="open-drop" name="openItems" value="drop" /> Drop{' '}
                    {open.length === 1 ? 'it' : 'them'}: no follow-up, the reason is the plan’s end
                  </label>
                </fieldset>
              )}
              <button type="submit">Close the plan</button>
            </form>
          </section>
        </>
      )}
    </Layout>
  );
}
