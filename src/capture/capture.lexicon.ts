/**
 * The words capture decides on. Kept apart from the rules so that a missed line is mended
 * by adding a word, and reviewed as a list.
 */

const words = (text: string): Set<string> => new Set(text.trim().split(/\s+/));

/** Verbs a line without an owner can start with and still be a step ("Send pricing by Friday"). */
export const ACTION_VERBS = words(`
  add address adjust agree align announce answer apply approve arrange ask assign attend audit
  block book brief bring build calculate call cancel capture chase check circle circulate clarify
  clean close collect compare compile complete confirm connect contact coordinate counter create
  dig debrief decide define deliver demo design discuss dm do document draft drive drop e-mail edit email
  escalate estimate expand explore extend f/u figure file finalise finalize find finish fix flag
  follow forward gather get give go grab handle hand help highlight hold host identify include
  intro introduce investigate invite issue kick kickoff launch lead line loop lock log look make
  map meet message model move negotiate notify nudge obtain offer onboard open order organise
  organize outline own pencil ping pitch plan polish post prep prepare present price print prioritise
  prioritize propose prospect provide pull push put qualify quote raise reach read rebook recap
  reconfirm record redline refresh register rehearse remind renew reply report request reschedule
  research reserve resend resolve respond restart review revise revisit rework ring route run
  schedule scope secure see send set setup share shadow ship show sign slack sort source start
  submit summarise summarize sync talk tee test text touch track train update upload validate
  verify visit walk write
`);

/** Words after a subject that make the line a statement, not a step ("Jo was…", "Dana will be…"). */
export const NOT_AN_ACTION = words(`
  am is are was were be been being has had have having isn't wasn't weren't hasn't
  probably likely possibly maybe not never already also still just seems seemed thinks thought
  felt feels likes liked loved wants wanted said says mentioned told asked agreed confirmed sent
  signed closed called met booked shared presented reviewed approved rejected declined pushed
  raised moved came went got gave took made did won lost hit missed left joined
  could would might
`);

/**
 * Capitalised words that start lines of notes but are not people: headings, teams,
 * companies' departments, deal words. An unknown capitalised word outside this list in
 * owner position ("Jordan will…") is taken as a name nobody here has.
 */
export const NOT_A_NAME = words(`
  the a an this that these those it they he she you our their his her its my your there here then
  also and but or so if when while after before until once since next last every each all both
  some any no none not only just still please pls fyi note notes agenda attendees attendee
  risks risk blockers blocker issues issue decision decisions summary recap status update updates
  budget pricing price legal procurement security finance infosec it engineering product support
  marketing ops operations sales leadership management exec execs board customer customers client
  clients prospect vendor partner partners team champion buyer buyers deal deals contract contracts
  timeline timelines competition competitor competitors demo poc pilot proposal quote renewal
  forecast pipeline opportunity opp account plan goal goals outcome outcomes context background
  discussion discussed question questions open action actions todo follow followup owner owners
  q1 q2 q3 q4 today tomorrow tonight monday tuesday wednesday thursday friday saturday sunday
  january february march april may june july august september october november december
  send call email book schedule set share draft get ask confirm check review follow
`);

/** Words in NOT_AN_ACTION that an imperative may still contain ("Send Jo what she asked for" aside). */
export const MODALS_TOO = words('not just also still already maybe could would might');
