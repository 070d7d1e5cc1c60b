import type { AgendaResult } from '../agendas/agendas.usecases.js';
import { stepSummary } from '../capture/capture.present.js';
import type { CapturedLine } from '../capture/capture.usecases.js';
import { plain } from '../cli/kit/output.js';
import type { CoachVerdict } from '../coach/coach.classify.js';
import { coachNote } from '../coach/coach.present.js';
import { StepList } from '../commitments/commitments.list.js';
import { dueText } from '../commitments/commitments.present.js';
import type { Meeting, Person, Plan } from '../db/schema.js';
import { outcomeText } from '../followups/followups.messages.js';
import { formatId } from '../shared/ids.js';
import { Layout } from '../web/layout.js';
import { Card, Said, When } from '../web/parts.js';
import type { WrapupResult } from '../wrapups/wrapups.usecases.js';
import { meetingWith } from './meetings.rules.js';
import type { meetingView } from './meetings.view.js';

type View = Awaited<ReturnType<typeof meetingView>>;

/** "1:1 with Dana Ruiz": a meeting named by its kind and the others in it. */
export function meetingTitle(meeting: Meeting, attendees: Person[]): string {
  return meetingWith(
    meeting.kind,
    attendees.filter((p) => p.id !== meeting.author_id).map((p) => p.name),
  );
}

/** Everyone a name can be picked from, for the fields that take a person. */
export function PeopleChoices(props: { id: string; people: Person[] }) {
  return (
    <datalist id={props.id}>
      {props.people.map((p) => (
        <option value={p.email}>{p.name}</option>
      ))}
    </datalist>
  );
}

/** What a meeting may be, for the form that starts one. */
const KINDS = [
  ['one_on_one', '1:1'],
  ['deal_review', 'Deal review'],
  ['account_review', 'Account review'],
  ['pipeline_review', 'Pipeline review'],
  ['coaching', 'Coaching'],
  ['customer', 'Customer meeting'],
  ['project', 'Project'],
  ['other', 'Other'],
] as const;

