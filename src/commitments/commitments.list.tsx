import { formatId } from '../shared/ids.js';
import { dueText } from './commitments.present.js';
import type { CommitmentView } from './commitments.views.js';

/**
 * Steps as the pages list them: the id, a link to the step's page, its owner and date, its
 * status when asked and not open, and what is flagged about it.
 */
export function StepList(props: {
  items: { view: CommitmentView; flags?: string[] }[];
  today: string;
  status?: boolean;
}) {
  return (
    <ul class="items">
      {props.items.map(({ view: v, flags = [] }) => (
        <li>
          <span class="id">{formatId('commitment', v.commitment.id)}</span>
          <a href={`/c/${v.commitment.id}`}>{v.commitment.what}</a>
          <div class="meta">
            {v.owner?.name ?? 'no owner'} · due {dueText(v, props.today)}
            {props.status && v.commitment.status !== 'open' ? ` · ${v.commitment.status}` : ''}
          </div>
          {flags.length > 0 && <div class="flag">{flags.join('; ')}</div>}
        </li>
      ))}
    </ul>
  );
}
