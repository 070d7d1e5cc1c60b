import type { AwayPeriod, Organization, Person } from '../db/schema.js';
import { PeopleChoices } from '../meetings/meetings.pages.js';
import { shortDate } from '../shared/time.js';
import { Layout } from '../web/layout.js';
import { Card, Input, Said, type SentForm, When } from '../web/parts.js';
import type { PersonView } from './people.usecases.js';

const accountText = (p: Person & { invited?: boolean }) =>
  p.kind === 'contact'
    ? 'customer contact'
    : p.deactivated_at
      ? 'left'
      : p.user_id
        ? p.role === 'admin'
          ? 'admin'
          : 'member'
        : 'no account yet';

/** `/people`: the members and contacts one may see; an admin invites from here. */
export function PeoplePage(props: {
  reader: Person;
  people: PersonView[];
  isAdmin: boolean;
  sent?: SentForm | undefined;
  saved?: string | undefined;
}) {
  const { sent } = props;
  const members = props.people.filter((p) => p.kind === 'member');
  const contacts = props.people.filter((p) => p.kind === 'contact');
  return (
    <Layout title="People" signedIn={{ name: props.reader.name }} here="/people">
      <h1>People</h1>
      <Said error={sent?.error} saved={props.saved} id={sent ? `${sent.form}-error` : undefined} />
      <Card title="The team" count={members.length} empty="Nobody yet.">
        <ul class="items">
          {members.map((p) => (
            <li>
              <a href={`/people/${p.id}`}>{p.name}</a> <span class="meta">{p.email}</span>
              <div class="meta">
                {accountText(p)}
                {p.manager ? ` · reports to ${p.manager.name}` : ''}
                {p.detailed && p.partner ? ` · accountability partner ${p.partner.name}` : ''} · {p.time_zone}
              </div>
            </li>
          ))}
        </ul>
        {members.length === 1 && props.isAdmin && (
          <p class="empty">Only you so far: invite your team below. Each gets a link to choose a password.</p>
        )}
      </Card>
      {props.isAdmin && (
        <Card title="Invite someone" id="invite-title">
          <form class="stack" method="post" action="/people/invite">
            <Input form="invite" name="name" label="Name" sent={sent} required />
            <Input form="invite" name="email" label="E-mail" type="email" sent={sent} required />
            <Input
              form="invite"
              name="manager"
              label="Reports to (optional)"
              sent={sent}
              list="members"
              hint="A name or e-mail of the team."
            />
            <Input
              form="invite"
              name="timeZone"
              label="Time zone (optional)"
              sent={sent}
              hint="Like America/New_York; the organization’s when left empty."
            />
            <button type="submit">Send the invitation</button>
          </form>
          <PeopleChoices id="members" people={members} />
        </Card>
      )}
      <Card
        title="Customer contacts"
        count={contacts.length}
        empty="None yet: a contact is added when notes or a step name them, or with ft person add --contact."
      >
        <ul class="items">
          {contacts.map((p) => (
            <li>
              {p.name} <span class="meta">{p.email}</span>
              {p.company && <div class="meta">{p.company}</div>}
            </li>
          ))}
        </ul>
      </Card>
    </Layout>
  );
}