/** `/m`: the meetings the reader may see, newest first, and a form to start one. */
export function MeetingsPage(props: {
  reader: Person;
  today: string;
  rows: { meeting: Meeting; attendees: Person[]; commitments: number }[];
  total: number;
  people: Person[];
  plans: Plan[];
  sent?: { fields: Record<string, string>; error: string } | undefined;
}) {
  const { reader, sent } = props;
  const kept = (name: string) => sent?.fields[name] ?? '';
  return (
    <Layout title="Meetings" signedIn={{ name: reader.name }} here="/m">
      <h1>Meetings</h1>
      <Said error={sent?.error} id="start-error" />
      <Card title="Start a meeting" id="start-title">
        <form class="stack" method="post" action="/m">
          <label for="kind">
            Kind
            <select id="kind" name="kind">
              {KINDS.map(([value, label]) => (
                <option value={value} selected={kept('kind') === value}>
                  {label}
                </option>
              ))}
            </select>
          </label>
          <label for="with">
            With
            <input
              id="with"
              name="with"
              list="people"
              value={kept('with')}
              required
              aria-describedby="with-hint"
              autocomplete="off"
            />
            <span class="meta" id="with-hint">
              A name or e-mail; several, separated by commas.
            </span>
          </label>
          <PeopleChoices id="people" people={props.people.filter((p) => p.id !== reader.id)} />
          {props.plans.length > 0 && (
            <label for="plan">
              The plan it reviews (optional)
              <select id="plan" name="plan">
                <option value="">None</option>
                {props.plans.map((p) => (
                  <option value={formatId('plan', p.id)} selected={kept('plan') === formatId('plan', p.id)}>
                    {p.name}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit">Start the meeting</button>
        </form>
      </Card>
      <Card
        title="Recent meetings"
        count={props.rows.length}
        empty="No meeting yet: start one above, and its notes become next steps as you type."
      >
        <ul class="items">
          {props.rows.map(({ meeting: m, attendees, commitments }) => (
            <li>
              <span class="id">{formatId('meeting', m.id)}</span>
              <a href={`/m/${m.id}`}>{meetingTitle(m, attendees)}</a>
              <div class="meta">
                <When at={m.starts_at} zone={reader.time_zone} today={props.today} /> ·{' '}
                {commitments === 1 ? '1 next step' : `${commitments} next steps`}
                {m.ended_at ? (m.wrapup_sent_at ? ' · wrap-up sent' : ' · wrap-up not sent') : ' · running'}
              </div>
            </li>
          ))}
        </ul>
        {props.total > props.rows.length && (
          <p class="meta">… and {(props.total - props.rows.length).toLocaleString('en-US')} earlier.</p>
        )}
      </Card>
    </Layout>
  );
}

/** A coach's flag and suggestion on a line a manager wrote. */
function CoachFlag(props: { verdict: CoachVerdict | null }) {
  const note = coachNote(props.verdict, plain);
  return note ? <p class="flag coach">{note}</p> : null;
}

/** What one line of notes will become, as it is typed. */
export function PreviewLines(props: { lines: CapturedLine[]; today: string }) {
  const shown = props.lines.filter((l) => l.line.trim());
  if (shown.length === 0) return <p class="meta">Type a line: what it becomes shows here.</p>;
  return (
    <>
      {shown.map((l) => (
        <div class="preview">
          {l.steps.length === 0 && <p class="meta">A note, not a next step.</p>}
          {l.steps.map((step) => (
            <p class="becomes">
              → {stepSummary(step, props.today, plain)}
              {step.limbo.length > 0 && <span class="flag"> ⚠ limbo: no {step.limbo.join(', no ')}</span>}
            </p>
          ))}
          <CoachFlag verdict={l.coach} />
        </div>
      ))}
    </>
  );
}

/** A step read from the notes: what it is, and one-click fixes for a missing owner or date. */
function NotedStep(props: {
  step: View['lines'][number]['steps'][number];
  meetingId: number;
  today: string;
  running: boolean;
}) {
  const { view: v, unresolvedOwner, candidates } = props.step;
  const c = v.commitment;
  const parts = [
    v.owner?.name ?? (unresolvedOwner ? `${unresolvedOwner}?` : 'no owner'),
    c.what,
    `due ${dueText(v, props.today)}`,
  ];
  if (v.with.length) parts.push(`with ${v.with.map((p) => p.name).join(', ')}`);
  if (c.outcome) parts.push(`so that ${c.outcome}`);
  return (
    <div class="noted">
      <p class="becomes">
        → <a href={`/c/${c.id}`}>{formatId('commitment', c.id)}</a> {parts.join(' · ')}
        {v.limbo.length > 0 && <span class="flag"> ⚠ limbo: no {v.limbo.join(', no ')}</span>}
      </p>
      {c.status === 'open' && !v.owner && (
        <div class="fix">
          <span class="flag">
            {unresolvedOwner
              ? candidates.length
                ? `Who is “${unresolvedOwner}”?`
                : `Nobody here is called “${unresolvedOwner}”: who owns it?`
              : 'Who owns it?'}
          </span>
          {candidates.map((p) => (
            <form method="post" action={`/m/${props.meetingId}/steps/${c.id}/owner`} class="inline">
              <input type="hidden" name="owner" value={p.email} />
              <button type="submit" class="small secondary">
                {p.name}
              </button>
            </form>
          ))}
          <form method="post" action={`/m/${props.meetingId}/steps/${c.id}/owner`} class="inline row">
            <label for={`owner-${c.id}`} class="sr-only">
              Owner of {formatId('commitment', c.id)}
            </label>
            <input id={`owner-${c.id}`} name="owner" list="people" placeholder="name or e-mail" required />
            <button type="submit" class="small">
              Set owner
            </button>
          </form>
        </div>
      )}
      {c.status === 'open' && !c.due_date && (
        <div class="fix">
          <span class="flag">{c.vague_due ? `“${c.vague_due}” is no date:` : 'No date:'}</span>
          <form method="post" action={`/m/${props.meetingId}/steps/${c.id}/date`} class="inline row">
            <label for={`due-${c.id}`} class="sr-only">
              Date of {formatId('commitment', c.id)}
            </label>
            <input id={`due-${c.id}`} name="due" placeholder="Friday, Dec 3" required />
            <button type="submit" class="small">
              Set date
            </button>
          </form>
        </div>
      )}
    </div>
  );
}

/** The box that shows what the line being typed becomes; `oob` when it comes back with a saved line, emptied. */
export function PreviewBox(props: { lines?: CapturedLine[] | undefined; today: string; oob?: boolean }) {
  return (
    <div id="preview" class="preview-box" aria-live="polite" hx-swap-oob={props.oob ? 'true' : undefined}>
      {props.lines ? (
        <PreviewLines lines={props.lines} today={props.today} />
      ) : (
        <p class="meta">Type a line: what it becomes shows here.</p>
      )}
    </div>
  );
}

/** The notes so far, line by line with what each became, and a refused line's reason. */
export function NotedLines(props: { view: View; today: string; error?: string | undefined }) {
  const { meeting, lines } = props.view;
  const running = !meeting.ended_at;
  return (
    <div id="noted">
      {lines.length === 0 && !running && <p class="empty">No notes were taken.</p>}
      <ol class="notes">
        {lines.map((l) => (
          <li>
            <p class="line">
              {l.line}
              {l.private && <span class="meta"> (private: only you see it)</span>}
            </p>
            {l.steps.map((step) => (
              <NotedStep step={step} meetingId={meeting.id} today={props.today} running={running} />
            ))}
            <CoachFlag verdict={l.coach} />
          </li>
        ))}
      </ol>
      <Said error={props.error} id="line-error" />
    </div>
  );
}

/**
 * The notes, and while the meeting runs, the box for the next line. With JavaScript, the
 * line's preview follows the typing and Enter saves it in place (the list comes back, the box
 * empties, the focus stays); without, Enter saves it and the page comes back.
 */
export function NotesPart(props: {
  view: View;
  today: string;
  typed?: string | undefined;
  preview?: CapturedLine[] | undefined;
  error?: string | undefined;
}) {
  const { meeting } = props.view;
  return (
    <section class="card" id="notes" aria-labelledby="notes-title">
      <h2 id="notes-title">Notes</h2>
      <NotedLines view={props.view} today={props.today} error={props.error} />
      {!meeting.ended_at && (
        <form
          class="stack wide"
          method="post"
          action={`/m/${meeting.id}/notes`}
          hx-post={`/m/${meeting.id}/notes`}
          hx-target="#noted"
          hx-swap="outerHTML"
          hx-on-line-saved="this.reset()"
        >
          <label for="line">
            Next line of notes
            <input
              id="line"
              name="line"
              value={props.typed ?? ''}
              autocomplete="off"
              autofocus
              aria-describedby="line-hint preview"
              hx-post={`/m/${meeting.id}/preview`}
              hx-trigger="input changed delay:200ms"
              hx-target="#preview"
              hx-swap="innerHTML"
              hx-sync="closest form:abort"
            />
            <span class="meta" id="line-hint">
              “Dana to send pricing by Friday so that legal can sign”: Enter saves the line.
            </span>
          </label>
          <PreviewBox lines={props.preview} today={props.today} />
          <label class="check" for="private">
            <input type="checkbox" id="private" name="private" value="1" /> Private: only I see it, no next
            step
          </label>
          <div class="buttons">
            <button type="submit">Save the line</button>
            <noscript>
              <button type="submit" name="preview" value="1" class="secondary">
                Preview it first
              </button>
            </noscript>
          </div>
        </form>
      )}
    </section>
  );
}

/** What the meeting starts with: pending first (the stalled on top, saying why), answers since last time, open plan steps. */
function AgendaPart(props: { agenda: AgendaResult; reader: Person; today: string }) {
  const { agenda } = props.agenda;
  return (
    <section class="card" aria-labelledby="agenda-title">
      <h2 id="agenda-title">Agenda</h2>
      <h3>Still pending</h3>
      {agenda.pending.length ? (
        <StepList items={agenda.pending} today={props.today} />
      ) : (
        <p class="empty">Nothing pending from earlier meetings.</p>
      )}
      <h3>Answers since last time</h3>
      {agenda.answered.length ? (
        <ul class="items">
          {agenda.answered.map((a) => (
            <li>
              {a.answerer?.name ?? 'Someone'}: <a href={`/c/${a.commitment.id}`}>{a.commitment.what}</a>:{' '}
              {a.followUp.outcome ? outcomeText[a.followUp.outcome] : ''}
              {a.followUp.happened && <div class="meta">what happened: {a.followUp.happened}</div>}
              {a.next && (
                <div class="meta">
                  next step: <a href={`/c/${a.next.id}`}>{a.next.what}</a>
                </div>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p class="empty">No follow-up answered since the last meeting.</p>
      )}
      {(agenda.plans.length > 0 || agenda.plansWithoutSteps.length > 0) && (
        <>
          <h3>Open plan steps</h3>
          <StepList items={agenda.plans} today={props.today} />
          {agenda.plansWithoutSteps.map((p) => (
            <p class="flag">
              <a href={`/plans/${p.id}`}>{p.name}</a> has no next step.
            </p>
          ))}
        </>
      )}
    </section>
  );
}

/** The wrap-up as each audience gets it, with the absentees to copy in, and the button that sends it. */
function WrapupPart(props: {
  meeting: Meeting;
  wrapup: WrapupResult;
  absentees: Person[];
  reader: Person;
  today: string;
  mayRun: boolean;
}) {
  const { meeting, wrapup } = props;
  return (
    <section class="card" id="wrapup" aria-labelledby="wrapup-title">
      <h2 id="wrapup-title">Wrap-up</h2>
      {meeting.wrapup_sent_at ? (
        <p class="saved">
          Sent <When at={meeting.wrapup_sent_at} zone={props.reader.time_zone} today={props.today} />.
        </p>
      ) : (
        meeting.wrapup_due_at && (
          <p class="meta">
            Due by <When at={meeting.wrapup_due_at} zone={props.reader.time_zone} today={props.today} />.
          </p>
        )
      )}
      {wrapup.versions.map((v) => (
        <article class="mail">
          <h3>
            {v.audience === 'members' ? 'To the team' : 'To the customer'}:{' '}
            {v.recipients.map((p) => p.name).join(', ') || 'nobody'}
          </h3>
          <pre>{v.body}</pre>
        </article>
      ))}
      {wrapup.skipped.length > 0 && (
        <p class="meta">
          {wrapup.skipped.map((p) => p.name).join(', ')} get nothing: no step agreed here is shared with them.
        </p>
      )}
      {props.mayRun && !meeting.wrapup_sent_at && (
        <form class="stack" method="post" action={`/m/${meeting.id}/wrapup`}>
          {props.absentees.length > 0 && (
            <fieldset>
              <legend>Not in the meeting, but named in it: copy them in</legend>
              {props.absentees.map((p) => (
                <label class="check" for={`cc-${p.id}`}>
                  {/* A customer hears from us when someone chooses so, never by default. */}
                  <input
                    type="checkbox"
                    id={`cc-${p.id}`}
                    name="cc"
                    value={p.email}
                    checked={p.kind === 'member'}
                  />{' '}
                  {p.name}
                  {p.kind === 'contact' && ' (customer: gets only the steps shared with them)'}
                </label>
              ))}
            </fieldset>
          )}
          <label for="cc-more">
            Copy in someone else too (optional)
            <input id="cc-more" name="cc" list="people" autocomplete="off" />
          </label>
          <button type="submit">Send the wrap-up</button>
        </form>
      )}
    </section>
  );
}

/**
 * `/m/ID`: where a 1:1 or a review is run. The agenda it starts with, its notes (each line
 * showing what it becomes as it is typed, saved on Enter), fixes for a missing owner or date,
 * and, once ended, the wrap-up as each audience gets it, sent from here.
 */
export function MeetingPage(props: {
  reader: Person;
  view: View;
  agenda: AgendaResult | null;
  wrapup: WrapupResult | null;
  absentees: Person[];
  people: Person[];
  today: string;
  mayRun: boolean;
  typed?: string | undefined;
  preview?: CapturedLine[] | undefined;
  /** A line of notes refused. */
  lineError?: string | undefined;
  /** Ending or sending refused. */
  error?: string | undefined;
  saved?: string | undefined;
}) {
  const { view, reader } = props;
  const { meeting } = view;
  const title = meetingTitle(meeting, view.attendees);
  return (
    <Layout title={title} signedIn={{ name: reader.name }} here="/m">
      <p class="meta">
        <a href="/m">← Meetings</a>
      </p>
      <h1>{title}</h1>
      <p class="meta">
        {formatId('meeting', meeting.id)} ·{' '}
        <When at={meeting.starts_at} zone={reader.time_zone} today={props.today} />
        {' · '}
        {view.attendees.map((p) => p.name).join(', ')}
        {meeting.ended_at ? (
          <>
            {' · ended '}
            <When at={meeting.ended_at} zone={reader.time_zone} today={props.today} />
          </>
        ) : (
          ' · running'
        )}
      </p>
      <Said saved={props.saved} error={props.error} />
      <PeopleChoices id="people" people={props.people} />
      {props.agenda && !meeting.ended_at && (
        <AgendaPart agenda={props.agenda} reader={reader} today={props.today} />
      )}
      <NotesPart
        view={view}
        today={props.today}
        typed={props.typed}
        preview={props.preview}
        error={props.lineError}
      />
      {view.others.length > 0 && (
        <Card title="Also agreed in this meeting">
          <StepList items={view.others.map((v) => ({ view: v }))} today={props.today} />
        </Card>
      )}
      {props.mayRun && !meeting.ended_at && (
        <section class="card" aria-labelledby="end-title">
          <h2 id="end-title">Done talking?</h2>
          <form method="post" action={`/m/${meeting.id}/end`}>
            <button type="submit">End the meeting</button>
          </form>
          <p class="meta">Ending it shows the wrap-up, to check and send; it is due within 24 hours.</p>
        </section>
      )}
      {props.wrapup && meeting.ended_at && (
        <WrapupPart
          meeting={meeting}
          wrapup={props.wrapup}
          absentees={props.absentees}
          reader={reader}
          today={props.today}
          mayRun={props.mayRun}
        />
      )}
    </Layout>
  );
}
