import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SignInPage } from '../auth/auth.pages.js';
import { getCommitment } from '../commitments/commitments.repository.js';
import type { Db } from '../db/database.js';
import type { FollowUp, Person } from '../db/schema.js';
import { answerFollowUp } from '../followups/followups.usecases.js';
import { getOrganization } from '../organizations/organizations.repository.js';
import { memberScope, type Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { AppError } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';
import { sessionScope } from '../web/session.js';
import { answerKey, readSignedToken } from './answer.links.js';
import { type AnswerForm, AnswerNotice, AnswerPage } from './answer.pages.js';
import { brokenLink, formField, type LinkNotice, privately } from './link.pages.js';

type Opened =
  | LinkNotice
  | {
      scope: Scope;
      followUpId: number;
      hearer: Person | null;
      page: Omit<Parameters<typeof AnswerPage>[0], 'form' | 'action'>;
    };

/** What a token opens: the follow-up to answer, acting as the one who answers it; or why not. */
async function open(deps: ApiDeps, token: string): Promise<Opened> {
  const { db, clock } = deps;
  const now = clock.now();
  const read = readSignedToken(await answerKey(db, clock), 'answer', token, now);
  if ('refused' in read) {
    return read.refused === 'expired'
      ? {
          notice: {
            status: 410,
            title: 'This link has expired',
            message:
              'Answer links work for two weeks. Answer at your next 1:1, or with ft: `ft followups` lists what is waiting for you.',
          },
        }
      : brokenLink;
  }
  const followUp = await db.selectFrom('follow_ups').selectAll().where('id', '=', read.id).executeTakeFirst();
  return answerable(deps, followUp);
}

/** A follow-up still to answer opens its form; one answered, cancelled or gone says so. */
async function answerable(deps: ApiDeps, followUp: FollowUp | undefined): Promise<Opened> {
  const { db } = deps;
  if (!followUp) {
    return {
      notice: {
        status: 404,
        title: 'This link does not work',
        message: 'Nothing is waiting for an answer here.',
      },
    };
  }
  const id = formatId('follow_up', followUp.id);
  if (followUp.status === 'answered') {
    return {
      notice: {
        status: 410,
        title: 'Answered already',
        message: `This follow-up (${id}) was answered already: a link answers once. Thank you.`,
      },
    };
  }
  if (followUp.status === 'cancelled') {
    return {
      notice: {
        status: 410,
        title: 'Nothing to answer any more',
        message: `The step changed since this follow-up (${id}) went out: there is nothing to answer here.`,
      },
    };
  }
  return opened(db, deps, followUp);
}

async function opened(db: Db, deps: ApiDeps, f: FollowUp): Promise<Opened> {
  const orgId = f.organization_id;
  const commitment = await getCommitment(db, orgId, f.commitment_id);
  if (!commitment) throw new Error(`follow-up ${f.id} without its commitment`);
  const org = await getOrganization(db, orgId);
  const ids = [f.answerer_id, commitment.delegated_by_id, f.hearer_id].filter(
    (id): id is number => id !== null,
  );
  const people = new Map((await getPeople(db, orgId, ids)).map((p) => [p.id, p]));
  const answerer = people.get(f.answerer_id);
  if (!answerer || answerer.deactivated_at) {
    return {
      notice: {
        status: 410,
        title: 'Nothing to answer any more',
        message: 'The one this follow-up asks has left the team.',
      },
    };
  }
  const scope = memberScope({ db, clock: deps.clock, publicUrl: deps.origin }, org, answerer);
  return {
    scope,
    followUpId: f.id,
    hearer: f.hearer_id ? (people.get(f.hearer_id) ?? null) : null,
    page: {
      commitment,
      answerer,
      delegator: commitment.delegated_by_id ? (people.get(commitment.delegated_by_id) ?? null) : null,
      ask: f.ask,
      now: deps.clock.now(),
    },
  };
}

/**
 * `/answer/TOKEN`: a follow-up's one-click answer page. GET shows the step and the form with
 * the outcome the link chose; POST answers, as the one asked, through the same use case as
 * `ft answer`. Once answered, the link shows that and answers nothing more.
 */
export function registerAnswerPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  const show = (
    c: Context,
    opened: Opened,
    form: AnswerForm,
    error?: string,
    status: ContentfulStatusCode = 200,
  ) => {
    if ('notice' in opened) {
      return c.html(
        <AnswerNotice
          title={opened.notice.title}
          message={opened.notice.message}
          back={c.req.path.startsWith('/f/')}
        />,
        opened.notice.status,
        privately,
      );
    }
    return c.html(
      <AnswerPage {...opened.page} action={c.req.path} form={form} error={error} />,
      status,
      privately,
    );
  };

  /** A signed-in member's own follow-up, by its id: as its link would open it, for them only. */
  const own = async (c: Context): Promise<Opened | null> => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope?.actor) return null;
    const followUp = await deps.db
      .selectFrom('follow_ups')
      .selectAll()
      .where('organization_id', '=', scope.org.id)
      .where('id', '=', Number(c.req.param('id')))
      .where('answerer_id', '=', scope.actor.id)
      .executeTakeFirst();
    return answerable(deps, followUp);
  };

  app.get('/answer/:token', async (c) => {
    const opened = await open(deps, c.req.param('token'));
    return show(c, opened, { outcome: c.req.query('outcome') });
  });
  app.post('/answer/:token', async (c) => answer(c, await open(deps, c.req.param('token'))));

  // The same page for whoever is signed in, from their day: /f/ID.
  app.get('/f/:id{[0-9]{1,9}}', async (c) => {
    const opened = await own(c);
    if (!opened) return c.html(<SignInPage />, 401);
    return show(c, opened, { outcome: c.req.query('outcome') });
  });
  app.post('/f/:id{[0-9]{1,9}}', async (c) => {
    const opened = await own(c);
    if (!opened) return c.html(<SignInPage />, 401);
    return answer(c, opened);
  });

  async function answer(c: Context, opened: Opened) {
    if ('notice' in opened) return show(c, opened, {});
    const body = await c.req.parseBody();
    const form: AnswerForm = {
      outcome: formField(body, 'outcome'),
      happened: formField(body, 'happened'),
      learned: formField(body, 'learned'),
      next: formField(body, 'next'),
      nextDue: formField(body, 'nextDue'),
    };
    if (!form.outcome) return show(c, opened, form, 'Choose done, partly or not done.', 400);
    try {
      const answered = await answerFollowUp(opened.scope, formatId('follow_up', opened.followUpId), {
        outcome: form.outcome as never,
        happened: form.happened?.trim() || undefined,
        learned: form.learned?.trim() || undefined,
        next: form.next?.trim() || undefined,
        nextDue: form.nextDue?.trim() || undefined,
      });
      // Answered from the day, in place: back to the day, which says so.
      if (formField(body, 'back') === '/') return c.redirect('/?saved=answered', 303);
      const heard = opened.hearer ? `${opened.hearer.name} hears your answer.` : 'Your answer is kept.';
      return c.html(
        <AnswerNotice
          title="Thank you"
          message={`${heard}${answered.next ? ` Next step: ${answered.next.what}.` : ''}`}
          back={c.req.path.startsWith('/f/')}
        />,
        200,
        privately,
      );
    } catch (error) {
      // Refused: the form comes back as it was typed, with what to change; nothing was saved.
      if (error instanceof AppError)
        return show(
          c,
          opened,
          form,
          error.message.replace(/--next-due/g, 'By when').replace(/--next/g, 'Next step'),
          error.status as ContentfulStatusCode,
        );
      throw error;
    }
  }
}
