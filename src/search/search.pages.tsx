import { StepList } from '../commitments/commitments.list.js';
import type { Person } from '../db/schema.js';
import { meetingTitle } from '../meetings/meetings.pages.js';
import { Layout } from '../web/layout.js';
import { Card, Said, When } from '../web/parts.js';
import type { SearchResult } from './search.usecases.js';

/** `/search?q=`: steps, people and meetings that mention the words, each linked to its page. */
export function SearchPage(props: {
  reader: Person;
  today: string;
  result: SearchResult | null;
  error?: string;
}) {
  const r = props.result;
  const none = r?.text && r.commitments.length + r.people.length + r.meetings.length === 0;
  return (
    <Layout
      title={r?.text ? `Search: ${r.text}` : 'Search'}
      signedIn={{ name: props.reader.name }}
      searched={r?.text}
    >
      <h1>{r?.text ? `“${r.text}”` : 'Search'}</h1>
      <Said error={props.error} id="search-error" />
      {!r?.text && !props.error && (
        <p class="empty">Type a few words in the search box above: a step, a person, a meeting’s notes.</p>
      )}
      {none && (
        <p class="empty">Nothing you may see mentions “{r.text}”. Try fewer words, or part of a name.</p>
      )}
      {r && r.commitments.length > 0 && (
        <Card title="Steps">
          <StepList items={r.commitments.map((view) => ({ view }))} today={props.today} status />
        </Card>
      )}
      {r && r.people.length > 0 && (
        <Card title="People">
          <ul class="items">
            {r.people.map((p) => (
              <li>
                {p.kind === 'member' ? <a href={`/people/${p.id}`}>{p.name}</a> : p.name}{' '}
                <span class="meta">{p.email}</span>
              </li>
            ))}
          </ul>
        </Card>
      )}
      {r && r.meetings.length > 0 && (
        <Card title="Meetings">
          <ul class="items">
            {r.meetings.map(({ meeting: m, attendees }) => (
              <li>
                <a href={`/m/${m.id}`}>{meetingTitle(m, attendees)}</a>
                <div class="meta">
                  <When at={m.starts_at} zone={props.reader.time_zone} today={props.today} />
                </div>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </Layout>
  );
}
