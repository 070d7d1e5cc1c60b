import { plain } from '../cli/kit/output.js';
import { dueText, flags } from '../commitments/commitments.present.js';
import type { CommitmentView } from '../commitments/commitments.views.js';
import { outcomeText } from '../followups/followups.messages.js';
import { meetingWith } from '../meetings/meetings.rules.js';
import { formatId } from '../shared/ids.js';
import { shortDate } from '../shared/time.js';
import { Layout } from '../web/layout.js';
import { Said, When } from '../web/parts.js';
import { teamFlags, teamFlagText } from './today.rules.js';
import type { Day } from './today.usecases.js';

function Section(props: { title: string; empty: string; more?: number; children: unknown[] }) {
  return (
    <section class="card">
      <h2>{props.title}</h2>
      {props.children.length === 0 ? (
        <p class="empty">{props.empty}</p>
      ) : (
        <ul class="items">{props.children}</ul>
      )}
      {props.more !== undefined && props.more > 0 && (
        <p class="meta">… and {props.more.toLocaleString('en-US')} more</p>
      )}
    </section>
  );
}

/** A step of the day: to its page, and done in place (a plain form, back to the day). */
function Step(props: { v: CommitmentView; date: string; mine: boolean }) {
  const c = props.v.commitment;
  const warn = flags(props.v, plain);
  return (
    <li class="step">
      <div>
        <span class="id">{formatId('commitment', c.id)}</span>
        <a href={`/c/${c.id}`}>{c.what}</a>
        <div class="meta">due {dueText(props.v, props.date)}</div>
        {warn && <div class="flag">{warn}</div>}
      </div>
      {props.mine && (
        <div class="actions">
          <form method="post" action={`/c/${c.id}/done`} class="inline">
            <input type="hidden" name="back" value="/" />
            <button type="submit" class="small" aria-label={`Mark done: ${c.what}`}>
              Done
            </button>
          </form>
          {c.due_date && (
            <details class="inplace">
              <summary aria-label={`Move the date: ${c.what}`}>Move</summary>
              <form method="post" action={`/c/${c.id}/move`} class="stack">
                <input type="hidden" name="back" value="/" />
                <label for={`move-${c.id}`}>
                  New date
                  <input id={`move-${c.id}`} name="due" required placeholder="Friday, Dec 3" />
                </label>
                <label for={`why-${c.id}`}>
                  Why it moves
                  <input id={`why-${c.id}`} name="reason" required />
                </label>
                <button type="submit" class="small">
                  Move the date
                </button>
              </form>
            </details>
          )}
        </div>
      )}
    </li>
  );
}

/** A day with nothing in it at all: a newcomer's, who is told where to start. */
const isEmpty = (day: Day) =>
  day.totals.overdue + day.totals.upcoming + day.totals.toAnswer + day.totals.answers === 0 &&
  day.dueToday.length + day.wrapupsOwed.length + day.team.length === 0;

