import type { CoachLabel } from './coach.classify.js';

/**
 * The coach's lexicon: the phrases a manager uses when they buy a task back, leave it in
 * limbo, or keep the report accountable. Patterns run on lower-cased text with straight
 * quotes. Weight 3 is a phrase that decides on its own; 2 is strong; 1 leans.
 */
export interface Cue {
  label: CoachLabel;
  weight: number;
  pattern: RegExp;
}

const cue = (label: CoachLabel, weight: number, source: string): Cue => ({
  label,
  weight,
  pattern: new RegExp(source, 'g'),
});

/** What a manager does when they take the work on: the verbs after "I'll" and "let me". */
const DOING =
  '(?:call|ring|ping|email|e-mail|text|reach out|reply|respond|write|rewrite|redo|draft|put together|come up with|build|rework|fix|sort|handle|deal|take|own|chase|escalate|negotiate|set up|reschedule|talk|speak|sit down|get on|jump on|go back|go through|get|find|figure|work out|look|have a (?:look|think)|think|check|dig|pull|answer|update|finish|fill|mark|make|craft|review|run|see|ask|mull|noodle|sleep|chew|reach|put some thought|give it some thought|find out|smooth|push|sit)';

export const CUES: Cue[] = [
  // Buy-back: the manager takes the work onto their own plate.
  cue(
    'buy_back',
    3,
    `(?<!\\bif )\\bi(?:'ll| will|'m going to| can| could) (?:just |quickly |personally |probably |go ahead and )?${DOING}\\b`,
  ),
  cue('buy_back', 3, `\\blet me (?:just |quickly |first )?(?!know\\b)${DOING}\\b`),
  cue('buy_back', 3, '\\bleave (?:it|this|that|them|the [\\w -]+?) (?:with|to) me\\b'),
  cue('buy_back', 3, '\\b(?:leave|drop|park|put) (?:it|this|that) (?:here|on my (?:desk|plate)|with me)\\b'),
  cue('buy_back', 3, '\\b(?:on|off) (?:my|your) plate\\b'),
  cue(
    'buy_back',
    3,
    '\\b(?:send|forward|shoot|give|hand) (?:it|them|this|that|the [\\w -]+?|me [\\w -]+?)? ?(?:over|my way|to me)\\b(?! (?:by|before|on)\\b)',
  ),
  cue('buy_back', 2, '\\bmyself\\b'),
  cue(
    'buy_back',
    3,
    "\\b(?:i'll|let me) take (?:it|this|that|over|care|the lead)\\b|\\btake it from here\\b|\\bi've got (?:it|this)\\b",
  ),
  cue('buy_back', 2, "\\b(?:don't|no need to) (?:worry|bother|stress)\\b"),
  cue('buy_back', 2, '\\bget back to (?:you|u)\\b'),
  cue('buy_back', 2, '\\b(?:free|spare) (?:moment|minute|second)\\b|\\btake a look\\b'),
  cue('buy_back', 3, "\\b(?:after|once|when) i(?:'m| am)? (?:finish|done|wrap|get through)"),
  cue('buy_back', 2, "\\bi'll (?:let you know|tell you|send you|come back)\\b"),

  // Limbo: no owner, no date, no next step.
  cue(
    'limbo',
    3,
    '\\b(?:at some point|some ?time|someday|eventually|down the (?:line|road)|another time|one of these days)\\b',
  ),
  cue('limbo', 2, '\\blater\\b'),
  cue(
    'limbo',
    3,
    "\\blet's (?:talk|discuss|chat|circle|revisit|regroup|sync|touch base|park|table|put a pin|keep|hold|wait|see|not|brainstorm|figure|plan to|let it|pick|bring|come back|deal)\\b",
  ),
  cue(
    'limbo',
    3,
    "\\bwe(?:'ll| will| can| could|'d) (?:see|figure|get to|deal|get back|sort|cross|need|have to|look|chat|discuss|go from there|take a look|talk|come back|revisit)\\b",
  ),
  cue('limbo', 2, '\\bwe (?:should|need to|ought to)\\b'),
  cue('limbo', 3, '\\bsome(?:one|body)\\b'),
  cue(
    'limbo',
    2,
    "\\b(?:ask around|who knows|not sure|i guess|i don't know|no idea|might know|might be|could be|maybe|perhaps|probably|somewhere)\\b",
  ),
  cue(
    'limbo',
    3,
    "\\blet me know if (?:i|there's|you need|anything)|\\bhappy to (?:help|jump in|chat)(?: if| when|$| ?\\.)|\\bif (?:you need|needed)\\b|\\bfeel free\\b|\\b(?:ping|see|catch|grab|remind|drop) me\\b(?! (?:by|on|tomorrow|today|before))",
  ),
  cue('limbo', 3, "\\band (?:then )?(?:let's|we can|we'll|we will)\\b|\\bthen let's\\b"),
  cue(
    'limbo',
    2,
    '\\b(?:check|try|loop in|talk to|ask) (?:with )?(?:legal|engineering|finance|product|marketing|cs|the (?:ses|team|wiki|shared drive)|revops|the partner team|the wiki)\\b|\\bcheck the (?:wiki|shared drive|drive)\\b',
  ),
  cue(
    'limbo',
    3,
    "\\b(?:busy|swamped|slammed|heads down|can this wait|not a priority|not now|right now|when things (?:settle|calm)|when (?:we|i) (?:both )?(?:have|get|can|'m back)|when there's time|for now|the wider team|wait and see|in the radar|on the radar|keep an eye)\\b",
  ),
  cue('limbo', 2, '\\b(?:next quarter|after the (?:quarter|offsite|qbr|holidays)|another time)\\b'),

  // Accountable: the report keeps it; the manager asks for their plan or shows confidence.
  cue(
    'accountable',
    3,
    "\\b(?:it's|its|this is|still) (?:yours|your (?:call|deal|decision|account|project|plan))\\b|\\byours to\\b|\\byour (?:call|decision|deal|account)\\b",
  ),
  cue(
    'accountable',
    3,
    "\\byou(?:'re| are) (?:the (?:owner|account owner|right person|best)|driving|closer|the one)\\b|\\byou own\\b|\\bown (?:it|the|this)\\b|\\bkeep (?:ownership|driving)\\b|\\bstay on it\\b|\\btake the lead\\b|\\brun point\\b",
  ),
  cue(
    'accountable',
    3,
    "\\bwhat(?:'s| is| are) (?:your|you|the one thing you|the next step you|stopping you)\\b|\\bwhat (?:will|would|do|did|have) you (?!say about|think of the)(?:do|try|say|think|need|want|propose|recommend|come up|going)|\\bwhat(?:'s| is) (?:the|your) (?:plan|fix|move|next step|game plan)\\b|\\bwhat options have you\\b|\\bso what will\\b|\\bwhat's first\\b|\\bwhat's step one\\b|\\bwhat's plan a\\b",
  ),
  cue(
    'accountable',
    3,
    '\\bhow (?:are|will|do|would) you (?:plan|going|get|handle|want|approach|tackle|recover|hit)\\b|\\bwhich (?:of those |one )?(?:options? )?(?:are|will) you\\b|\\bwhat (?:\\w+ )?are you (?:taking|doing|planning|trying)\\b|\\bwho do you need\\b|\\bwhat do you need\\b',
  ),
  cue(
    'accountable',
    3,
    "\\bi know you(?:'ll| will| can)\\b|\\bcounting on you\\b|\\bi trust (?:you|your)\\b|\\bi believe in you\\b|\\bconfident (?:in )?(?:you|your)\\b|\\bi (?:gave|picked|hired|chose) you\\b|\\bi (?:gave|handed|assigned) (?:this|it|the [\\w ]+?|this [\\w ]+?) to you\\b|\\byou(?:'ve)? got this\\b|\\byou can (?:absolutely |definitely )?(?:do|handle) (?:this|it)\\b|\\byou've (?:done|handled|built)\\b|\\byou (?:decide|call it)\\b|\\byou know (?:the|more|this)\\b|\\bin your hands\\b|\\bnot taking it back\\b|\\bbring me a solution\\b|\\bgo (?:get it|fix it)\\b",
  ),
  cue(
    'accountable',
    2,
    '\\byour (?:plan|recommendation|pick|proposal|move|read|judgment|instincts|timeline|deadline)\\b|\\byou decided\\b',
  ),

  // Neutral: thanks, congratulations, information, factual questions.
  cue(
    'neutral',
    2,
    '\\b(?:thanks|thank you|thx|appreciate|congrats|congratulations|well done|nice work|great job|good catch|nice save|welcome back|happy (?:friday|birthday|monday)|enjoy)\\b',
  ),
  cue(
    'neutral',
    1,
    "^ (?:did|is|was|which|who|who's|when|where|how many|how long|how much|how did|what did|what time|what's the (?:arr|current|stage))\\b",
  ),
  cue('neutral', 2, "\\bi'll (?:be|miss)\\b"),
];

/** "I'll be out Friday", "I'll leave it in your hands": first person, but no task taken. */
export const NEGATED_SELF = /\bi'll (?:be|miss|leave it (?:in|to|with) you|back)\b/;

/** A day or time by which something is due. */
export const DATE =
  /\b(?:by|before|on|until|for|in) (?:mon|tue|wed|thu|fri|eod|eow|end of|tomorrow|today|tonight|noon|the \d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?::\d\d)? ?(?:am|pm)|monday|tuesday|wednesday|thursday|friday|month-end|next (?:mon|tue|wed|thu|fri|week))|\b(?:tomorrow|today|tonight|monday|tuesday|wednesday|thursday|friday|eod|eow|this week|by \d)\b/;

/** Words that hand a piece of work to the reader: "send me", "update me", "you", an imperative. */
export const DIRECTIVE =
  /\b(?:you|your|send me|tell me|update me|walk me|bring (?:me|it)|come back|have it|log it|put (?:the|it)|check in|give me an update|keep me posted)\b|^ (?:build|come|draft|figure|go|map|put|run|take|think|stay|own|pick|decide|send|tell|get|make|write|call|book|set|finish|lean|handle)\b/;
