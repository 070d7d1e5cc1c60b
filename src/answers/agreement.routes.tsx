import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { getOrganization } from '../organizations/organizations.repository.js';
import { memberScope, type Scope } from '../organizations/scope.js';
import { getPeople } from '../people/people.repository.js';
import { AppError } from '../shared/errors.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';
import { type AgreementForm, AgreementPage } from './agreement.pages.js';
import { type AgreementAnswer, agreementText, answerAgreement } from './agreement.usecases.js';
import { answerKey, readSignedToken, tokenId } from './answer.links.js';
import { AnswerNotice } from './answer.pages.js';
import { brokenLink, formField, type LinkNotice, privately } from './link.pages.js';

type Opened =
  | LinkNotice
  | { scope: Scope; page: Omit<Parameters<typeof AgreementPage>[0], 'form' | 'action'> };

/** What an agreement link opens: the step, acting as its owner; or why it cannot. */
async function open(deps: ApiDeps, token: string): Promise<Opened> {
  const { db, clock } = deps;
  // The link is signed for the step's owner when it was sent: given to someone else since, it no longer works.
  const id = tokenId(token);
  const c =
    id === null
      ? undefined
      : await db.selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!c || c.owner_id === null) return brokenLink;
  const read = readSignedToken(await answerKey(db, clock), 'agree', token, clock.now(), c.owner_id);
  if ('refused' in read) {
    if (read.refused === 'invalid') return brokenLink;
    return {
      notice: {
        status: 410,
        title: 'This link has expired',
        message: 'Agreement links work for two weeks. Say it at your next 1:1 instead.',
      },
    };
  }
  const people = new Map(
    (
      await getPeople(db, c.organization_id, [c.owner_id, ...(c.delegated_by_id ? [c.delegated_by_id] : [])])
    ).map((p) => [p.id, p]),
  );
  const owner = people.get(c.owner_id);
  if (!owner || owner.deactivated_at) return brokenLink;
  if (c.status !== 'open' || c.agreed_at !== null || c.agreement_answered_at !== null) {
    return {
      notice: {
        status: 410,
        title: 'Answered already',
        message: `This step is ${c.status === 'open' ? agreementText(c) : c.status}: a link answers once. Thank you.`,
      },
    };
  }
  const org = await getOrganization(db, c.organization_id);
  return {
    scope: memberScope({ db, clock, publicUrl: deps.origin }, org, owner),
    page: {
      commitment: c,
      owner,
      delegator: c.delegated_by_id ? (people.get(c.delegated_by_id) ?? null) : null,
      now: clock.now(),
    },
  };
}

/**
 * `/agree/TOKEN`: the wrap-up's links for a delegated step's owner. GET shows the step and the
 * three answers (nothing changes by opening it: mail programs open links by themselves); POST
 * records the one chosen, once.
 */
export function registerAgreementPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  const show = (
    c: Context,
    opened: Opened,
    form: AgreementForm,
    error?: string,
    status: ContentfulStatusCode = 200,
  ) =>
    'notice' in opened
      ? c.html(
          <AnswerNotice title={opened.notice.title} message={opened.notice.message} />,
          opened.notice.status,
          privately,
        )
      : c.html(
          <AgreementPage {...opened.page} action={c.req.path} form={form} error={error} />,
          status,
          privately,
        );

  app.get('/agree/:token', async (c) =>
    show(c, await open(deps, c.req.param('token')), { do: c.req.query('do') }),
  );

  app.post('/agree/:token', async (c) => {
    const opened = await open(deps, c.req.param('token'));
    if ('notice' in opened) return show(c, opened, {});
    const body = await c.req.parseBody();
    const form: AgreementForm = {
      do: formField(body, 'do'),
      date: formField(body, 'date'),
      approach: formField(body, 'approach'),
      need: formField(body, 'need'),
    };
    const answer: AgreementAnswer | null =
      form.do === 'agree'
        ? { kind: 'agree' }
        : form.do === 'propose'
          ? { kind: 'propose', date: form.date, approach: form.approach }
          : form.do === 'help'
            ? { kind: 'help', need: form.need ?? '' }
            : null;
    if (!answer) return show(c, opened, form, 'Choose: agree, propose, or ask for what you need.', 400);
    try {
      const { told } = await answerAgreement(opened.scope, opened.page.commitment.id, answer);
      const message =
        answer.kind === 'agree'
          ? 'You agreed to this step. Your follow-up comes on its date.'
          : `${told ? `${told.name} has your ${answer.kind === 'propose' ? 'proposal' : 'ask'} by mail; it heads your next 1:1.` : 'Your answer is kept.'}`;
      return c.html(<AnswerNotice title="Thank you" message={message} />, 200, privately);
    } catch (error) {
      if (error instanceof AppError)
        return show(c, opened, form, error.message, error.status as ContentfulStatusCode);
      throw error;
    }
  });
}