/** `/people/ID`: who someone is, what the reader may change about them, and, for an admin, their leaving. */
export function PersonPage(props: {
  reader: Person;
  person: PersonView;
  members: Person[];
  mayEdit: { all: boolean; self: boolean };
  leaving: { open: number; heir: Person | null } | null;
  /** Their time away not over yet, when the reader may record it (themselves, those below, an admin). */
  away: AwayPeriod[] | null;
  today: string;
  sent?: SentForm | undefined;
  saved?: string | undefined;
}) {
  const { person: p, sent } = props;
  const self = p.id === props.reader.id;
  return (
    <Layout title={p.name} signedIn={{ name: props.reader.name }} here="/people">
      <p class="meta">
        <a href="/people">← People</a>
      </p>
      <h1>{p.name}</h1>
      <Said error={sent?.error} saved={props.saved} id={sent ? `${sent.form}-error` : undefined} />
      <section class="card" aria-labelledby="who-title">
        <h2 id="who-title" class="sr-only">
          Who
        </h2>
        <dl class="fields">
          <dt>E-mail</dt>
          <dd>{p.email}</dd>
          <dt>Account</dt>
          <dd>{accountText(p)}</dd>
          <dt>Reports to</dt>
          <dd>{p.manager?.name ?? 'nobody'}</dd>
          {p.detailed && (
            <>
              <dt>Accountability partner</dt>
              <dd>{p.partner?.name ?? 'none'}</dd>
            </>
          )}
          <dt>Time zone</dt>
          <dd>{p.time_zone}</dd>
        </dl>
        {p.kind === 'member' && (
          <p class="meta">
            <a href={`/insights?who=${encodeURIComponent(`person:${p.email}`)}`}>
              Their numbers, week by week
            </a>
          </p>
        )}
      </section>
      {(props.mayEdit.all || props.mayEdit.self) && !p.deactivated_at && (
        <Card title={self ? 'Change your details' : 'Change their details'} id="edit-title">
          <form class="stack" method="post" action={`/people/${p.id}/edit`}>
            <Input form="edit" name="name" label="Name" sent={sent} initial={p.name} required />
            <Input form="edit" name="timeZone" label="Time zone" sent={sent} initial={p.time_zone} required />
            {props.mayEdit.all && (
              <Input
                form="edit"
                name="manager"
                label="Reports to (empty: nobody)"
                sent={sent}
                initial={p.manager?.email}
                list="members"
              />
            )}
            {p.kind === 'member' && (
              <Input
                form="edit"
                name="partner"
                label="Accountability partner (empty: none)"
                sent={sent}
                initial={p.partner?.email}
                list="members"
              />
            )}
            {self && (
              <label class="check" for="edit-digest">
                <input
                  type="checkbox"
                  id="edit-digest"
                  name="digest"
                  value="on"
                  checked={p.daily_digest === 1}
                />{' '}
                A daily digest at 08:00 on working days
              </label>
            )}
            <input type="hidden" name="digestShown" value={self ? '1' : ''} />
            <button type="submit">Save</button>
          </form>
          <PeopleChoices id="members" people={props.members.filter((m) => m.id !== p.id)} />
        </Card>
      )}
      {props.away && !p.deactivated_at && p.kind === 'member' && (
        <Card title="Time away" id="away-title">
          <p class="meta">
            While {self ? 'you are' : `${p.name} is`} away, {self ? 'your' : 'their'} follow-ups wait for the
            first working day back.
          </p>
          {props.away.length === 0 ? (
            <p class="empty">None coming up.</p>
          ) : (
            <ul class="items">
              {props.away.map((a) => (
                <li class="step">
                  <div>
                    {shortDate(a.starts_on, props.today)} to {shortDate(a.ends_on, props.today)}
                    {a.note && <div class="meta">{a.note}</div>}
                  </div>
                  <form method="post" action={`/people/${p.id}/away/${a.id}/remove`} class="inline">
                    <button
                      type="submit"
                      class="small secondary"
                      aria-label={`Remove time away from ${shortDate(a.starts_on, props.today)}`}
                    >
                      Remove
                    </button>
                  </form>
                </li>
              ))}
            </ul>
          )}
          <form class="stack" method="post" action={`/people/${p.id}/away`}>
            <Input
              form="away"
              name="from"
              label="Away from"
              sent={sent}
              required
              hint="“Dec 21”, “next Monday”"
            />
            <Input
              form="away"
              name="until"
              label="Back after"
              sent={sent}
              required
              hint="The last day away."
            />
            <Input form="away" name="note" label="Note (optional)" sent={sent} />
            <button type="submit">Add time away</button>
          </form>
        </Card>
      )}
      {props.leaving && (
        <section class="card" aria-labelledby="leave-title">
          <h2 id="leave-title">{p.name} left?</h2>
          <p>
            {props.leaving.open === 0
              ? `${p.name} owns no open step.`
              : `${p.name} owns ${props.leaving.open} open step${props.leaving.open === 1 ? '' : 's'}: ${
                  props.leaving.heir
                    ? `they go to ${props.leaving.heir.name}, with the follow-ups they would hear`
                    : 'nobody is above them to take them: name who does'
                }.`}{' '}
            Nothing of theirs is deleted; they stop getting mail and signing in.
          </p>
          <form class="stack" method="post" action={`/people/${p.id}/deactivate`}>
            <Input
              form="deactivate"
              name="to"
              label={props.leaving.heir ? 'Hand them to someone else (optional)' : 'Hand them to'}
              sent={sent}
              list="members"
              required={!props.leaving.heir && props.leaving.open > 0}
            />
            <button type="submit" class="secondary">
              Deactivate {p.name}
            </button>
          </form>
        </section>
      )}
    </Layout>
  );
}

