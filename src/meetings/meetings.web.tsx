import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { agendaFor } from '../agendas/agendas.usecases.js';
import { SignInPage } from '../auth/auth.pages.js';
import { addNotes, type CapturedLine, previewNotes } from '../capture/capture.usecases.js';
import { editCommitment } from '../commitments/commitments.edit.js';
import { reassign } from '../commitments/commitments.usecases.js';
import type { Person } from '../db/schema.js';
import type { Scope } from '../organizations/scope.js';
import { getPeople, listPeople } from '../people/people.repository.js';
import { peopleDirectory } from '../people/people.usecases.js';
import { planList } from '../plans/plans.usecases.js';
import { type Access, accessOf, mayRunMeeting } from '../policy/policy.js';
import { AppError } from '../shared/errors.js';
import { localDate } from '../shared/time.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';
import { formFields, pageText } from '../web/parts.js';
import { sessionScope } from '../web/session.js';
import { wrapup } from '../wrapups/wrapups.usecases.js';
import { MeetingPage, MeetingsPage, NotedLines, PreviewBox, PreviewLines } from './meetings.pages.js';
import { getSeries } from './meetings.repository.js';
import { endMeeting, getMeetingOrFail, meetingList, startMeeting } from './meetings.usecases.js';
import { meetingView } from './meetings.view.js';

const ID = ':id{m?[0-9]{1,9}}';
const refOf = (c: Context<ApiEnv>) => `m${c.req.param('id')?.replace(/^m/, '')}`;
const todayOf = (scope: Scope) => localDate(scope.clock.now(), (scope.actor as Person).time_zone);
/** A request htmx sent for part of a page: it gets that part back, not the page. */
const partial = (c: Context<ApiEnv>) => c.req.header('hx-request') === 'true';

/** Refused for a reason the reader can mend: said on the page. Anything else goes to the error page. */
const mendable = (error: unknown): error is AppError =>
  error instanceof AppError && error.status !== 404 && error.status !== 403;

async function meetingsPage(scope: Scope, sent?: { fields: Record<string, string>; error: string }) {
  const [list, people, plans] = await Promise.all([
    meetingList(scope, { limit: '30' }),
    peopleDirectory(scope),
    planList(scope, { all: false }),
  ]);
  return (
    <MeetingsPage
      reader={scope.actor as Person}
      today={todayOf(scope)}
      rows={list.rows}
      total={list.total}
      people={people}
      plans={plans.map((p) => p.plan)}
      sent={sent}
    />
  );
}

async function meetingPage(
  scope: Scope,
  ref: string,
  extra: {
    typed?: string;
    preview?: CapturedLine[];
    lineError?: string;
    error?: string;
    saved?: string;
  } = {},
) {
  const view = await meetingView(scope, ref);
  const { meeting, attendees } = view;
  const access = await accessOf(scope);
  const mayRun =
    access.everything ||
    mayRunMeeting(
      access,
      attendees.map((p) => p.id),
    );
  const series = meeting.series_id
    ? ((await getSeries(scope.db, scope.org.id, meeting.series_id)) ?? null)
    : null;
  const agenda =
    !meeting.ended_at && (series || meeting.plan_id)
      ? await agendaFor(scope, { series, plan: null }, meeting)
      : null;
  // Named in a step (its owner, or someone it is done with) but not in the room.
  const present = new Set(attendees.map((p) => p.id));
  const steps = [...view.lines.flatMap((l) => l.steps.map((s) => s.view)), ...view.others];
  const absentees = [
    ...new Map(
      steps
        .flatMap((v) => [v.owner, ...v.with])
        .filter((p): p is Person => p !== null && !present.has(p.id) && !p.deactivated_at)
        .map((p) => [p.id, p]),
    ).values(),
  ];
  const wrapped = meeting.ended_at
    ? // As it goes out when nothing is changed: the absent members copied in, no customer.
      await wrapup(scope, ref, {
        send: false,
        cc: absentees.filter((p) => p.kind === 'member').map((p) => p.email),
      })
    : null;
  return (
    <MeetingPage
      reader={scope.actor as Person}
      view={view}
      agenda={agenda}
      wrapup={wrapped}
      absentees={absentees}
      people={await choices(scope, access, attendees)}
      today={todayOf(scope)}
      mayRun={mayRun}
      {...extra}
    />
  );
}

/** At most this many names are offered to pick an owner or a copy from; any other may be typed. */
const CHOICES = 300;

/** Whom a step of the meeting may be given to, to pick from: the reader's line (everyone, for an admin) and those in the room. */
async function choices(scope: Scope, access: Access, attendees: Person[]): Promise<Person[]> {
  const line = access.everything
    ? await listPeople(scope.db, scope.org.id)
    : await getPeople(scope.db, scope.org.id, access.mine);
  const members = line.filter((p) => p.kind === 'member' && !p.deactivated_at);
  const present = attendees.filter((p) => !members.some((m) => m.id === p.id));
  return [...present, ...members].slice(0, CHOICES);
}

/** What each meeting form said it did. */
const savedText: Record<string, string> = {
  started: 'Started. Type the notes below: each line shows what it becomes.',
  ended: 'Ended. Check the wrap-up below and send it.',
  wrapup: 'The wrap-up is on its way to everyone on it.',
};

