import { recordEvent } from '../commitments/commitments.events.js';
import { parseDue } from '../dates/dates.options.js';
import { inTransaction } from '../db/database.js';
import { forUpdate } from '../db/dialect.js';
import type { Commitment, Person } from '../db/schema.js';
import { firstName } from '../followups/followups.messages.js';
import { nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { enqueue } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import { commitmentFor } from '../policy/policy.js';
import { conflict, invalid, notFound } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { limits, oneLine, quoted } from '../shared/text.js';
import { localDate, shortDate } from '../shared/time.js';

/** What an owner said to a step delegated to them: yes; another date or approach; or what they need. */
export type AgreementAnswer =
  | { kind: 'agree' }
  | { kind: 'propose'; date?: string | undefined; approach?: string | undefined }
  | { kind: 'help'; need: string };

/** Whether a step still waits for its owner's word: delegated, open, and neither agreed nor answered. */
export const awaitsAgreement = (c: Commitment): boolean =>
  c.status === 'open' &&
  c.agreed_at === null &&
  c.agreement_answered_at === null &&
  c.delegated_by_id !== null &&
  c.owner_id !== null &&
  c.owner_id !== c.delegated_by_id;

/**
 * The owner of a delegated step answers the wrap-up's question, once: they agree; or they
 * propose another date or approach; or they ask for what they need. A proposal or an ask
 * reaches whoever delegated the step by mail and heads their next agenda with its owner.
 */
export async function answerAgreement(scope: Scope, commitmentId: number, answer: AgreementAnswer) {
  const actor = requireActor(scope);
  return inTransaction(scope.db, async (trx) => {
    // Locked until the answer is written: two clicks at once queue, and the second is refused.
    const c = await forUpdate(
      trx,
      trx
        .selectFrom('commitments')
        .selectAll()
        .where('organization_id', '=', scope.org.id)
        .where('id', '=', commitmentId),
    ).executeTakeFirst();
    const id = formatId('commitment', commitmentId);
    if (!c || c.owner_id !== actor.id) throw notFound('commitment', id, 'Only its owner answers for a step.');
    if (c.status !== 'open')
      throw conflict('commitment_closed', `${id} is ${c.status} already: nothing to agree.`);
    if (c.agreed_at !== null || c.agreement_answered_at !== null) {
      throw conflict('agreement_answered', `${id} was answered already: ${agreementText(c)}.`);
    }
    const at = nowIso(scope);
    if (answer.kind === 'agree') {
      await trx.updateTable('commitments').set({ agreed_at: at }).where('id', '=', c.id).execute();
      await recordEvent(trx, { ...scope, db: trx }, c.id, 'agreed');
      return { commitment: { ...c, agreed_at: at }, told: null };
    }
    const text = answer.kind === 'propose' ? proposalText(scope, actor, answer) : needText(answer.need);
    const values = answer.kind === 'propose' ? { proposal: text } : { help_asked: text };
    await trx
      .updateTable('commitments')
      .set({ ...values, agreement_answered_at: at })
      .where('id', '=', c.id)
      .execute();
    await recordEvent(
      trx,
      { ...scope, db: trx },
      c.id,
      answer.kind === 'propose' ? 'proposed' : 'asked_for_help',
      {
        [answer.kind === 'propose' ? 'proposal' : 'needs']: text,
      },
    );
    const [delegator] = c.delegated_by_id ? await getPeople(trx, scope.org.id, [c.delegated_by_id]) : [];
    if (delegator && !delegator.deactivated_at)
      await tell(trx, scope, c, actor, delegator, answer.kind, text, at);
    return { commitment: { ...c, ...values, agreement_answered_at: at }, told: delegator ?? null };
  });
}

/**
 * Records that a delegated step's owner agrees to it, once a proposal or an ask for help is
 * settled (or they said so in person): by its owner, or by whoever may change the step (its
 * delegator, their manager). It then heads no agenda as waiting for agreement.
 */
export async function recordAgreement(scope: Scope, ref: string): Promise<Commitment> {
  const actor = requireActor(scope);
  return inTransaction(scope.db, async (trx) => {
    const found = await commitmentFor({ ...scope, db: trx }, ref, 'change');
    // Locked until the agreement is written: a click on the wrap-up's link at the same moment waits.
    const c = await forUpdate(
      trx,
      trx.selectFrom('commitments').selectAll().where('id', '=', found.id),
    ).executeTakeFirstOrThrow();
    const id = formatId('commitment', c.id);
    if (c.status !== 'open')
      throw conflict('commitment_closed', `${id} is ${c.status} already: nothing to agree.`);
    if (c.delegated_by_id === null || c.owner_id === null || c.owner_id === c.delegated_by_id) {
      throw conflict('nothing_to_agree', `${id} was not delegated: its owner set it themselves.`);
    }
    if (c.agreed_at !== null) throw conflict('agreed_already', `${id} was agreed already.`);
    const at = nowIso(scope);
    await trx.updateTable('commitments').set({ agreed_at: at }).where('id', '=', c.id).execute();
    await recordEvent(trx, { ...scope, db: trx }, c.id, 'agreed', {
      recorded_by: actor.id === c.owner_id ? undefined : actor.email,
      after: agreementText(c) === 'not yet agreed' ? undefined : agreementText(c),
    });
    return { ...c, agreed_at: at };
  });
}

/** What the owner said, in a few words: for the agenda, the timeline and a second click. */
export function agreementText(c: Commitment): string {
  if (c.proposal) return `proposed ${c.proposal}`;
  if (c.help_asked) return `asked for ${c.help_asked}`;
  return c.agreed_at ? 'agreed' : 'not yet agreed';
}

function proposalText(
  scope: Scope,
  owner: Person,
  answer: Extract<AgreementAnswer, { kind: 'propose' }>,
): string {
  const approach = answer.approach?.trim() ? oneLine(answer.approach, 'The approach', limits.reason) : '';
  let date = '';
  if (answer.date?.trim()) {
    const due = parseDue(answer.date.trim(), {
      now: scope.clock.now(),
      zone: owner.time_zone,
      option: 'The date',
    });
    if (due.kind !== 'date') {
      throw invalid(
        'vague_due',
        `The date ${quoted(answer.date)} is not a day; say one, like friday or Dec 4.`,
      );
    }
    // Said without "in 3 days": the text is kept, and read later.
    date =
      shortDate(due.due.date, localDate(scope.clock.now(), owner.time_zone)) +
      (due.due.time ? ` ${due.due.time}` : '');
  }
  if (!date && !approach) {
    throw invalid('empty_proposal', 'Propose a date, an approach, or both.');
  }
  return [date && `a new date, ${date}`, approach].filter(Boolean).join(': ');
}

function needText(need: string): string {
  const text = oneLine(need, 'What you need', limits.reason);
  if (!text) throw invalid('empty_need', 'Say what you need: resources, help, a decision.');
  return text;
}

async function tell(
  db: Scope['db'],
  scope: Scope,
  c: Commitment,
  owner: Person,
  delegator: Person,
  kind: 'propose' | 'help',
  text: string,
  at: string,
) {
  const id = formatId('commitment', c.id);
  const first = firstName(delegator);
  const body =
    kind === 'propose'
      ? [
          `Hi ${first},`,
          '',
          `${owner.name} does not agree to "${c.what}" as it stands, and proposes ${text}.`,
          '',
          `It heads your next 1:1 with ${owner.name}. To take it now: ft move ${id} DATE --reason "…", or ft edit ${id}.`,
        ]
      : [
          `Hi ${first},`,
          '',
          `${owner.name} needs something for "${c.what}": ${text}.`,
          '',
          `It heads your next 1:1 with ${owner.name}.`,
        ];
  await enqueue(db, scope.org.id, at, [
    {
      kind: 'agreement',
      idempotency_key: `agreement:${c.id}`,
      recipient_id: delegator.id,
      recipient_email: delegator.email,
      subject:
        kind === 'propose'
          ? `${owner.name} proposes another date or approach: ${c.what}`
          : `${owner.name} needs something: ${c.what}`,
      body: body.join('\n'),
      late: 0,
      commitment_id: c.id,
    },
  ]);
}
