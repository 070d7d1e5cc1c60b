import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SignInPage } from '../auth/auth.pages.js';
import { addAway, removeAway, upcomingAway } from '../calendar/calendar.usecases.js';
import { findCommitments } from '../commitments/commitments.repository.js';
import type { Person } from '../db/schema.js';
import { myCalendarLink, rotateCalendarLink } from '../feeds/feeds.usecases.js';
import { type Scope, today } from '../organizations/scope.js';
import { updateSettings } from '../organizations/settings.usecases.js';
import { accessOf, mayActFor, mayEditPerson, mayManagePeople } from '../policy/policy.js';
import { AppError, notFound } from '../shared/errors.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';
import { formFields, pageText, type SentForm } from '../web/parts.js';
import { sessionScope } from '../web/session.js';
import { inviteMember } from './invitations.usecases.js';
import { deactivatePerson, editPerson } from './people.changes.js';
import { PeoplePage, PersonPage, SettingsPage } from './people.pages.js';
import { getPeople } from './people.repository.js';
import { peopleDirectory, showPerson } from './people.usecases.js';

const ID = ':id{[0-9]{1,9}}';
/** A refusal the reader mends by changing what they typed. */
const mendable = (error: unknown): error is AppError => error instanceof AppError && error.status < 500;
const status = (error: AppError) => error.status as ContentfulStatusCode;

async function peoplePage(scope: Scope, extra: { sent?: SentForm; saved?: string } = {}) {
  const access = await accessOf(scope);
  return (
    <PeoplePage
      reader={scope.actor as Person}
      people={await peopleDirectory(scope)}
      isAdmin={access.everything}
      {...extra}
    />
  );
}

/** The person `/people/ID` names, when the reader may see them (the policy's rule, by their e-mail); else not found. */
async function personOf(scope: Scope, id: string) {
  const [found] = await getPeople(scope.db, scope.org.id, [Number(id)]);
  if (!found) throw notFound('person', id, 'See the people page for who is here.');
  return showPerson(scope, found.email);
}

async function personPage(scope: Scope, id: string, extra: { sent?: SentForm; saved?: string } = {}) {
  const person = await personOf(scope, id);
  const access = await accessOf(scope);
  const self = person.id === scope.actor?.id;
  const admin = mayManagePeople(access);
  let leaving: { open: number; heir: Person | null } | null = null;
  if (admin && !self && !person.deactivated_at && person.kind === 'member') {
    const open = await findCommitments(scope.db, scope.org.id, {
      ownerIds: [person.id],
      statuses: ['open'],
      limit: 100_000,
    });
    const [manager] = person.manager_id ? await getPeople(scope.db, scope.org.id, [person.manager_id]) : [];
    leaving = { open: open.length, heir: manager && !manager.deactivated_at ? manager : null };
  }
  const members = (await peopleDirectory(scope)).filter((p) => p.kind === 'member');
  const away = mayActFor(access, person.id)
    ? (await upcomingAway(scope, person.email)).map((row) => row.away)
    : null;
  return (
    <PersonPage
      away={away}
      today={today(scope)}
      reader={scope.actor as Person}
      person={person}
      members={members}
      mayEdit={{ all: mayEditPerson(access, person, ['manager']), self }}
      leaving={leaving}
      {...extra}
    />
  );
}

async function settingsPage(
  c: Context<ApiEnv>,
  deps: ApiDeps,
  scope: Scope,
  extra: { sent?: SentForm; saved?: string } = {},
) {
  const reader = scope.actor as Person;
  const headers = c.req.raw.headers;
  const [current, sessions] = await Promise.all([
    deps.auth.api.getSession({ headers }),
    deps.auth.api.listSessions({ headers }),
  ]);
  return (
    <SettingsPage
      reader={reader}
      today={today(scope)}
      calendar={reader.kind === 'member' ? (await myCalendarLink(scope)).url : null}
      sessions={sessions.map((s) => ({
        id: s.id,
        createdAt: new Date(s.createdAt).toISOString(),
        userAgent: s.userAgent ?? null,
        current: s.id === current?.session.id,
      }))}
      org={scope.org}
      isAdmin={(await accessOf(scope)).everything}
      {...extra}
    />
  );
}

const saved: Record<string, string> = {
  invited: 'Invited: the invitation is in the outbox, with a link that works once, for seven days.',
  edited: 'Saved.',
  deactivated: 'Deactivated: their open steps and the follow-ups they would hear have a new owner.',
  calendar: 'A new calendar address: the old one no longer works.',
  revoked: 'Signed out there.',
  organization: 'Saved: follow-ups from now on go out at the new time.',
  away: 'Recorded: follow-ups due while away wait for the first working day back.',
  unaway: 'Removed: the follow-ups go back to the plain working days.',
};
const savedOf = (c: Context<ApiEnv>) => {
  const text = saved[c.req.query('saved') ?? ''];
  return text ? { saved: text } : {};
};

