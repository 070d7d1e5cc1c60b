import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { SignInPage } from '../auth/auth.pages.js';
import type { Person } from '../db/schema.js';
import { type Scope, today } from '../organizations/scope.js';
import { getPeople, listPeople, managerLinks } from '../people/people.repository.js';
import { accessOf } from '../policy/policy.js';
import { invalid } from '../shared/errors.js';
import type { ApiDeps, ApiEnv } from '../web/api.js';
import { sessionScope } from '../web/session.js';
import { InsightsPage, insightsCsv, sortRows, TeamPage, type TeamSort, teamColumns } from './stats.pages.js';
import { insights, teamTable } from './stats.team.js';

/** `who=team:EMAIL`, `who=person:EMAIL`, or the older `team=` and `person=`: whose numbers. */
function askOf(c: Context<ApiEnv>): {
  ask: { person?: string; team?: string };
  query: string;
  chosen: string;
} {
  const who = c.req.query('who') ?? '';
  const [kind, ...rest] = who.split(':');
  const ref = rest.join(':');
  if (who && (!ref || (kind !== 'team' && kind !== 'person'))) {
    throw invalid('invalid_who', 'Choose whose numbers from the list: a person, or a team.');
  }
  const team = kind === 'team' ? ref : c.req.query('team');
  const person = kind === 'person' ? ref : c.req.query('person');
  const ask = person ? { person } : team ? { team } : {};
  const chosen = person ? `person:${person}` : team ? `team:${team}` : '';
  return { ask, query: chosen ? `who=${encodeURIComponent(chosen)}` : '', chosen };
}

/** Whose numbers a CSV holds, in its file name: "dana-team", "dana", "everyone" (letters and digits only). */
const whoseFile = (subject: { kind: string; person: Person | null }) =>
  subject.person
    ? `${subject.person.email.split('@')[0]?.replace(/[^a-z0-9]+/gi, '-') ?? 'someone'}${subject.kind === 'team' ? '-team' : ''}`
    : 'everyone';

/** Whose insights the reader may ask for: their team, themselves, and each person below them. */
async function choicesOf(scope: Scope) {
  const reader = scope.actor as Person;
  const access = await accessOf(scope);
  const links = await managerLinks(scope.db, scope.org.id);
  // The reader's line (everyone, for an admin): read by id, not the whole directory.
  const line = access.everything
    ? await listPeople(scope.db, scope.org.id)
    : await getPeople(scope.db, scope.org.id, access.mine);
  const people = line.filter((p) => p.kind === 'member' && !p.deactivated_at);
  const managers = new Set(links.map((l) => l.manager_id));
  const choices = [
    { value: '', label: reader.role === 'admin' ? 'Default: my team, or everyone' : 'My team' },
  ];
  for (const p of people.sort((a, b) => a.name.localeCompare(b.name))) {
    choices.push({ value: `person:${p.email}`, label: p.id === reader.id ? `${p.name} (me)` : p.name });
    // The reader's own team is the default, listed first.
    if (managers.has(p.id) && p.id !== reader.id)
      choices.push({ value: `team:${p.email}`, label: `${p.name}’s team` });
  }
  return choices;
}

/** The team page and the insights, for whoever may see the people they show (the policy's rule for stats). */
export function registerStatsPages(app: OpenAPIHono<ApiEnv>, deps: ApiDeps): void {
  app.get('/team', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const { ask, query } = askOf(c);
    const asked = c.req.query('sort') ?? 'name';
    const sort = (teamColumns.some(([key]) => key === asked) ? asked : 'name') as TeamSort;
    const dir = c.req.query('dir') === 'desc' ? 'desc' : 'asc';
    const table = await teamTable(scope, ask.person ? { team: ask.person } : ask);
    return c.html(
      <TeamPage
        reader={scope.actor as Person}
        subject={table.subject}
        rows={c.req.query('sort') ? sortRows(table.rows, sort, dir) : table.rows}
        since={table.since}
        weeks={table.weeks}
        today={today(scope)}
        sort={sort}
        dir={dir}
        query={query}
      />,
    );
  });

  app.get('/insights', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const { ask, query, chosen } = askOf(c);
    const [found, choices] = await Promise.all([insights(scope, ask), choicesOf(scope)]);
    return c.html(
      <InsightsPage
        reader={scope.actor as Person}
        subject={found.subject}
        weeks={found.weeks}
        stalled={found.stalled}
        today={today(scope)}
        choices={choices}
        chosen={chosen}
        query={query}
      />,
    );
  });

  app.get('/insights.csv', async (c) => {
    const scope = await sessionScope(deps, c.req.raw.headers);
    if (!scope) return c.html(<SignInPage />, 401);
    const found = await insights(scope, askOf(c).ask);
    return c.body(insightsCsv(found.weeks), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="followthrough-insights-${whoseFile(found.subject)}-${today(scope)}.csv"`,
    });
  });
}
