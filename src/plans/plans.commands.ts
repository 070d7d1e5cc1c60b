import type { Command } from 'commander';
import { type Act, example } from '../cli/kit/command.js';
import { lazy } from '../cli/kit/lazy.js';
import { table } from '../cli/kit/output.js';
import { commitmentTable } from '../commitments/commitments.present.js';
import { formatId } from '../shared/ids.js';
import { planDetailJson, planJson, planRowJson } from './plans.present.js';
import { planKinds } from './plans.rules.js';

const addPlan = lazy(() => import('./plans.usecases.js'), 'addPlan');
const closePlan = lazy(() => import('./plans.usecases.js'), 'closePlan');
const planList = lazy(() => import('./plans.usecases.js'), 'planList');
const showPlan = lazy(() => import('./plans.usecases.js'), 'showPlan');

export function registerPlans(program: Command, act: Act): void {
  const plan = program
    .command('plan')
    .description('account and opportunity plans: a goal, a start, an end, and the commitments that serve it');

  example(
    plan
      .command('add')
      .description('add an account or opportunity plan; commit to it with --plan ID')
      .argument('<kind>', planKinds.join(' or '))
      .argument('<name>')
      .requiredOption('--owner <person>', 'who owns the plan')
      .option('--goal <text>', 'what winning looks like')
      .option('--company <name>', 'the customer it is with (notes that name it read it as that customer)')
      .option('--ends <date>', 'when it ends: a date or words like "end of quarter"')
      .option('--yes', 'accept an end more than a year ahead'),
    'ft plan add opportunity "Acme FY27 expansion" --owner dana@northwind.example --goal "Signed by 31 Dec" --ends 2026-12-31',
  ).action(
    act(async ({ scope, args, options }) => {
      const p = await addPlan(scope, {
        kind: args[0] as string,
        name: args[1] as string,
        owner: options.owner as string,
        goal: options.goal as string | undefined,
        ends: options.ends as string | undefined,
        company: options.company as string | undefined,
        yes: options.yes === true,
      });
      const id = formatId('plan', p.id);
      return {
        json: planJson(p),
        text: `${id} ${p.kind} plan "${p.name}". Commit to it with: ft commit "…" --plan ${id}`,
      };
    }),
  );

  example(
    plan.command('show').description("a plan's commitments and progress").argument('<id>'),
    'ft plan show p1',
  ).action(
    act(async ({ scope, args, today, style }) => {
      const shown = await showPlan(scope, args[0] as string);
      const { plan: p, progress } = shown;
      const head = [
        style.bold(`${formatId('plan', p.id)}  ${p.name}`),
        `  ${p.kind} plan, owner ${shown.owner?.name}, ${p.starts_on} → ${p.ends_on ?? 'open-ended'}, ${p.outcome}`,
        p.goal ? `  Goal: ${p.goal}` : null,
        `  Progress: ${progress.done}/${progress.total} done (${progress.percentDone}%), ${progress.open} open, ${progress.overdue} overdue, ${progress.missed} missed`,
      ].filter(Boolean);
      return {
        json: planDetailJson(shown),
        text: `${head.join('\n')}\n\n${commitmentTable(shown.items, today, style) || `No commitments yet: ft commit "…" --plan ${formatId('plan', p.id)}`}`,
      };
    }),
  );

  example(
    plan
      .command('close')
      .description('close a plan as won or lost')
      .argument('<id>')
      .requiredOption('--outcome <outcome>', 'won or lost')
      .option('--open-items <choice>', 'its open next steps: keep them open, or drop them', 'keep'),
    'ft plan close p1 --outcome won --open-items drop',
  ).action(
    act(async ({ scope, args, options }) => {
      const p = await closePlan(scope, args[0] as string, options.outcome as string, {
        openItems: options.openItems as string,
      });
      const dropped = p.dropped
        ? ` ${p.dropped === 1 ? '1 open step' : `${p.dropped} open steps`} dropped.`
        : '';
      return {
        json: { ...planJson(p), dropped: p.dropped },
        text: `${formatId('plan', p.id)} ${p.name}: ${p.outcome}.${dropped}`,
      };
    }),
  );

  example(
    plan
      .command('list')
      .description('account and opportunity plans, with their open next steps')
      .option('--owner <person>', "one person's")
      .option('--all', 'with the plans already won or lost'),
    'ft plan list --owner dana@northwind.example',
  ).action(
    act(async ({ scope, options, style }) => {
      const rows = await planList(scope, {
        owner: options.owner as string | undefined,
        all: options.all === true,
      });
      return {
        json: rows.map(planRowJson),
        text:
          table(
            ['ID', 'KIND', 'NAME', 'OWNER', 'ENDS', 'OUTCOME', 'OPEN STEPS'],
            rows.map(({ plan: p, owner, openItems }) => [
              formatId('plan', p.id),
              p.kind,
              p.name,
              owner?.name ?? '',
              p.ends_on ?? '',
              p.outcome,
              p.outcome === 'open' && openItems === 0 ? style.warn('0: no next step') : String(openItems),
            ]),
            style,
          ) || 'No plans yet: ft plan add account|opportunity NAME --owner EMAIL',
      };
    }),
  );
}