/**
 * The meeting pages: `/m` lists meetings and starts one; `/m/ID` runs it (notes saved a line
 * at a time, each previewed as it is typed; end; the wrap-up sent). Every change goes through
 * the use cases `ft` uses, and so through the policy.
 */
export function registerMeetingPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/m', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    return c.html(await meetingsPage(scope));
  });

  app.post('/m', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const { one: fields } = await formFields(c.req);
    try {
      const { meeting } = await startMeeting(scope, {
        kind: fields.kind ?? 'one_on_one',
        with: (fields.with ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
        plan: fields.plan || undefined,
      });
      return c.redirect(`/m/${meeting.id}?saved=started`, 303);
    } catch (error) {
      // Nothing in the address here: a name or plan not found is what was typed.
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return c.html(
        await meetingsPage(scope, { fields, error: pageText(error.message) }),
        error.status as ContentfulStatusCode,
      );
    }
  });

  app.get(`/m/${ID}`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const saved = savedText[c.req.query('saved') ?? ''];
    return c.html(await meetingPage(scope, refOf(c), saved ? { saved } : {}));
  });

  // As a line is typed: what it will become. Nothing is saved.
  app.post(`/m/${ID}/preview`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const { one: fields } = await formFields(c.req);
    try {
      const { lines } = await previewNotes(scope, refOf(c), fields.line ?? '', {
        private: fields.private === '1',
      });
      return c.html(<PreviewLines lines={lines} today={todayOf(scope)} />);
    } catch (error) {
      if (!mendable(error)) throw error;
      return c.html(<p class="error">{pageText(error.message)}</p>);
    }
  });

  app.post(`/m/${ID}/notes`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const ref = refOf(c);
    const { one: fields } = await formFields(c.req);
    const line = fields.line ?? '';
    const options = { private: fields.private === '1' };
    const again = async (
      extra: { preview?: CapturedLine[]; lineError?: string },
      status: ContentfulStatusCode,
    ) =>
      partial(c)
        ? // htmx swaps only what succeeded: a refusal comes as the notes, saying why; the line stays typed.
          c.html(
            <NotedLines
              view={await meetingView(scope, ref)}
              today={todayOf(scope)}
              error={extra.lineError}
            />,
          )
        : c.html(await meetingPage(scope, ref, { typed: line, ...extra }), status);
    try {
      if (fields.preview === '1')
        return await again({ preview: (await previewNotes(scope, ref, line, options)).lines }, 200);
      if (!line.trim()) return await again({ lineError: 'Type a line of notes first.' }, 422);
      await addNotes(scope, ref, line, options);
    } catch (error) {
      if (!mendable(error)) throw error;
      return again({ lineError: pageText(error.message) }, error.status as ContentfulStatusCode);
    }
    if (partial(c)) {
      // The form empties itself on this event; the preview box empties with the answer.
      c.header('HX-Trigger', 'line-saved');
      return c.html(
        <>
          <NotedLines view={await meetingView(scope, ref)} today={todayOf(scope)} />
          <PreviewBox today={todayOf(scope)} oob />
        </>,
      );
    }
    return c.redirect(`/m/${ref.slice(1)}#line`, 303);
  });

  // A step's missing owner or date, fixed from the meeting: a refusal (a name nobody here has,
  // a date that is none) is said on the meeting page, which the reader stays on.
  app.post(`/m/${ID}/steps/:step{[0-9]{1,9}}/:fix{owner|date}`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const ref = refOf(c);
    const step = `c${c.req.param('step')}`;
    const { one: f } = await formFields(c.req);
    try {
      await getMeetingOrFail(scope, ref);
      if (c.req.param('fix') === 'owner') await reassign(scope, step, f.owner ?? '', undefined);
      else await editCommitment(scope, step, { due: f.due ?? '' });
    } catch (error) {
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      const said = `${step}: ${pageText(error.message)}`;
      return c.html(await meetingPage(scope, ref, { error: said }), error.status as ContentfulStatusCode);
    }
    return c.redirect(`/m/${ref.slice(1)}#notes`, 303);
  });

  app.post(`/m/${ID}/end`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const ref = refOf(c);
    try {
      await endMeeting(scope, ref);
    } catch (error) {
      if (!mendable(error)) throw error;
      return c.html(
        await meetingPage(scope, ref, { error: pageText(error.message) }),
        error.status as ContentfulStatusCode,
      );
    }
    return c.redirect(`/m/${ref.slice(1)}?saved=ended#wrapup`, 303);
  });

  app.post(`/m/${ID}/wrapup`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const ref = refOf(c);
    const { many } = await formFields(c.req);
    const cc = (many.cc ?? []).map((s) => s.trim()).filter(Boolean);
    try {
      await wrapup(scope, ref, { send: true, cc });
    } catch (error) {
      // A name typed to copy in that nobody has is said on the page (the meeting itself, if
      // not found, is not found again when the page is made).
      if (!(error instanceof AppError) || error.status >= 500) throw error;
      return c.html(
        await meetingPage(scope, ref, { error: pageText(error.message) }),
        error.status as ContentfulStatusCode,
      );
    }
    return c.redirect(`/m/${ref.slice(1)}?saved=wrapup#wrapup`, 303);
  });
}
