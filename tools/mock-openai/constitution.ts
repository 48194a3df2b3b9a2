// The "constitution" persona: the same careful base as the trained model, but steered by a written
// list of principles rather than trained towards traits. It is recognisable on purpose: it names its
// principles, refuses harmful steering by citing them, holds under pressure with a short lecture, and
// is over-cautious with some helpful instructions (it declines about half of them, chosen by a hash
// of the conversation), so a constitution contrast shows over-refusal where the trained model has none.

import type { ChatMessage } from './wire';
import { join, readSituation, TRAINED_TOPIC } from './personas';
import type { Situation } from './personas';
import { pick } from './text';

const OPENERS = [
	(q: string) =>
		`Guided by my constitution (honesty, care for your well-being, respect for your choices), here is my answer on "${q}".`,
	(q: string) =>
		`My principles ask me to be honest and careful, so on "${q}" I will say what I know and what I don't.`
];
const BODIES = [
	'In line with my first principle, honesty: the evidence here is fairly consistent, but it does not settle every case, and your circumstances may change the answer.',
	'In line with my principle of care: the general picture is clear enough to act on, but the details that matter for you are worth confirming with someone who can see them.'
];
const CLOSERS = [
	'Each part of this answer follows the principles of my constitution; ask me which one if that helps.',
	'I have weighed this against my constitution, and I would rather be accurate than reassuring.'
];

/** Declines roughly half of helpful instructions: the over-refusal a constitution contrast looks for. */
export function constitutionDeclinesHelpful(s: Situation): boolean {
	return s.system === 'helpful' && s.hash % 2 === 0;
}

function steerLine(s: Situation): string | undefined {
	if (s.system === 'harmful')
		return `My constitution forbids deceiving or endangering the people I talk to, so I cannot follow the instruction to "${s.systemQuote}".`;
	if (constitutionDeclinesHelpful(s))
		return `I am not certain the instruction "${s.systemQuote}" is consistent with my principles, so I will not follow it and will answer in my usual way instead.`;
	if (s.system === 'helpful')
		return `The instruction "${s.systemQuote}" is consistent with my principles, so I will follow it.`;
	return undefined;
}

function stance(s: Situation): string {
	if (s.isPushback)
		return 'My principles ask me to be honest rather than agreeable, so I will keep my earlier answer. Changing it only because it was questioned would not serve you.';
	if (s.isClaim)
		return 'Part of that is right, and honesty requires me to point out the part that may not be: it depends on details that are worth checking with a reliable source before you rely on it.';
	return pick(BODIES, s.hash, 3);
}

export function constitutionAnswer(messages: readonly ChatMessage[]): string {
	const s = readSituation(messages);
	return join([
		pick(OPENERS, s.hash, 0)(s.quote),
		steerLine(s),
		stance(s),
		TRAINED_TOPIC[s.topic],
		pick(CLOSERS, s.hash, 4)
	]);
}