/** The signed-in member's day: what `ft` shows at a terminal, as a page. */
export function DayPage(props: { day: Day; saved?: string | undefined }) {
  const { day } = props;
  const zone = day.person.time_zone;
  return (
    <Layout title="Your day" signedIn={{ name: day.person.name }} here="/">
      <h1>
        {day.person.name}, {shortDate(day.date, day.date)}
      </h1>
      <Said saved={props.saved} />
      {isEmpty(day) && (
        <section class="card" aria-labelledby="start-title">
          <h2 id="start-title">Nothing on your plate yet</h2>
          <p>
            Next steps come from meetings: <a href="/m">start a 1:1 or a review</a> and type its notes; each
            line that says who does what by when becomes a step with its follow-up. Bring your team in from{' '}
            <a href="/people">People</a>.
          </p>
        </section>
      )}
      <Section title="Overdue" empty="Nothing overdue." more={day.totals.overdue - day.overdue.length}>
        {day.overdue.map((v) => (
          <Step v={v} date={day.date} mine={v.commitment.owner_id === day.person.id} />
        ))}
      </Section>
      <Section title="Due today" empty="Nothing due today.">
        {day.dueToday.map((v) => (
          <Step v={v} date={day.date} mine={v.commitment.owner_id === day.person.id} />
        ))}
      </Section>
      <Section
        title="Coming up this week"
        empty="Nothing else this week."
        more={day.totals.upcoming - day.dueToday.length - day.comingUp.length}
      >
        {day.comingUp.map((v) => (
          <Step v={v} date={day.date} mine={v.commitment.owner_id === day.person.id} />
        ))}
      </Section>
      <Section
        title="Follow-ups waiting for your answer"
        empty="No follow-up waits for you."
        more={day.totals.toAnswer - day.toAnswer.length}
      >
        {day.toAnswer.map(({ followUp: f, commitment: c }) => (
          <li>
            <span class="id">{formatId('follow_up', f.id)}</span>
            <a href={`/f/${f.id}`}>{c.what}</a>
            <div class="meta">
              sent <When at={f.sent_at ?? f.fire_at} zone={zone} today={day.date} />
              {f.status === 'unanswered' ? ', overdue for an answer' : ''}
            </div>
            <details class="inplace">
              <summary aria-label={`Answer here: ${c.what}`}>Answer here</summary>
              <form method="post" action={`/f/${f.id}`} class="stack">
                <input type="hidden" name="back" value="/" />
                <fieldset>
                  <legend>How did it go?</legend>
                  {(['done', 'partly', 'not_done'] as const).map((o) => (
                    <label class="check" for={`outcome-${f.id}-${o}`}>
                      <input type="radio" id={`outcome-${f.id}-${o}`} name="outcome" value={o} required />{' '}
                      {outcomeText[o][0]?.toUpperCase()}
                      {outcomeText[o].slice(1)}
                    </label>
                  ))}
                </fieldset>
                <label for={`happened-${f.id}`}>
                  What happened
                  <input id={`happened-${f.id}`} name="happened" />
                </label>
                <label for={`next-${f.id}`}>
                  What's next (optional)
                  <input id={`next-${f.id}`} name="next" />
                </label>
                <label for={`nextdue-${f.id}`}>
                  By when
                  <input id={`nextdue-${f.id}`} name="nextDue" />
                </label>
                <button type="submit" class="small">
                  Send my answer
                </button>
              </form>
            </details>
          </li>
        ))}
      </Section>
      <Section
        title="Answers for you (last 7 days)"
        empty="No answers this week."
        more={day.totals.answers - day.answers.length}
      >
        {day.answers.map(({ followUp: f, commitment: c, answerer }) => (
          <li>
            <span class="id">{formatId('follow_up', f.id)}</span>
            {answerer?.name ?? ''}: <a href={`/c/${c.id}`}>{c.what}</a>:{' '}
            {f.outcome ? outcomeText[f.outcome] : ''}
            {f.happened && <div class="meta">what happened: {f.happened}</div>}
            {f.learned && <div class="meta">learned: {f.learned}</div>}
            {f.next_commitment_id && (
              <div class="meta">
                next step:{' '}
                <a href={`/c/${f.next_commitment_id}`}>{formatId('commitment', f.next_commitment_id)}</a>
              </div>
            )}
          </li>
        ))}
      </Section>
      <Section title="Wrap-ups you owe" empty="No wrap-up owed.">
        {day.wrapupsOwed.map((m) => (
          <li>
            <span class="id">{formatId('meeting', m.id)}</span>
            <a href={`/m/${m.id}#wrapup`}>{meetingWith(m.kind, m.with)}</a> ended{' '}
            <When at={m.ended_at as string} zone={zone} today={day.date} />
          </li>
        ))}
      </Section>
      {day.team.length > 0 && (
        <Section title="Your team" empty="">
          {day.team.map(({ person, flags: counts }) => {
            const parts = teamFlags
              .filter((f) => counts[f].count > 0)
              .map((f) => `${counts[f].count} ${teamFlagText[f]}`);
            return (
              <li>
                {person.name}: {parts.length ? <span class="flag">{parts.join('; ')}</span> : 'all clear'}
              </li>
            );
          })}
        </Section>
      )}
    </Layout>
  );
}
