import type { Person } from '../db/schema.js';
import { shortDate } from '../shared/time.js';
import { Layout } from '../web/layout.js';
import type { InsightWeek, Subject, TeamRow } from './stats.team.js';

const percent = (rate: number | null): string => (rate === null ? '–' : `${Math.round(rate * 100)}%`);

/** The columns of the team page, each sortable. */
export const teamColumns = [
  ['name', 'Person'],
  ['due', 'Due'],
  ['onTime', 'Done on time'],
  ['rate', 'Rate'],
  ['answered', 'Follow-ups answered'],
  ['stalled', 'Stalled'],
  ['limbo', 'In limbo'],
  ['buyBacks', 'Buy-backs'],
] as const;
export type TeamSort = (typeof teamColumns)[number][0];

const sortValue: Record<TeamSort, (r: TeamRow) => number | string> = {
  name: (r) => r.person.name.toLowerCase(),
  due: (r) => r.due,
  onTime: (r) => r.doneOnTime,
  rate: (r) => r.rate ?? -1,
  answered: (r) => r.answerRate ?? -1,
  stalled: (r) => r.stalled,
  limbo: (r) => r.limbo,
  buyBacks: (r) => r.buyBacks,
};

/** The rows in the order asked for; equal ones by name. */
export function sortRows(rows: TeamRow[], sort: TeamSort, dir: 'asc' | 'desc'): TeamRow[] {
  const sign = dir === 'asc' ? 1 : -1;
  const key = sortValue[sort];
  return [...rows].sort((a, b) => {
    const x = key(a);
    const y = key(b);
    if (x !== y) return (x < y ? -1 : 1) * sign;
    return a.person.name.localeCompare(b.person.name);
  });
}

/** The rate of each week as a small line, drawn on the server: no script needed. */
export function Sparkline(props: { rates: (number | null)[]; weeks: string[]; today: string }) {
  const width = 96;
  const height = 24;
  const step = width / Math.max(props.rates.length - 1, 1);
  const segments: string[][] = [[]];
  props.rates.forEach((rate, i) => {
    if (rate === null) {
      if ((segments.at(-1) ?? []).length) segments.push([]);
      return;
    }
    segments.at(-1)?.push(`${(i * step).toFixed(1)},${(height - 2 - rate * (height - 4)).toFixed(1)}`);
  });
  const said = props.rates
    .map((r, i) => `${shortDate(props.weeks[i] ?? '', props.today)}: ${percent(r)}`)
    .join('; ');
  return (
    <svg
      class="spark"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={`Rate by week: ${said}`}
    >
      <title>{`Rate by week: ${said}`}</title>
      {segments
        .filter((s) => s.length > 0)
        .map((s) =>
          s.length === 1 ? (
            <circle cx={s[0]?.split(',')[0]} cy={s[0]?.split(',')[1]} r="1.8" />
          ) : (
            <polyline points={s.join(' ')} />
          ),
        )}
    </svg>
  );
}

const subjectTitle = (subject: Subject): string =>
  subject.kind === 'organization'
    ? 'Everyone'
    : subject.kind === 'team'
      ? `${subject.person?.name}’s team`
      : (subject.person?.name ?? '');

