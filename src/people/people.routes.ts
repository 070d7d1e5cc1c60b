import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { personJson } from '../commitments/commitments.present.js';
import { formatId } from '../shared/ids.js';
import { limits } from '../shared/text.js';
import { type ApiDeps, type ApiEnv, jsonBody, jsonResponse, scopeOf } from '../web/api.js';
import { inviteMember } from './invitations.usecases.js';
import { deactivatePerson, editPerson } from './people.changes.js';
import { personCardJson, personViewJson } from './people.present.js';
import { peopleDirectory, registerPerson, showPerson } from './people.usecases.js';

const invite = createRoute({
  method: 'post',
  path: '/api/v1/invitations',
  summary: 'An admin invites a member by e-mail: a link to choose a password, good once for 7 days',
  request: {
    body: jsonBody(
      z
        .object({
          name: z.string().min(1).max(limits.name),
          email: z.string().min(3).max(limits.email),
          manager: z.string().max(limits.email).optional(),
          timeZone: z.string().max(64).optional(),
        })
        .strict(),
    ),
  },
  responses: {
    201: jsonResponse('Who was invited, and until when the link works (the link itself goes only to them)'),
  },
});

const RefParam = z.object({
  ref: z
    .string()
    .min(1)
    .max(limits.email)
    .openapi({ description: 'an e-mail address or a name', example: 'dana@northwind.example' }),
});
const personRef = z.string().min(1).max(limits.email);

const list = createRoute({
  method: 'get',
  path: '/api/v1/people',
  summary: 'The organization’s people: members and customer contacts (an admin: those who left too)',
  request: {
    query: z
      .object({
        all: z
          .enum(['true', 'false'])
          .optional()
          .openapi({ description: 'with the people who left (an admin)' }),
      })
      .strict(),
  },
  responses: { 200: jsonResponse('{ people }') },
});

const show = createRoute({
  method: 'get',
  path: '/api/v1/people/{ref}',
  summary: 'One person, by e-mail or name',
  request: { params: RefParam },
  responses: { 200: jsonResponse('The person') },
});

const add = createRoute({
  method: 'post',
  path: '/api/v1/people',
  summary: 'An admin adds a member (without an account: invite them for that) or a customer contact',
  request: {
    body: jsonBody(
      z
        .object({
          name: z.string().min(1).max(limits.name),
          email: z.string().min(3).max(limits.email),
          manager: personRef.optional(),
          timeZone: z.string().max(64).optional(),
          contact: z.boolean().optional(),
          partner: personRef.optional(),
          company: z.string().max(limits.company).optional(),
        })
        .strict(),
    ),
  },
  responses: { 201: jsonResponse('The person, and warnings about namesakes') },
});

const edit = createRoute({
  method: 'patch',
  path: '/api/v1/people/{ref}',
  summary:
    'Correct someone: an admin anything; a member their own name, time zone, accountability partner and daily digest',
  description: 'A new time zone moves the due instants of their open commitments and their follow-ups.',
  request: {
    params: RefParam,
    body: jsonBody(
      z
        .object({
          name: z.string().max(limits.name).optional(),
          email: z.string().max(limits.email).optional(),
          timeZone: z.string().max(64).optional(),
          manager: personRef.nullable().optional().openapi({ description: 'null for nobody' }),
          partner: personRef.nullable().optional().openapi({ description: 'null for nobody' }),
          company: z.string().max(limits.company).nullable().optional(),
          digest: z
            .boolean()
            .optional()
            .openapi({ description: 'a mail at 08:00 local on working days: due today, overdue, to answer' }),
        })
        .strict(),
    ),
  },
  responses: { 200: jsonResponse('The person, and what changed') },
});

const deactivate = createRoute({
  method: 'post',
  path: '/api/v1/people/{ref}/deactivate',
  summary: 'An admin records that someone left: their open work goes to their manager (or `to`)',
  request: {
    params: RefParam,
    body: jsonBody(z.object({ to: personRef.optional() }).strict(), { required: false }),
  },
  responses: { 200: jsonResponse('Who left, who took their work, and what they took') },
});

/** People over HTTP: the same use cases as `ft person`, and inviting a member. */
export function registerPeopleRoutes(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.openapi(list, async (c) => {
    const people = await peopleDirectory(scopeOf(c), { all: c.req.valid('query').all === 'true' });
    return c.json({ people: people.map(personViewJson) }, 200);
  });

  app.openapi(show, async (c) =>
    c.json(personViewJson(await showPerson(scopeOf(c), c.req.valid('param').ref)), 200),
  );

  app.openapi(add, async (c) => {
    const { person, warnings } = await registerPerson(scopeOf(c), c.req.valid('json'));
    return c.json({ ...personCardJson(person), warnings }, 201);
  });

  app.openapi(edit, async (c) => {
    const scope = scopeOf(c);
    const result = await editPerson(scope, c.req.valid('param').ref, c.req.valid('json'));
    return c.json(
      {
        ...personCardJson(result.person),
        changed: result.changed,
        commitmentsMoved: result.commitmentsMoved,
      },
      200,
    );
  });

  app.openapi(deactivate, async (c) => {
    const body = c.req.valid('json') ?? {};
    const result = await deactivatePerson(scopeOf(c), c.req.valid('param').ref, body.to);
    return c.json(
      {
        person: personJson(result.person),
        to: personJson(result.heir),
        handed: result.handed.map((h) => formatId('commitment', h.id)),
        reports: result.reports,
      },
      200,
    );
  });

  app.openapi(invite, async (c) => {
    const { person, invitation } = await inviteMember(scopeOf(c), c.req.valid('json'), deps.origin);
    return c.json(
      { person: { name: person.name, email: person.email }, expiresAt: invitation.expires_at },
      201,
    );
  });
}
