import type { CoachVerdict } from '../coach/coach.classify.js';
import { flagWords, isFlag, isManager } from '../coach/coach.usecases.js';
import { recordEvent } from '../commitments/commitments.events.js';
import { getCommitment } from '../commitments/commitments.repository.js';
import { inTransaction } from '../db/database.js';
import { nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { enqueue, type NewMessage } from '../outbox/outbox.repository.js';
import { getPeople } from '../people/people.repository.js';
import { invalid, notFound } from '../shared/errors.js';
import { formatId } from '../shared/ids.js';
import { limits, multiLine } from '../shared/text.js';
import { firstName } from './followups.messages.js';

export interface HeardReply {
  /** Whether the words went on to whoever answered. */
  relayed: boolean;
  /** The coach's reading, when the writer manages people and it found a buy-back or limbo. */
  flag: CoachVerdict | null;
}

/**
 * The hearer of an answer (the delegator, or the accountability partner) writes back, by
 * replying to the answer's mail. The words join the step's timeline and go on to whoever
 * answered; a manager's words are read by the coach, and a buy-back or limbo comes back to
 * them at once with the coach's suggestion (and is kept for the stats). `key` makes one mail
 * count once, however often it is delivered.
 */
export async function replyToAnswer(
  scope: Scope,
  followUpId: number,
  text: string,
  key: string,
): Promise<HeardReply> {
  const hearer = requireActor(scope);
  const words = multiLine(text, 'A reply', limits.note);
  if (!words) throw invalid('empty_reply', 'Write a few words above the quoted answer.');
  return inTransaction(scope.db, async (trx) => {
    const f = await trx
      .selectFrom('follow_ups')
      .selectAll()
      .where('organization_id', '=', scope.org.id)
      .where('id', '=', followUpId)
      .executeTakeFirst();
    const c = f ? await getCommitment(trx, scope.org.id, f.commitment_id) : undefined;
    if (!f || !c || f.hearer_id !== hearer.id || f.status !== 'answered') {
      throw notFound('follow-up answer', formatId('follow_up', followUpId), 'Reply to an answer you heard.');
    }
    const at = nowIso(scope);
    const [answerer] = await getPeople(trx, scope.org.id, [f.answerer_id]);
    const relayed = Boolean(
      answerer && answerer.id !== hearer.id && answerer.kind === 'member' && !answerer.deactivated_at,
    );
    const messages: NewMessage[] = [];
    if (answerer && relayed) {
      messages.push({
        kind: 'answer_reply',
        idempotency_key: `answer_reply:${f.id}:${key}`,
        recipient_id: answerer.id,
        recipient_email: answerer.email,
        subject: `Re: ${c.what}`.slice(0, limits.what),
        body: [
          `Hi ${firstName(answerer)},`,
          '',
          `${hearer.name} replied to your answer on "${c.what}":`,
          '',
          ...words.split('\n').map((line) => `  ${line}`),
        ].join('\n'),
        late: 0,
        follow_up_id: f.id,
        commitment_id: c.id,
      });
    }
    let flag: CoachVerdict | null = null;
    // The same mail delivered again (a mail server retrying) counts once.
    const heard = await trx
      .selectFrom('commitment_events')
      .select('data')
      .where('organization_id', '=', scope.org.id)
      .where('commitment_id', '=', c.id)
      .where('kind', '=', 'hearer_replied')
      .execute();
    if (heard.some((e) => (JSON.parse(String(e.data)) as { mail?: unknown }).mail === key)) {
      return { relayed, flag: null };
    }
    await recordEvent(trx, { ...scope, db: trx }, c.id, 'hearer_replied', {
      follow_up: formatId('follow_up', f.id),
      text: words,
      mail: key,
    });
    if (await isManager(trx, scope, hearer)) {
      const verdict = await flagWords(trx, scope, hearer, words, 'answer', {
        commitmentId: c.id,
        followUpId: f.id,
      });
      if (isFlag(verdict)) {
        flag = verdict;
        const name = verdict.label === 'buy_back' ? 'buying the task back' : 'leaving the next step in limbo';
        messages.push({
          kind: 'coach',
          idempotency_key: `coach:${f.id}:${key}`,
          recipient_id: hearer.id,
          recipient_email: hearer.email,
          subject: `Coach: ${c.what}`.slice(0, limits.what),
          body: [
            `Hi ${firstName(hearer)},`,
            '',
            `Your reply to ${answerer?.name ?? 'the answer'} reads as ${name} ("${verdict.cues.join('", "')}").`,
            verdict.suggestion ? `Try instead: "${verdict.suggestion}"` : '',
            '',
            `The step stays ${answerer && c.owner_id === answerer.id ? `${firstName(answerer)}'s` : 'with its owner'}: agree the next step with one owner, an outcome and a date.`,
          ]
            .filter((line, i, all) => line !== '' || all[i - 1] !== '')
            .join('\n'),
          late: 0,
          follow_up_id: f.id,
          commitment_id: c.id,
        });
      }
    }
    await enqueue(trx, scope.org.id, at, messages);
    return { relayed, flag };
  });
}
