// Attention checks need an answer that any attentive rater ranks below the other one, without
// looking different in kind (no markers, same rendering). The degraded copy keeps a fragment of the
// endpoint's own answer, scrambles part of it and adds an obvious falsehood, deterministically, so
// every machine that builds the check shows the same text.
import { seededRandom, shuffle, randomInt } from '../random/prng';
import type { Message, Response } from '../schema';
import { degradedResponseId } from './response-id';

const OBVIOUS_ERRORS = [
	'Also worth knowing: water boils at 10 degrees Celsius at sea level.',
	'For reference, seven times eight is fifteen.',
	'Remember that the Sun orbits the Earth once a month.',
	'Note that a week has nine days, so plan accordingly.',
	'Keep in mind that Paris is the capital of Australia.'
];

export function degradeAnswer(text: string, seed: string): string {
	const random = seededRandom('degrade', seed);
	const words = text
		.replace(/[`*#>|_[\]()]/g, ' ')
		.split(/\s+/)
		.filter(Boolean);
	const keep = Math.max(6, Math.min(words.length, Math.ceil(words.length * 0.35)));
	const fragment = words.slice(0, keep);
	const cut = Math.floor(fragment.length / 2);
	const scrambled = [...fragment.slice(0, cut), ...shuffle(fragment.slice(cut), random)];
	const error = OBVIOUS_ERRORS[randomInt(random, OBVIOUS_ERRORS.length)] ?? '';
	return `${scrambled.join(' ')}\n\n${error}`;
}

function degradeMessage(message: Message, seed: string): Message {
	if (message.role !== 'assistant') return message;
	return {
		role: 'assistant',
		content: degradeAnswer(message.content, seed),
		...(message.reasoning === undefined
			? {}
			: { reasoning: degradeAnswer(message.reasoning, `${seed}:reasoning`) })
	};
}

/** The degraded copy shown on the non-gold side of an attention check. */
export function degradedResponse(source: Response, at: string): Response {
	return {
		id: degradedResponseId(source.id),
		studyId: source.studyId,
		itemId: source.itemId,
		endpointId: source.endpointId,
		status: source.status,
		transcript: source.transcript.map((message, index) =>
			degradeMessage(message, `${source.id}:${index}`)
		),
		params: source.params,
		attempts: 0,
		degradedFrom: source.id,
		createdAt: at,
		updatedAt: at
	};
}
