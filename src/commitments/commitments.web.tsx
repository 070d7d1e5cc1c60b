import type { OpenAPIHono } from '@hono/zod-openapi';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { recordAgreement } from '../answers/agreement.usecases.js';
import { SignInPage } from '../auth/auth.pages.js';
import type { Person } from '../db/schema.js';
import { markDone } from '../followups/followups.usecases.js';
import type { Scope } from '../organizations/scope.js';
import { accessOf, mayChange } from '../policy/policy.js';
import { AppError, notFound } from '../shared/errors.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';
import { sessionScope } from '../web/session.js';
import { editCommitment, reopenCommitment } from './commitments.edit.js';
import { CommitmentPage, type PageAction, pageActions, type SentForm } from './commitments.pages.js';
import { dropCommitment, markMissed, moveDue, reassign } from './commitments.usecases.js';
import { showCommitment } from './commitments.usecases.query.js';

/** What each form does, with the fields it sent; each goes through the same use case as `ft`. */
const perform: Record<
  PageAction,
  (scope: Scope, ref: string, f: Record<string, string>) => Promise<unknown>
> = {
  done: (scope, ref, f) => markDone(scope, ref, f.note || undefined),
  move: (scope, ref, f) => moveDue(scope, ref, f.due ?? '', f.reason ?? ''),
  missed: (scope, ref, f) => markMissed(scope, ref, f.note || undefined),
  drop: (scope, ref, f) => dropCommitment(scope, ref, f.reason ?? ''),
  reopen: (scope, ref, f) => reopenCommitment(scope, ref, f.reason ?? ''),
  reassign: (scope, ref, f) => reassign(scope, ref, f.owner ?? '', f.reason || undefined),
  agree: (scope, ref) => recordAgreement(scope, ref),
  date: (scope, ref, f) => editCommitment(scope, ref, { due: f.due ?? '' }),
  edit: (scope, ref, f) => editCommitment(scope, ref, { what: f.what ?? '', outcome: f.outcome ?? '' }),
};

/** What the page says once a form was taken. */
const savedText: Record<PageAction, string> = {
  done: 'Marked done.',
  move: 'The date moved; its follow-up moved with it.',
  missed: 'Recorded as missed.',
  drop: 'Dropped.',
  reopen: 'Open again.',
  reassign: 'It has a new owner, who hears its follow-up.',
  agree: 'Recorded: its owner agrees.',
  date: 'It has a date now, and a follow-up the working day after.',
  edit: 'Saved.',
};

/** Where a form may send the reader back to: their day, or else the page itself. */
const BACK_TO = /^\/$/;

async function render(scope: Scope, id: string, extra: { sent?: SentForm; saved?: string }) {
  const reader = scope.actor as Person;
  const shown = await showCommitment(scope, `c${id}`);
  const emails = shown.events.flatMap((e) => {
    const data = JSON.parse(e.data) as Record<string, unknown>;
    return ['owner', 'to', 'from']
      .map((k) => data[k])
      .filter((v): v is string => typeof v === 'string' && v.includes('@'));
  });
  const named = emails.length
    ? await scope.db
        .selectFrom('people')
        .selectAll()
        .where('organization_id', '=', scope.org.id)
        .where('email', 'in', [...new Set(emails.map((e) => e.toLowerCase()))])
        .execute()
    : [];
  return (
    <CommitmentPage
      reader={reader}
      view={shown.view}
      events={shown.events}
      people={{ byId: shown.people, byEmail: new Map(named.map((p) => [p.email.toLowerCase(), p])) }}
      now={scope.clock.now()}
      mayChange={mayChange(await accessOf(scope), shown.view.commitment)}
      sent={extra.sent}
      saved={extra.saved}
    />
  );
}

/**
 * `/c/ID`: a commitment's page, for whoever may see it; its forms post to `/c/ID/ACTION` and
 * come back to it (or to the reader's day) with what was done said, or, refused, with the
 * reason and what was typed kept.
 */
export function registerCommitmentPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/c/:id{c?[0-9]{1,9}}', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const done = c.req.query('saved') as PageAction | undefined;
    const saved = done && pageActions.includes(done) ? savedText[done] : undefined;
    return c.html(await render(scope, c.req.param('id').replace(/^c/, ''), { saved }));
  });

  app.post('/c/:id{c?[0-9]{1,9}}/:action{[a-z]+}', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const id = c.req.param('id').replace(/^c/, '');
    const action = c.req.param('action') as PageAction;
    if (!pageActions.includes(action))
      throw notFound('action', action, `The page offers ${pageActions.join(', ')}.`);
    const body = await c.req.parseBody();
    const fields = Object.fromEntries(
      Object.entries(body).flatMap(([key, value]) => (typeof value === 'string' ? [[key, value]] : [])),
    );
    try {
      await perform[action](scope, `c${id}`, fields);
    } catch (error) {
      // Refused: the page again, saying why, with what was typed; nothing changed.
      if (!(error instanceof AppError) || error.status === 404 || error.status === 403) throw error;
      return c.html(
        await render(scope, id, { sent: { action, fields, error: error.message } }),
        error.status as ContentfulStatusCode,
      );
    }
    const back =
      fields.back && BACK_TO.test(fields.back)
        ? `${fields.back}?saved=${action}`
        : `/c/${id}?saved=${action}`;
    return c.redirect(back, 303);
  });
}
