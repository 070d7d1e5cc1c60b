import type { OutboxMessage } from '../db/schema.js';
import { formatId } from '../shared/ids.js';
import { Layout } from '../web/layout.js';
import { shownBody, stateLine } from './outbox.present.js';
import { type DeliveryState, deliveryStates } from './outbox.rules.js';

const stateNames: Record<DeliveryState, string> = {
  waiting: 'Waiting',
  retrying: 'Refused for now',
  delivered: 'Delivered',
  failed: 'Failed',
};

/**
 * An admin reads the outbox: with no mail server set, the mail that would have gone out;
 * with one, where each message stands and what the server said when it refused.
 */
export function OutboxPage(props: {
  name: string;
  messages: OutboxMessage[];
  state: DeliveryState | undefined;
  delivering: boolean;
  zone: string;
  today: string;
}) {
  const filters: [string, DeliveryState | undefined][] = [
    ['All', undefined],
    ...deliveryStates.map((s): [string, DeliveryState] => [stateNames[s], s]),
  ];
  return (
    <Layout
      title={props.delivering ? 'Outbox' : 'Mail that would have gone out'}
      signedIn={{ name: props.name }}
    >
      <h1>{props.delivering ? 'Outbox' : 'Mail that would have gone out'}</h1>
      <p class="meta">
        {props.delivering
          ? 'Each message Followthrough wrote, newest last, and where its delivery stands.'
          : 'No mail server is set (SMTP_URL), so nothing is sent: here is each message as it would have gone out, newest last.'}
      </p>
      <nav class="filters" aria-label="Delivery state">
        {filters.map(([label, state]) =>
          state === props.state ? (
            <strong aria-current="page">{label}</strong>
          ) : (
            <a href={state ? `/outbox?state=${state}` : '/outbox'}>{label}</a>
          ),
        )}
      </nav>
      {props.messages.length === 0 ? (
        <section class="card">
          <p class="empty">
            {props.state === 'failed'
              ? 'Nothing failed to send.'
              : 'No messages here yet: wrap-ups, follow-ups and invitations appear as they are written.'}
          </p>
        </section>
      ) : (
        props.messages.map((m) => (
          <article class="card mail" id={formatId('message', m.id)}>
            <h2>{m.subject}</h2>
            <p class="meta">
              To {m.recipient_email} · {m.kind.replace('_', '-')}
              {m.late === 1 ? ' (late)' : ''} · {formatId('message', m.id)}
            </p>
            <p class={m.failed_at ? 'flag' : 'meta'}>{stateLine(m, props.zone, props.today)}</p>
            <pre>{shownBody(m.body)}</pre>
          </article>
        ))
      )}
    </Layout>
  );
}