/** `/team`: one row per person, sortable by any column, each with the rate's last twelve weeks. */
export function TeamPage(props: {
  reader: Person;
  subject: Subject;
  rows: TeamRow[];
  since: string;
  weeks: string[];
  today: string;
  sort: TeamSort;
  dir: 'asc' | 'desc';
  query: string;
}) {
  const { subject } = props;
  const href = (sort: TeamSort) => {
    const dir = props.sort === sort && props.dir === 'asc' ? 'desc' : 'asc';
    return `/team?${props.query ? `${props.query}&` : ''}sort=${sort}&dir=${dir}`;
  };
  return (
    <Layout title="Team" signedIn={{ name: props.reader.name }} here="/team" wide>
      <h1>{subjectTitle(subject)}</h1>
      <p class="meta">
        Since {shortDate(props.since, props.today)}: the last four weeks. Stalled and in limbo: now.{' '}
        <a href={`/insights${props.query ? `?${props.query}` : ''}`}>Week by week</a>
      </p>
      {props.rows.length <= 1 && subject.kind !== 'organization' ? (
        <p class="empty">
          Nobody reports to you yet. An admin sets who reports to whom on the People page; your own numbers
          are below and in the insights.
        </p>
      ) : null}
      {/* Focusable, so that a keyboard scrolls it on a narrow screen. */}
      <section class="scroll" tabindex={0} aria-label="The team’s numbers">
        <table class="numbers">
          <caption class="sr-only">{subjectTitle(subject)}: the last four weeks</caption>
          <thead>
            <tr>
              {teamColumns.map(([key, label]) => (
                <th
                  scope="col"
                  aria-sort={
                    props.sort === key ? (props.dir === 'asc' ? 'ascending' : 'descending') : undefined
                  }
                >
                  <a href={href(key)}>
                    {label}
                    {props.sort === key ? (props.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </a>
                </th>
              ))}
              <th scope="col">Rate, 12 weeks</th>
            </tr>
          </thead>
          <tbody>
            {props.rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/insights?person=${encodeURIComponent(r.person.email)}`}>{r.person.name}</a>
                </th>
                <td>{r.due}</td>
                <td>{r.doneOnTime}</td>
                <td>{percent(r.rate)}</td>
                <td>
                  {r.followUpsAnswered} of {r.followUpsSent}
                </td>
                <td class={r.stalled ? 'flag' : undefined}>{r.stalled}</td>
                <td class={r.limbo ? 'flag' : undefined}>{r.limbo}</td>
                <td class={r.buyBacks ? 'flag' : undefined}>{r.buyBacks}</td>
                <td>
                  <Sparkline rates={r.weeklyRates} weeks={props.weeks} today={props.today} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </Layout>
  );
}

/** A chart (drawn by uPlot from the table under it, with JavaScript) and its numbers as a table. */
function Chart(props: {
  id: string;
  title: string;
  unit: 'percent' | 'count';
  weeks: InsightWeek[];
  today: string;
  series: { label: string; value: (w: InsightWeek) => number | null; detail?: (w: InsightWeek) => string }[];
}) {
  return (
    <section class="card" aria-labelledby={`${props.id}-title`}>
      <h2 id={`${props.id}-title`}>{props.title}</h2>
      <div class="plot" id={`${props.id}-plot`} aria-hidden="true" />
      <section class="scroll" tabindex={0} aria-label={`${props.title}, week by week`}>
        <table class="numbers" data-chart={`${props.id}-plot`} data-unit={props.unit}>
          <caption class="sr-only">{props.title}, week by week</caption>
          <thead>
            <tr>
              <th scope="col">Week of</th>
              {props.series.map((s) => (
                <th scope="col">{s.label}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {props.weeks.map((w) => (
              <tr>
                <th scope="row" data-week={w.week.start}>
                  {shortDate(w.week.start, props.today)}
                </th>
                {props.series.map((s) => {
                  const v = s.value(w);
                  return (
                    <td data-value={v === null ? '' : String(v)}>
                      {props.unit === 'percent' ? percent(v) : String(v ?? 0)}
                      {s.detail && <span class="meta"> ({s.detail(w)})</span>}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </section>
  );
}

/** `/insights`: how well the loop works, week by week, for a person, a team or everyone. */
export function InsightsPage(props: {
  reader: Person;
  subject: Subject;
  weeks: InsightWeek[];
  stalled: number;
  today: string;
  choices: { value: string; label: string }[];
  chosen: string;
  query: string;
}) {
  const { weeks, today } = props;
  return (
    <Layout title="Insights" signedIn={{ name: props.reader.name }} here="/insights">
      <h1>Insights: {subjectTitle(props.subject)}</h1>
      <form class="row" method="get" action="/insights">
        <label for="whose" class="inline-label">
          Whose
        </label>
        <select id="whose" name="who">
          {props.choices.map((c) => (
            <option value={c.value} selected={c.value === props.chosen}>
              {c.label}
            </option>
          ))}
        </select>
        <button type="submit" class="small">
          Show
        </button>
      </form>
      <p class="meta">
        The last twelve weeks, in your time zone. Stalled now: <strong>{props.stalled}</strong>.{' '}
        <a href={`/insights.csv${props.query ? `?${props.query}` : ''}`} download>
          Download as CSV
        </a>
      </p>
      <Chart
        id="rates"
        title="Follow-through, follow-ups answered, wrap-ups within 24 hours"
        unit="percent"
        weeks={weeks}
        today={today}
        series={[
          {
            label: 'Done on time',
            value: (w) => w.rate,
            detail: (w) => `${w.counts.doneOnTime} of ${w.counts.due}`,
          },
          {
            label: 'Follow-ups answered',
            value: (w) => w.answerRate,
            detail: (w) => `${w.counts.followUpsAnswered} of ${w.counts.followUpsSent}`,
          },
          {
            label: 'Wrap-ups within 24 h',
            value: (w) => w.wrapupRate,
            detail: (w) => `${w.counts.wrapupsOnTime} of ${w.counts.meetingsEnded}`,
          },
        ]}
      />
      <Chart
        id="said"
        title="Buy-backs and limbo"
        unit="count"
        weeks={weeks}
        today={today}
        series={[
          { label: 'Buy-backs', value: (w) => w.counts.buyBacksReassigned + w.counts.buyBacksSaid },
          { label: 'Limbo said', value: (w) => w.counts.limboSaid },
        ]}
      />
      <link rel="stylesheet" href="/static/uPlot.min.css" />
      <script src="/static/uPlot.iife.min.js" defer />
      <script src="/static/insights.js" defer />
    </Layout>
  );
}

/** The insights as CSV: a row a week, the counts and the rates. */
export function insightsCsv(weeks: InsightWeek[]): string {
  const head = [
    'week_start',
    'due',
    'done_on_time',
    'follow_through_rate',
    'follow_ups_sent',
    'follow_ups_answered',
    'answer_rate',
    'meetings_ended',
    'wrapups_within_24h',
    'wrapup_rate',
    'buy_backs',
    'limbo_said',
  ];
  const cell = (v: number | null) => (v === null ? '' : String(v));
  const rows = weeks.map((w) =>
    [
      w.week.start,
      cell(w.counts.due),
      cell(w.counts.doneOnTime),
      cell(w.rate),
      cell(w.counts.followUpsSent),
      cell(w.counts.followUpsAnswered),
      cell(w.answerRate),
      cell(w.counts.meetingsEnded),
      cell(w.counts.wrapupsOnTime),
      cell(w.wrapupRate),
      cell(w.counts.buyBacksReassigned + w.counts.buyBacksSaid),
      cell(w.counts.limboSaid),
    ].join(','),
  );
  return `${[head.join(','), ...rows].join('\r\n')}\r\n`;
}
