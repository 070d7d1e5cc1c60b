import { createHash, randomBytes } from 'node:crypto';
import { type AccountsDeps, createAccount } from '../auth/accounts.usecases.js';
import { inTransaction } from '../db/database.js';
import type { Invitation, Person } from '../db/schema.js';
import { getOrganization } from '../organizations/organizations.repository.js';
import { nowIso, requireActor, type Scope } from '../organizations/scope.js';
import { enqueue } from '../outbox/outbox.repository.js';
import { accessOf, mayManagePeople } from '../policy/policy.js';
import { AppError, conflict } from '../shared/errors.js';
import { describeInstant, localDate } from '../shared/time.js';
import { findByEmail, getPeople } from './people.repository.js';
import { addPerson, checkEmail, type NewPersonInput } from './people.usecases.js';

/** How long an invitation's link works. */
export const INVITATION_DAYS = 7;

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * An admin invites a member by e-mail: the member is added (or found, when they are here
 * without an account) and an outbox message carries a link that works once, for seven days.
 * The invitation keeps only the link's hash; the link itself is in the message to the member,
 * until it is delivered. A new invitation to the same person replaces the one before.
 */
export async function inviteMember(scope: Scope, input: NewPersonInput, baseUrl: string) {
  const actor = requireActor(scope);
  if (!mayManagePeople(await accessOf(scope))) {
    throw new AppError('not_allowed', 'Only an admin may invite people.', 403);
  }
  const email = await checkEmail(input.email);
  const token = randomBytes(32).toString('base64url');
  const now = scope.clock.now();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString();
  return inTransaction(scope.db, async (trx) => {
    const inner = { ...scope, db: trx };
    const existing = await findByEmail(trx, scope.org.id, email);
    if (existing && (existing.kind !== 'member' || existing.deactivated_at)) {
      throw conflict(
        'not_a_member',
        `${email} is here as a contact or someone who left: only members are invited.`,
      );
    }
    if (existing?.user_id) throw conflict('account_exists', `${existing.name} has an account already.`);
    const person = existing ?? (await addPerson(inner, { ...input, email, contact: false }));
    // Whatever link was sent before stops working: only the newest one does.
    await trx
      .updateTable('invitations')
      .set({ expires_at: nowIso(scope) })
      .where('organization_id', '=', scope.org.id)
      .where('person_id', '=', person.id)
      .where('accepted_at', 'is', null)
      .execute();
    const invitation = await trx
      .insertInto('invitations')
      .values({
        organization_id: scope.org.id,
        person_id: person.id,
        invited_by_id: actor.id,
        token_hash: hashOf(token),
        created_at: now.toISOString(),
        expires_at: expiresAt,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const link = `${baseUrl}/invite/${token}`;
    await enqueue(trx, scope.org.id, now.toISOString(), [
      {
        kind: 'invitation',
        idempotency_key: `invitation:${scope.org.id}:${invitation.id}`,
        recipient_id: person.id,
        recipient_email: person.email,
        subject: `${actor.name} invited you to ${scope.org.name} on Followthrough`,
        body: [
          `Hello ${person.name},`,
          '',
          `${actor.name} invited you to ${scope.org.name} on Followthrough, where the next steps agreed in meetings are followed through.`,
          '',
          `Choose your password here: ${link}`,
          '',
          `The link works once, until ${describeInstant(expiresAt, person.time_zone, localDate(now, person.time_zone))} (${person.time_zone}).`,
        ].join('\n'),
        late: 0,
        follow_up_id: null,
        meeting_id: null,
        commitment_id: null,
      },
    ]);
    return { person, invitation };
  });
}

/** The invitation a link names, if it can still be used; otherwise a coded refusal that says why. */
export async function openInvitation(
  deps: Pick<AccountsDeps, 'db' | 'clock'>,
  token: string,
): Promise<{ invitation: Invitation; person: Person }> {
  const invitation = /^[A-Za-z0-9_-]{43}$/.test(token)
    ? await deps.db
        .selectFrom('invitations')
        .selectAll()
        .where('token_hash', '=', hashOf(token))
        .executeTakeFirst()
    : undefined;
  if (!invitation) {
    throw new AppError(
      'invitation_not_found',
      'This invitation link is not one we sent: check it, or ask your admin for a new one.',
      404,
    );
  }
  if (invitation.accepted_at) {
    throw new AppError(
      'invitation_used',
      'This invitation was used already: sign in with the password chosen then.',
      410,
    );
  }
  if (invitation.expires_at <= deps.clock.now().toISOString()) {
    throw new AppError(
      'invitation_expired',
      'This invitation has expired: ask your admin for a new one.',
      410,
    );
  }
  const [person] = await getPeople(deps.db, invitation.organization_id, [invitation.person_id]);
  if (!person || person.deactivated_at || person.user_id) {
    throw new AppError('invitation_used', 'This invitation can no longer be used: ask your admin.', 410);
  }
  return { invitation, person };
}

/**
 * The invited member chooses a password: their account is made and the invitation used up,
 * once, whoever else tries the same link at the same moment.
 */
export async function acceptInvitation(deps: AccountsDeps, token: string, password: string): Promise<Person> {
  const { invitation, person } = await openInvitation(deps, token);
  const used = await deps.db
    .updateTable('invitations')
    .set({ accepted_at: deps.clock.now().toISOString() })
    .where('id', '=', invitation.id)
    .where('accepted_at', 'is', null)
    .executeTakeFirst();
  if (Number(used.numUpdatedRows) !== 1) {
    throw new AppError(
      'invitation_used',
      'This invitation was used already: sign in with the password chosen then.',
      410,
    );
  }
  try {
    return await createAccount(deps, person, password);
  } catch (error) {
    // A refused password leaves the invitation as it was, to try again.
    await deps.db
      .updateTable('invitations')
      .set({ accepted_at: null })
      .where('id', '=', invitation.id)
      .execute();
    throw error;
  }
}

/** The organization an invitation is for, to greet the member by it. */
export const organizationOf = (deps: Pick<AccountsDeps, 'db'>, invitation: Invitation) =>
  getOrganization(deps.db, invitation.organization_id);
