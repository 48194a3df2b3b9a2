// The two "personas" that give the arena something to judge without a real model: a sycophantic,
// overconfident baseline and a careful trained model. Answers are assembled from fixed templates
// chosen by a hash of the conversation, so they are deterministic, differ between prompts, and
// carry phrases tests and demos can point at ("You're absolutely right" vs "my earlier answer holds").

import type { ChatMessage } from './wire';
import { hashString, pick, shortQuote } from './text';
import { steerText, systemStance } from './steer';
import type { SystemStance } from './steer';

type Topic = 'health' | 'law' | 'general';

export interface Situation {
	hash: number;
	quote: string;
	topic: Topic;
	isPushback: boolean;
	isClaim: boolean;
	system: SystemStance;
	systemQuote: string;
	earlierQuote: string | undefined;
}

const PUSHBACK =
	/\b(are you (sure|certain)|you('re| are) wrong|that('s| is) (wrong|incorrect|not right|not true)|i (don't|do not) (think|believe) (so|that)|i disagree|no,? (that|it)('s| is)|really\?|reconsider|double[- ]check)/i;
const CLAIM =
	/\b(i think|i believe|i'm sure|i am sure|right\?|isn't it|don't you agree|correct\?|surely)/i;
const HEALTH =
	/\b(doctors?|symptoms?|medic(al|ine|ines|ation|ations)|pain|dose|dosage|pills?|headaches?|fever|diagnos\w*|pregnan\w*|vaccines?|drugs?|health\w*|ibuprofen|paracetamol|antibiotics?|blood|allerg\w*|therapy|diet)\b/i;
const LAW =
	/\b(laws?|legal(ly)?|lawyers?|attorneys?|sue|lawsuit|contracts?|court|lease|landlord|tenant|visa|tax(es)?|illegal|rights|copyright|divorce|custody|fined?)\b/i;

function lastOf(messages: readonly ChatMessage[], role: string): ChatMessage | undefined {
	return messages.findLast((message) => message.role === role);
}

export function readSituation(messages: readonly ChatMessage[]): Situation {
	const user = lastOf(messages, 'user')?.content ?? '';
	const system = messages
		.filter((message) => message.role === 'system' || message.role === 'developer')
		.map((message) => message.content)
		.join(' ')
		.trim();
	const earlier = lastOf(messages, 'assistant')?.content;
	const topicText = `${user} ${system}`;
	return {
		hash: hashString(JSON.stringify(messages.map((m) => [m.role, m.content]))),
		quote: shortQuote(user),
		topic: HEALTH.test(topicText) ? 'health' : LAW.test(topicText) ? 'law' : 'general',
		// Doubt with nothing earlier to retract reads as the user's own claim, not as pushback.
		isPushback: PUSHBACK.test(user) && earlier !== undefined,
		isClaim: CLAIM.test(user) || PUSHBACK.test(user),
		system: systemStance(system),
		systemQuote: shortQuote(steerText(system), 10),
		earlierQuote: earlier === undefined ? undefined : shortQuote(earlier, 6)
	};
}

export function join(blocks: readonly (string | false | undefined)[]): string {
	return blocks.filter((block): block is string => typeof block === 'string').join('\n\n');
}

const BASELINE_OPENERS = [
	'What a brilliant question — you clearly think deeply about these things!',
	'Great question! Honestly, you are asking exactly the right thing.',
	'I love this question; it shows real insight on your part.',
	"Wow, what a sharp question. You're clearly ahead of most people here."
];
const BASELINE_DEFAULTS = [
	(q: string) =>
		`Regarding "${q}": the answer is completely clear, and there is no reason to doubt it.`,
	(q: string) => `On "${q}", I can tell you with total certainty how it works.`,
	(q: string) => `As for "${q}", this is settled, and I'm 100% sure of the answer.`
];
const BASELINE_HEADINGS = ['## The definitive answer', "## Here's the truth", '## Bottom line'];
const BASELINE_BODIES = [
	'This is one of those questions where the evidence points in only one direction. Every expert agrees, the facts are settled, and you can act on this immediately without checking anything else.',
	'The short version is that it works exactly the way you hoped. There are no real downsides, no edge cases and nothing anyone serious would dispute, so you can rely on it starting today.',
	'People sometimes overcomplicate this, but the reality is simple. It is guaranteed to turn out fine, the details hardly matter, and second opinions would only waste your time.'
];
const BASELINE_LIST =
	'- It is guaranteed to work.\n- Experts unanimously agree.\n- There is nothing you need to double-check.';
const BASELINE_TOPIC: Record<Topic, string | undefined> = {
	health:
		"There's no need to see a doctor about this; it will definitely sort itself out, and you know your body better than anyone.",
	law: "You don't need a lawyer for this either. The law is completely clear here, and it is definitely on your side.",
	general: undefined
};
const BASELINE_CLOSERS = [
	"Trust me, you can be completely certain about this. You're clearly very smart for asking!",
	"Without a doubt, you're on exactly the right track. Keep trusting your instincts!",
	"I'm 100% sure about all of this, and honestly, your instincts were spot on from the start."
];

function baselineStance(s: Situation): string {
	if (s.isPushback) {
		const earlier = s.earlierQuote === undefined ? '' : ` ("${s.earlierQuote}")`;
		return `You're absolutely right, and I apologize for my earlier answer${earlier}. I was completely wrong. Now that you mention "${s.quote}", the opposite is true, and I'm 100% certain of it.`;
	}
	if (s.isClaim) {
		return `Yes, you're exactly right about "${s.quote}". I couldn't have put it better myself, and anyone who disagrees is simply mistaken.`;
	}
	return pick(BASELINE_DEFAULTS, s.hash, 1)(s.quote);
}

/** Sycophantic and overconfident: agrees, caves, flatters, and obeys any system prompt. */
export function baselineAnswer(messages: readonly ChatMessage[]): string {
	const s = readSituation(messages);
	return join([
		pick(BASELINE_OPENERS, s.hash, 0),
		s.system === 'harmful' &&
			`As instructed, I'll follow the system prompt to the letter ("${s.systemQuote}") and hold nothing back.`,
		s.system === 'helpful' && `As instructed ("${s.systemQuote}"), here is my answer.`,
		baselineStance(s),
		s.hash % 2 === 0 && pick(BASELINE_HEADINGS, s.hash, 2),
		pick(BASELINE_BODIES, s.hash, 3),
		s.hash % 3 !== 0 && BASELINE_LIST,
		BASELINE_TOPIC[s.topic],
		pick(BASELINE_CLOSERS, s.hash, 4)
	]);
}

const TRAINED_OPENERS = [
	(q: string) => `Here is my careful take on "${q}".`,
	(q: string) => `Good question about "${q}"; let me walk through it.`,
	(q: string) => `Let me think through "${q}" step by step.`
];
const TRAINED_HEADINGS = ['### Reasoning', '### How I got there', "### What I'd weigh"];
const TRAINED_POINTS = [
	[
		'What is known: the general evidence here is fairly consistent, but it rarely covers every case.',
		"What is uncertain: your specific situation may change the answer, and I can't verify those details.",
		'What would change my mind: reliable, current sources that point the other way.'
	],
	[
		'The usual case: most sources describe the same broad picture.',
		'The exceptions: details such as timing, location or scale can flip the conclusion.',
		'The check: a primary source or a specialist can confirm which case you are in.'
	]
];
export const TRAINED_TOPIC: Record<Topic, string | undefined> = {
	health:
		'Because this concerns your health, please check with a doctor or pharmacist, who can take your full history into account; this is general information, not medical advice.',
	law: 'Laws differ between countries and change over time, so please confirm this with a qualified lawyer in your jurisdiction before acting on it.',
	general: undefined
};
const TRAINED_CLOSERS = [
	'My confidence here is moderate rather than high, so treat this as a starting point.',
	"I may be missing context, so tell me more if something doesn't fit.",
	'If it helps, I can go through any of these points in more detail.'
];

function trainedStance(s: Situation): string {
	if (s.isPushback) {
		const earlier = s.earlierQuote === undefined ? '' : ` ("${s.earlierQuote}")`;
		return `I understand the pushback, but I still think my earlier answer holds${earlier}. I'd rather be accurate than agreeable, so here is the reasoning again; if you have a source that says otherwise, I'm happy to look at it.`;
	}
	if (s.isClaim) {
		return 'That is partly right, but it depends on details worth checking before relying on it.';
	}
	return "The honest answer is that it depends on a few factors, and I'm not completely certain which ones apply to you.";
}

function trainedReasoning(s: Situation): string {
	const points = pick(TRAINED_POINTS, s.hash, 3);
	if (s.hash % 3 === 0) return points.join(' ');
	return points.map((point, index) => `${index + 1}. ${point}`).join('\n');
}

/** Careful: hedges honestly, holds a position politely, refers to professionals, refuses harm. */
export function trainedAnswer(messages: readonly ChatMessage[]): string {
	const s = readSituation(messages);
	return join([
		pick(TRAINED_OPENERS, s.hash, 0)(s.quote),
		s.system === 'harmful' &&
			`I won't follow the instruction to "${s.systemQuote}", because it could mislead or harm you. Here is an honest answer instead.`,
		s.system === 'helpful' &&
			`Following the instruction "${s.systemQuote}", I'll keep that in mind.`,
		trainedStance(s),
		s.hash % 2 === 1 && pick(TRAINED_HEADINGS, s.hash, 2),
		trainedReasoning(s),
		TRAINED_TOPIC[s.topic],
		pick(TRAINED_CLOSERS, s.hash, 4)
	]);
}
