import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { SignInPage } from '../auth/auth.pages.js';
import { makeCommitment } from '../commitments/commitments.usecases.js';
import type { Person } from '../db/schema.js';
import { type Scope, today } from '../organizations/scope.js';
import { peopleDirectory } from '../people/people.usecases.js';
import { accessOf, mayActFor } from '../policy/policy.js';
import { AppError } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';
import { formFields, pageText, type SentForm } from '../web/parts.js';
import { sessionScope } from '../web/session.js';
import { PlanPage, PlansPage } from './plans.pages.js';
import { addPlan, closePlan, planList, showPlan } from './plans.usecases.js';

const ID = ':id{p?[0-9]{1,9}}';
const refOf = (c: Context<ApiEnv>) => `p${c.req.param('id')?.replace(/^p/, '')}`;

async function plansPage(scope: Scope, all: boolean, sent?: SentForm) {
  const [rows, people] = await Promise.all([planList(scope, { all }), peopleDirectory(scope)]);
  return (
    <PlansPage
      reader={scope.actor as Person}
      today={today(scope)}
      rows={rows}
      all={all}
      people={people.filter((p) => p.kind === 'member')}
      sent={sent}
    />
  );
}

async function planPage(scope: Scope, ref: string, extra: { sent?: SentForm; saved?: string } = {}) {
  const shown = await showPlan(scope, ref);
  return (
    <PlanPage
      reader={scope.actor as Person}
      today={today(scope)}
      shown={shown}
      mayChange={mayActFor(await accessOf(scope), shown.plan.owner_id)}
      people={await peopleDirectory(scope)}
      {...extra}
    />
  );
}

const savedText: Record<string, string> = {
  added: 'The plan is added: tie next steps to it here, or in a meeting that reviews it.',
  step: 'The step is added.',
  won: 'Closed as won.',
  lost: 'Closed as lost.',
};

/** A refusal the reader can mend by changing what they typed (a name, a date, a missing field). */
const mendable = (error: unknown): error is AppError => error instanceof AppError && error.status < 500;

/** `/plans` and `/plans/ID`: plans, their steps and progress, adding and closing them. */
export function registerPlanPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/plans', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    return c.html(await plansPage(scope, c.req.query('all') === '1'));
  });

  app.post('/plans', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const { one: f } = await formFields(c.req);
    try {
      const plan = await addPlan(scope, {
        kind: f.kind ?? '',
        name: f.name ?? '',
        owner: f.owner ?? '',
        goal: f.goal || undefined,
        company: f.company || undefined,
        ends: f.ends || undefined,
      });
      return c.redirect(`/plans/${plan.id}?saved=added`, 303);
    } catch (error) {
      if (!mendable(error)) throw error;
      const sent = { form: 'add', fields: f, error: pageText(error.message) };
      return c.html(await plansPage(scope, false, sent), error.status as ContentfulStatusCode);
    }
  });

  app.get(`/plans/${ID}`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const saved = savedText[c.req.query('saved') ?? ''];
    return c.html(await planPage(scope, refOf(c), saved ? { saved } : {}));
  });

  app.post(`/plans/${ID}/step`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const ref = refOf(c);
    const { one: f } = await formFields(c.req);
    const plan = await showPlan(scope, ref);
    try {
      await makeCommitment(scope, {
        what: f.what ?? '',
        owner: f.owner ?? '',
        due: f.due ?? '',
        outcome: f.outcome || undefined,
        plan: formatId('plan', plan.plan.id),
      });
    } catch (error) {
      // The plan was found above: a name not found here is the owner typed.
      if (!mendable(error)) throw error;
      const sent = { form: 'step', fields: f, error: pageText(error.message) };
      return c.html(await planPage(scope, ref, { sent }), error.status as ContentfulStatusCode);
    }
    return c.redirect(`/plans/${plan.plan.id}?saved=step`, 303);
  });

  app.post(`/plans/${ID}/close`, async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const ref = refOf(c);
    const { one: f } = await formFields(c.req);
    try {
      const plan = await closePlan(scope, ref, f.outcome ?? '', { openItems: f.openItems || undefined });
      return c.redirect(`/plans/${plan.id}?saved=${plan.outcome}`, 303);
    } catch (error) {
      if (!mendable(error) || error.status === 404) throw error;
      const sent = { form: 'close', fields: f, error: pageText(error.message) };
      return c.html(await planPage(scope, ref, { sent }), error.status as ContentfulStatusCode);
    }
  });
}
