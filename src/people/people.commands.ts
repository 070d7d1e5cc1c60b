import type { Command } from 'commander';
import { type Act, example } from '../cli/command.js';
import { table } from '../cli/output.js';
import { personJson } from '../commitments/commitments.present.js';
import { addPerson, peopleDirectory } from './people.usecases.js';

export function registerPeople(program: Command, act: Act): void {
  const person = program.command('person').description('the team and their customers');

  example(
    person
      .command('add')
      .description('add a member (who can log in and manage or sell) or a customer contact')
      .argument('<name>', 'full name, like "Dana Ruiz"')
      .requiredOption('--email <email>', 'e-mail address, unique in the organization')
      .option('--manager <person>', "the member's manager (e-mail or name)")
      .option('--tz <zone>', "IANA time zone (default: the organization's)")
      .option('--contact', 'a customer contact, not a member')
      .option(
        '--partner <person>',
        'accountability partner: hears the follow-ups of their commitments to themselves',
      ),
    'ft person add "Mara Chen" --email mara@northwind.example --tz America/New_York',
    'ft person add "Dana Ruiz" --email dana@northwind.example --manager mara@northwind.example',
    'ft person add "Jo Park" --email jo@acme.example --contact',
  ).action(
    act(async ({ scope, args, options }) => {
      const p = await addPerson(scope, {
        name: args[0] as string,
        email: options.email as string,
        manager: options.manager as string | undefined,
        timeZone: options.tz as string | undefined,
        contact: options.contact === true,
        partner: options.partner as string | undefined,
      });
      return {
        json: { ...personJson(p), kind: p.kind, timeZone: p.time_zone },
        text: `Added ${p.name} <${p.email}>, ${p.kind === 'contact' ? 'contact' : 'member'}, ${p.time_zone}.`,
      };
    }),
  );

  example(
    person.command('list').description('everyone, with manager, zone and partner'),
    'ft person list',
  ).action(
    act(async ({ scope, style }) => {
      const people = await peopleDirectory(scope);
      return {
        json: people.map((p) => ({
          ...personJson(p),
          kind: p.kind,
          timeZone: p.time_zone,
          manager: personJson(p.manager),
          partner: personJson(p.partner),
        })),
        text:
          table(
            ['NAME', 'E-MAIL', 'KIND', 'MANAGER', 'ZONE', 'PARTNER'],
            people.map((p) => [
              p.name,
              p.email,
              p.kind,
              p.manager?.name ?? '',
              p.time_zone,
              p.partner?.name ?? '',
            ]),
            style,
          ) || 'Nobody yet. Add yourself: ft person add "Your Name" --email you@example.com',
      };
    }),
  );
}