/** `/settings`: the reader's calendar link and sessions; for an admin, when follow-ups go out. */
export function SettingsPage(props: {
  reader: Person;
  today: string;
  calendar: string | null;
  sessions: { id: string; createdAt: string; userAgent: string | null; current: boolean }[];
  org: Organization;
  isAdmin: boolean;
  sent?: SentForm | undefined;
  saved?: string | undefined;
}) {
  const { sent, org } = props;
  const zone = props.reader.time_zone;
  return (
    <Layout title="Settings" signedIn={{ name: props.reader.name }} here="/settings">
      <h1>Settings</h1>
      <Said error={sent?.error} saved={props.saved} id={sent ? `${sent.form}-error` : undefined} />
      <p class="meta">
        Your name, time zone, partner and daily digest:{' '}
        <a href={`/people/${props.reader.id}`}>your details</a>.
      </p>
      {props.calendar !== null && (
        <section class="card" aria-labelledby="calendar-title">
          <h2 id="calendar-title">Your calendar</h2>
          <p>Subscribe to this address in your calendar app: each of your steps is on its date.</p>
          <label for="calendar-link">Calendar address (keep it secret)</label>
          <input id="calendar-link" readonly value={props.calendar} class="wide-input" />
          <form method="post" action="/settings/calendar" class="inline">
            <button type="submit" class="small secondary">
              Make a new address (the old one stops working)
            </button>
          </form>
        </section>
      )}
      <Card title="Where you are signed in" count={props.sessions.length} empty="Nowhere else.">
        <p class="meta">
          Each browser and each <code>ft login</code> is a session; its token works until it is signed out
          here.
        </p>
        <ul class="items">
          {props.sessions.map((s) => (
            <li class="step">
              <div>
                {s.userAgent?.slice(0, 80) ?? 'unknown client'}
                <div class="meta">
                  since <When at={s.createdAt} zone={zone} today={props.today} />
                  {s.current ? ' · this browser' : ''}
                </div>
              </div>
              {!s.current && (
                <form method="post" action="/settings/sessions/revoke" class="inline">
                  <input type="hidden" name="id" value={s.id} />
                  <button type="submit" class="small secondary">
                    Sign out there
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      </Card>
      {props.isAdmin && (
        <Card title="When follow-ups go out" id="org-title">
          <form class="stack" method="post" action="/settings/organization">
            <Input
              form="org"
              name="followUpHour"
              label="Hour of the day (0–23, in each owner’s time zone)"
              sent={sent}
              initial={String(org.follow_up_hour)}
              required
            />
            <Input
              form="org"
              name="followUpOffset"
              label="Working days after the due date (1–20)"
              sent={sent}
              initial={String(org.follow_up_offset_days)}
              required
            />
            <label class="check" for="org-reminders">
              <input
                type="checkbox"
                id="org-reminders"
                name="dueTodayReminders"
                value="on"
                checked={org.due_today_reminders === 1}
              />{' '}
              A reminder on the morning a step is due
            </label>
            <button type="submit">Save</button>
          </form>
          <p class="meta">
            The mail as it goes out, and what is waiting: <a href="/outbox">the outbox</a>.
          </p>
        </Card>
      )}
    </Layout>
  );
}
