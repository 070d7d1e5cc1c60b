import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import { personJson } from '../commitments/commitments.present.js';
import { invalid } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { quoted } from '../shared/text.js';
import { personCardJson, personViewJson } from './people.present.js';

const deactivatePerson = lazy(() => import('./people.changes.js'), 'deactivatePerson');
const editPerson = lazy(() => import('./people.changes.js'), 'editPerson');
const peopleDirectory = lazy(() => import('./people.usecases.js'), 'peopleDirectory');
const registerPerson = lazy(() => import('./people.usecases.js'), 'registerPerson');

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
      .option('--company <name>', "a contact's company (default: from their e-mail, jo@acme.com → Acme)")
      .option(
        '--partner <person>',
        'accountability partner: hears the follow-ups of their commitments to themselves',
      ),
    'ft person add "Mara Chen" --email mara@northwind.example --tz America/New_York',
    'ft person add "Dana Ruiz" --email dana@northwind.example --manager mara@northwind.example',
    'ft person add "Jo Park" --email jo@acme.example --contact',
  ).action(
    act(async ({ scope, args, options, style }) => {
      const { person: p, warnings } = await registerPerson(scope, {
        name: args[0] as string,
        email: options.email as string,
        manager: options.manager as string | undefined,
        timeZone: options.tz as string | undefined,
        contact: options.contact === true,
        partner: options.partner as string | undefined,
        company: options.company as string | undefined,
      });
      const what = p.kind === 'contact' ? `contact${p.company ? ` at ${p.company}` : ''}` : 'member';
      return {
        json: { ...personCardJson(p), warnings },
        text: [
          `Added ${p.name} <${p.email}>, ${what}, ${p.time_zone}.`,
          ...warnings.map((w) => style.warn(`⚠ ${w}`)),
        ].join('\n'),
      };
    }),
  );

  example(
    person
      .command('list')
      .description('everyone, with manager, zone and partner')
      .option('--all', 'with the people who left'),
    'ft person list',
  ).action(
    act(async ({ scope, style, options }) => {
      const people = await peopleDirectory(scope, { all: options.all === true });
      return {
        json: people.map(personViewJson),
        text:
          table(
            ['NAME', 'E-MAIL', 'KIND', 'MANAGER', 'ZONE', 'PARTNER'],
            people.map((p) => [
              p.name,
              p.email,
              p.deactivated_at
                ? `${p.kind} (left)`
                : p.kind === 'contact' && p.company
                  ? `contact, ${p.company}`
                  : p.kind,
              p.manager?.name ?? '',
              p.time_zone,
              p.partner?.name ?? '',
            ]),
            style,
          ) || 'Nobody yet. Add yourself: ft person add "Your Name" --email you@example.com',
      };
    }),
  );

  const onOff = (value: unknown): boolean | undefined => {
    if (value === undefined) return undefined;
    const said = String(value).toLowerCase();
    if (said === 'on' || said === 'off') return said === 'on';
    throw invalid('invalid_digest', `--digest ${quoted(String(value))}: say on or off.`);
  };
  const optionalPerson = (value: unknown): string | null | undefined =>
    value === undefined ? undefined : String(value).toLowerCase() === 'none' ? null : String(value);

  example(
    person
      .command('edit')
      .description(
        "correct someone's name, e-mail, zone, manager, partner or company; turn a daily digest on or off",
      )
      .argument('<person>', 'e-mail or name')
      .option('--name <name>', 'full name')
      .option('--email <email>', 'e-mail address, unique in the organization')
      .option('--tz <zone>', 'IANA time zone: their open dates and follow-ups move with it')
      .option('--manager <person>', 'their manager ("none" for nobody)')
      .option('--partner <person>', 'their accountability partner ("none" for nobody)')
      .option('--company <name>', "a contact's company")
      .option(
        '--digest <on|off>',
        'a mail at 08:00 on working days with what is due today, overdue and waiting for an answer (silent when there is nothing)',
      ),
    'ft person edit dana@northwind.example --tz Europe/Berlin',
    'ft person edit me@northwind.example --digest on',
    'ft person edit "Jo Park" --email jo.park@acme.example',
  ).action(
    act(async ({ scope, args, options }) => {
      const result = await editPerson(scope, args[0] as string, {
        name: options.name as string | undefined,
        email: options.email as string | undefined,
        timeZone: options.tz as string | undefined,
        manager: optionalPerson(options.manager),
        partner: optionalPerson(options.partner),
        company: optionalPerson(options.company),
        digest: onOff(options.digest),
      });
      const p = result.person;
      const moved = result.commitmentsMoved
        ? `\n${result.commitmentsMoved} open commitment${result.commitmentsMoved === 1 ? '' : 's'} now end${result.commitmentsMoved === 1 ? 's' : ''} in ${p.time_zone}; their follow-ups moved with them.`
        : '';
      return {
        json: { ...personCardJson(p), changed: result.changed },
        text: `${p.name} <${p.email}> updated (${result.changed.map((k) => k.replace(/_id$/, '').replace('_', ' ')).join(', ')}).${moved}`,
      };
    }),
  );

  example(
    person
      .command('deactivate')
      .description('someone left: their open work goes to their manager (or --to), nothing is deleted')
      .argument('<person>', 'e-mail or name')
      .option('--to <person>', 'who takes their open commitments and plans (default: their manager)'),
    'ft person deactivate tom@northwind.example',
    'ft person deactivate jo@acme.example --to "Ken Ito"',
  ).action(
    act(async ({ scope, args, options }) => {
      const result = await deactivatePerson(scope, args[0] as string, options.to as string | undefined);
      const lines = [`${result.person.name} is deactivated; everything they did is kept.`];
      if (result.handed.length && result.heir) {
        lines.push(`Handed to ${result.heir.name}:`);
        for (const c of result.handed)
          lines.push(
            `  ${formatId('commitment', c.id)}  ${c.what}${c.due_date ? `, due ${c.due_date}` : ''}`,
          );
      } else lines.push('They owned no open commitments.');
      if (result.reports)
        lines.push(
          `${result.reports} report${result.reports === 1 ? '' : 's'} now report to ${result.heir?.name ?? 'their former manager'}.`,
        );
      return {
        json: {
          person: personJson(result.person),
          to: personJson(result.heir),
          handed: result.handed.map((c) => formatId('commitment', c.id)),
          reports: result.reports,
        },
        text: lines.join('\n'),
      };
    }),
  );
}
