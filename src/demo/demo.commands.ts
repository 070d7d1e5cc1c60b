import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { presentDay } from '../today/today.commands.js';
import { DEMO_WEEKS, demoManagerEmail } from './demo.script.js';

const getOrganization = lazy(() => import('../organizations/organizations.repository.js'), 'getOrganization');
const isEmptyOrganization = lazy(
  () => import('../organizations/organizations.repository.js'),
  'isEmptyOrganization',
);
const getPeople = lazy(() => import('../people/people.repository.js'), 'getPeople');
const myDay = lazy(() => import('../today/today.usecases.js'), 'myDay');
const runDemo = lazy(() => import('./demo.usecases.js'), 'runDemo');

export function registerDemo(program: Command, act: Act): void {
  example(
    program
      .command('demo')
      .description(
        `fill an empty data folder with a realistic team: a manager, 5 sellers, customers, ${DEMO_WEEKS} weeks of 1:1s`,
      ),
    'ft demo && ft --as mara@northwind.example',
  ).action(
    act(
      async ({ scope }) => {
        const result = await runDemo(scope.db, scope.clock, scope.org);
        return {
          json: result,
          text: `Demo ready: ${result.people} people, ${result.meetings} meetings, ${result.commitments} next steps over ${DEMO_WEEKS} weeks.\nSee the manager's day: ft --as ${demoManagerEmail}`,
        };
      },
      { createsData: true },
    ),
  );

  example(
    program
      .command('start')
      .description("first run: fill an empty data folder with the demo, then show the acting person's day"),
    'npm start',
  ).action(
    act(
      async ({ scope, style }) => {
        let intro = '';
        // Only a folder with nothing in it gets the demo: never mix it into someone's data.
        if (await isEmptyOrganization(scope.db, scope.org.id)) {
          const result = await runDemo(scope.db, scope.clock, scope.org);
          intro = `Demo data created: ${result.people} people, ${result.meetings} meetings over ${DEMO_WEEKS} weeks (${demoManagerEmail} is the manager).\n\n`;
          const org = await getOrganization(scope.db, scope.org.id);
          scope.actor = (await getPeople(scope.db, scope.org.id, [org.default_actor_id ?? -1]))[0] ?? null;
        }
        if (!scope.actor) return { json: { person: null, message: nobodyActs }, text: nobodyActs };
        const day = presentDay(await myDay(scope), style);
        return {
          json: day.json,
          text: `${intro}${day.text}\n\nNext, from this folder: npx ft --help, npx ft list --team ${scope.actor.email}, npx ft stats`,
        };
      },
      { createsData: true },
    ),
  );
}

const nobodyActs =
  'Nobody acts here yet, so there is no day to show. Add yourself with `ft person add "Your Name" --email you@example.com` (the first member added acts by default), or act as a member with --as EMAIL.';