/** `/people`, `/people/ID` and `/settings`: the team, each person, and one's own settings. */
export function registerPeoplePages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/people', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    return c.html(await peoplePage(scope, savedOf(c)));
  });

  app.post('/people/invite', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const { one: f } = await formFields(c.req);
    try {
      await inviteMember(
        scope,
        {
          name: f.name ?? '',
          email: f.email ?? '',
          manager: f.manager || undefined,
          timeZone: f.timeZone || undefined,
        },
        deps.origin,
      );
    } catch (error) {
      if (!mendable(error)) throw error;
      const sent = { form: 'invite', fields: f, error: pageText(error.message) };
      return c.html(await peoplePage(scope, { sent }), status(error));
    }
    return c.redirect('/people?saved=invited', 303);
  });

  app.get(`/people/${ID}`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    return c.html(await personPage(scope, c.req.param('id'), savedOf(c)));
  });

  app.post(`/people/${ID}/edit`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const id = c.req.param('id');
    const person = await personOf(scope, id);
    const { one: f } = await formFields(c.req);
    const access = await accessOf(scope);
    // Only what changed is sent on: a field the reader may not change, left as it was, is no refusal.
    const changed = <T,>(now: T, typed: T | undefined) =>
      typed === undefined || typed === now ? undefined : typed;
    try {
      await editPerson(scope, person.email, {
        name: changed(person.name, f.name),
        timeZone: changed(person.time_zone, f.timeZone),
        manager: mayEditPerson(access, person, ['manager'])
          ? changed(person.manager?.email ?? '', f.manager) === undefined
            ? undefined
            : f.manager || null
          : undefined,
        partner:
          f.partner === undefined || f.partner === (person.partner?.email ?? '')
            ? undefined
            : f.partner || null,
        digest: f.digestShown === '1' ? changed(person.daily_digest === 1, f.digest === 'on') : undefined,
      });
    } catch (error) {
      if (!mendable(error) || error.status === 404) throw error;
      const sent = { form: 'edit', fields: f, error: pageText(error.message) };
      return c.html(await personPage(scope, id, { sent }), status(error));
    }
    return c.redirect(`/people/${id}?saved=edited`, 303);
  });

  app.post(`/people/${ID}/deactivate`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const id = c.req.param('id');
    const person = await personOf(scope, id);
    const { one: f } = await formFields(c.req);
    try {
      await deactivatePerson(scope, person.email, f.to || undefined);
    } catch (error) {
      if (!mendable(error) || error.status === 404) throw error;
      const sent = { form: 'deactivate', fields: f, error: pageText(error.message) };
      return c.html(await personPage(scope, id, { sent }), status(error));
    }
    return c.redirect('/people?saved=deactivated', 303);
  });

  app.post(`/people/${ID}/away`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const id = c.req.param('id');
    const person = await personOf(scope, id);
    const { one: f } = await formFields(c.req);
    try {
      await addAway(scope, {
        person: person.email,
        from: f.from ?? '',
        until: f.until ?? '',
        note: f.note || undefined,
      });
    } catch (error) {
      if (!mendable(error) || error.status === 404) throw error;
      const sent = { form: 'away', fields: f, error: pageText(error.message) };
      return c.html(await personPage(scope, id, { sent }), status(error));
    }
    return c.redirect(`/people/${id}?saved=away`, 303);
  });

  app.post(`/people/${ID}/away/:away{[0-9]{1,9}}/remove`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const id = c.req.param('id');
    await personOf(scope, id);
    await removeAway(scope, `a${c.req.param('away')}`);
    return c.redirect(`/people/${id}?saved=unaway`, 303);
  });

  app.get('/settings', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    c.header('cache-control', 'private, no-store');
    return c.html(await settingsPage(c, deps, scope, savedOf(c)));
  });

  app.post('/settings/calendar', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    await rotateCalendarLink(scope);
    return c.redirect('/settings?saved=calendar', 303);
  });

  app.post('/settings/sessions/revoke', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const { one: f } = await formFields(c.req);
    const headers = c.req.raw.headers;
    // Only one's own sessions are listed, so only those can be named.
    const mine = (await deps.auth.api.listSessions({ headers })).find((s) => s.id === f.id);
    if (mine) await deps.auth.api.revokeSession({ headers, body: { token: mine.token } });
    return c.redirect('/settings?saved=revoked', 303);
  });

  app.post('/settings/organization', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const { one: f } = await formFields(c.req);
    try {
      await updateSettings(scope, {
        followUpHour: f.followUpHour,
        followUpOffset: f.followUpOffset,
        dueTodayReminders: f.dueTodayReminders === 'on' ? 'on' : 'off',
      });
    } catch (error) {
      if (!mendable(error)) throw error;
      const sent = { form: 'org', fields: f, error: pageText(error.message) };
      return c.html(await settingsPage(c, deps, scope, { sent }), status(error));
    }
    return c.redirect('/settings?saved=organization', 303);
  });
}
