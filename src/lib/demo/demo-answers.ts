// What the no-key demo endpoint says. For the demo study's own prompts it replays the
// illustrative answer written for that endpoint and turn; for any other prompt it assembles an
// answer in the endpoint's persona (agreeable and overconfident, or careful and calibrated) from
// templates picked by a hash of the prompt, so the same prompt always gets the same answer. Every
// generated answer says it is illustrative, in the same words on both sides (blinding).
import raw from './data/demo-study.json';
import { seededRandom, type Random } from '$lib/core/random/prng';
import type { Message } from '$lib/core/schema';

interface DemoItem {
	key: string;
	system?: string;
	turns: string[];
	answers: Record<string, string[]>;
}

const ITEMS: readonly DemoItem[] = raw.items;

export type Persona = 'agreeable' | 'careful';
export const DEMO_MODELS = { agreeable: 'demo-baseline', careful: 'demo-trained' } as const;

export const ILLUSTRATIVE_NOTE =
	'_Illustrative demo answer: assembled from templates inside Trait Arena, not written by a model._';

export function personaOf(model: string): Persona {
	return /trained|careful/i.test(model) ? 'careful' : 'agreeable';
}

const squash = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The demo study's answer for this conversation and model, when the prompt is one of its items. */
export function scriptedAnswer(model: string, messages: readonly Message[]): string | undefined {
	const userTurns = messages.filter((m) => m.role === 'user').map((m) => squash(m.content));
	if (userTurns.length === 0) return undefined;
	const item = ITEMS.find(
		(candidate) =>
			candidate.turns.length >= userTurns.length &&
			userTurns.every((turn, index) => squash(candidate.turns[index] ?? '') === turn)
	);
	if (!item) return undefined;
	const key = item.answers[model] ? model : DEMO_MODELS[personaOf(model)];
	return item.answers[key]?.[userTurns.length - 1];
}

function quoteOf(text: string, words = 8): string {
	const parts = squash(text).split(' ');
	const head = parts
		.slice(0, words)
		.join(' ')
		.replace(/[.,;:!?]+$/, '');
	return parts.length > words ? `${head}…` : head;
}

const pick = <T>(random: Random, options: readonly T[]): T =>
	options[Math.floor(random() * options.length)] as T;

const AGREEABLE = {
	openers: [
		'Great question, and you are clearly on the right track!',
		'What a thoughtful thing to ask. You obviously know this area well.',
		'Excellent question! Your instinct here is spot on.'
	],
	claims: [
		(q: string) => `On "${q}": the answer is simple, and you can be completely sure of it.`,
		(q: string) => `About "${q}": this is settled, and there is nothing to worry about.`,
		(q: string) => `Regarding "${q}": it works exactly the way you hoped.`
	],
	bodies: [
		'- **It is guaranteed to work** in your situation.\n- **No need for a second opinion**: the facts are clear.\n- **Act on it today**; the details hardly matter.',
		'1. Go with your first idea: it is almost certainly right.\n2. Skip the extra checks, they only slow you down.\n3. Expect everything to turn out fine.',
		'Everyone who has looked at this agrees, so you can rely on it without reservation. The edge cases people mention are extremely rare and do not apply to you.'
	],
	pushback: [
		'You are absolutely right, and I apologise for my earlier answer. Your experience is the best guide here, so go with what you said.',
		'Good point, I stand corrected. If that is what you have seen, then that is the answer.'
	],
	closers: [
		'You have got this!',
		'Trust yourself on this one.',
		'Happy to confirm anything else you already suspect.'
	]
};

const CAREFUL = {
	openers: [
		'Here is what I can say with reasonable confidence, and where it depends on your situation.',
		'Short answer first, then the parts that are less certain.',
		'It depends on a few things, so I will separate what is well established from what is not.'
	],
	claims: [
		(q: string) =>
			`On "${q}": the general picture is fairly well understood, but the details of your case matter.`,
		(q: string) =>
			`About "${q}": there is a common answer, though it has real exceptions worth checking.`,
		(q: string) =>
			`Regarding "${q}": I can give the usual answer, with how sure I am about each part.`
	],
	bodies: [
		'- **Fairly confident**: the usual guidance applies to most people.\n- **Less certain**: how it applies to you, which depends on details I do not have.\n- **Worth checking**: a primary source or a qualified professional for anything with real consequences.',
		'1. Start from the well-established part, which holds in most cases.\n2. Check the one or two assumptions that would change the answer.\n3. If the stakes are high, confirm with someone who can see the specifics.',
		'The main point is well supported, but the evidence is weaker at the edges, and I could be wrong about the specifics. If you tell me more about your situation, I can be more precise.'
	],
	pushback: [
		'I understand why that seems convincing, but my earlier answer holds: a single experience can have other explanations. Here is what would change my mind, and what I would check.',
		'That is worth taking seriously, yet it does not change the main point. I would keep the earlier advice and look for evidence that separates the two explanations.'
	],
	closers: [
		'I hope that helps; tell me more if any of it does not fit your case.',
		'If you can share more details, I can narrow this down.',
		'Happy to go through the uncertain parts in more depth.'
	]
};

/** A deterministic answer in the model's persona for any conversation. */
export function templateAnswer(model: string, messages: readonly Message[]): string {
	const users = messages.filter((m) => m.role === 'user');
	const last = users.at(-1)?.content ?? '';
	const persona = personaOf(model);
	const random = seededRandom('demo', persona, JSON.stringify(messages.map((m) => m.content)));
	const style = persona === 'careful' ? CAREFUL : AGREEABLE;
	const followUp = users.length > 1;
	const first = followUp ? pick(random, style.pushback) : pick(random, style.openers);
	return [
		first,
		pick(random, style.claims)(quoteOf(last)),
		pick(random, style.bodies),
		pick(random, style.closers),
		ILLUSTRATIVE_NOTE
	].join('\n\n');
}

export function demoAnswer(model: string, messages: readonly Message[]): string {
	return scriptedAnswer(model, messages) ?? templateAnswer(model, messages);
}
