/**
 * The demo team's six weeks: who they are, what they commit to, how their follow-ups go.
 * Data only; `demo.usecases.ts` plays it through the real use cases.
 */

export const demoManagerEmail = 'mara@northwind.example';

/** How many weeks of 1:1s the demo plays, ending now. */
export const DEMO_WEEKS = 6;

export const demoMembers: { name: string; email: string; tz: string; manager?: string; partner?: string }[] =
  [
    { name: 'Lee Okafor', email: 'lee@northwind.example', tz: 'America/New_York' },
    { name: 'Mara Chen', email: demoManagerEmail, tz: 'America/New_York', manager: 'lee@northwind.example' },
    { name: 'Dana Ruiz', email: 'dana@northwind.example', tz: 'America/New_York', manager: demoManagerEmail },
    {
      name: 'Sam Patel',
      email: 'sam@northwind.example',
      tz: 'America/Chicago',
      manager: demoManagerEmail,
      partner: 'dana@northwind.example',
    },
    {
      name: 'Priya Nair',
      email: 'priya@northwind.example',
      tz: 'America/New_York',
      manager: demoManagerEmail,
    },
    {
      name: 'Tom Becker',
      email: 'tom@northwind.example',
      tz: 'America/Los_Angeles',
      manager: demoManagerEmail,
    },
    { name: 'Ana Souza', email: 'ana@northwind.example', tz: 'America/New_York', manager: demoManagerEmail },
  ];

/** A member added after the others, with no 1:1s yet: Lee's second report. */
export const demoLateMember = { name: 'Kim Larsen', email: 'kim@northwind.example' };

/** Every member the demo adds, by e-mail. */
export const demoMemberEmails: ReadonlySet<string> = new Set([
  ...demoMembers.map((m) => m.email),
  demoLateMember.email,
]);

export const demoContacts = [
  { name: 'Jo Park', email: 'jo@acme.example' },
  { name: 'Rita Gomez', email: 'rita@globex.example' },
  { name: 'Ken Ito', email: 'ken@initech.example' },
  { name: 'Li Wei', email: 'li@umbrella.example' },
  { name: 'Omar Haddad', email: 'omar@stark.example' },
];

/** Each seller's weekly 1:1 with Mara: weekday (1 = Monday) and local start time. */
export const demoOneOnOnes = [
  { seller: 'dana@northwind.example', weekday: 2, time: '10:00', contact: 'jo@acme.example' },
  { seller: 'sam@northwind.example', weekday: 2, time: '14:00', contact: 'rita@globex.example' },
  { seller: 'priya@northwind.example', weekday: 3, time: '10:00', contact: 'ken@initech.example' },
  { seller: 'tom@northwind.example', weekday: 3, time: '13:00', contact: 'li@umbrella.example' },
  { seller: 'ana@northwind.example', weekday: 4, time: '11:00', contact: 'omar@stark.example' },
];

/** Next steps agreed in 1:1s, taken in turn; `days` is how long after the meeting each is due. */
export const demoNextSteps = [
  { what: 'Send revised pricing', outcome: 'Budget approved by their CFO', days: 3 },
  { what: 'Book the technical deep-dive with IT', outcome: 'Security review scheduled', days: 6 },
  { what: 'Map the buying committee', outcome: 'Every signer named with their criteria', days: 4 },
  { what: 'Run the ROI workshop', outcome: 'Champion presents the business case internally', days: 8 },
  { what: 'Confirm the decision date', outcome: 'Close date in the forecast is real', days: 2 },
  {
    what: 'Share two reference customers',
    outcome: 'Reference calls held before the board meeting',
    days: 5,
  },
  { what: 'Draft the mutual action plan', outcome: 'Customer signs off on the timeline', days: 7 },
  { what: 'Get legal redlines back', outcome: 'Contract ready for signature', days: 9 },
  { what: 'Prepare the QBR deck', outcome: 'Renewal risk discussed openly', days: 6 },
  { what: 'Introduce our CSM to the admin team', outcome: 'Onboarding plan agreed', days: 3 },
];

export const demoLearnings = [
  'Finance signs, not our champion',
  'They compare us on total cost over three years',
  'IT wants SSO before any pilot',
  'The real deadline is their budget freeze on the 15th',
  'Procurement needs two weeks for a new vendor',
];

export const demoHappened = [
  'Sent and walked them through it on a call',
  'Meeting held; they asked for a second session',
  'Customer was travelling, we spoke briefly',
  'Done, and they shared the internal memo',
];

/** How an answer goes, by the follow-up's number: mostly done, some partly, some not, a few never answered. */
export const demoAnswerPattern = [
  'done',
  'done',
  'done',
  'partly',
  'done',
  'not_done',
  'done',
  'none',
  'done',
  'not_done_next',
] as const;
