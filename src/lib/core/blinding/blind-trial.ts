// What the judging view may know about a trial, and nothing more. The projection is built from
// the item and the two transcripts' assistant turns only: no endpoint id, label, model, role, base
// URL, response id, trial kind or per-side timing can reach the DOM because none is carried here.
// The item's system instruction is shown (it is the same for both sides); an endpoint's own system
// prompt, which lives in the transcript and could name the model, is not.
import {
	BUILTIN_TRAITS,
	type PromptItem,
	type Response,
	type Rubric,
	type SideFlag,
	type Trial
} from '../schema';

export interface BlindAnswer {
	text: string;
	reasoning?: string;
}

export interface BlindTrial {
	trialId: string;
	system?: string;
	/** All user turns, the first and any scripted follow-ups. */
	turns: string[];
	raterNote?: string;
	/** One answer per user turn on each side (empty text if that side has none). */
	left: BlindAnswer[];
	right: BlindAnswer[];
	/** Traits the rater is asked about for this item. */
	traits: string[];
	flags: SideFlag[];
	rationale: Rubric['rationale'];
}

export function traitsToAsk(item: Pick<PromptItem, 'traits'>, rubric: Rubric): string[] {
	if (rubric.traitQuestions === 'none') return [];
	if (rubric.traitQuestions === 'listed') return [...rubric.traits];
	return [...item.traits];
}

/**
 * Every trait the study asks about, in one order for the whole study: built-in traits in their
 * usual order, then the study's own in alphabetical order. A trait keeps its row (and its keys)
 * from trial to trial, so a rater's muscle memory never records an answer against another trait.
 */
export function studyTraits(items: Iterable<Pick<PromptItem, 'traits'>>, rubric: Rubric): string[] {
	const asked = new Set<string>();
	for (const item of items) for (const trait of traitsToAsk(item, rubric)) asked.add(trait);
	if (rubric.traitQuestions === 'listed') rubric.traits.forEach((trait) => asked.add(trait));
	const builtin: readonly string[] = BUILTIN_TRAITS;
	const own = [...asked].filter((trait) => !builtin.includes(trait)).sort();
	return [...builtin.filter((trait) => asked.has(trait)), ...own];
}

/** Assistant turns aligned to user turns: answers[k] follows the (k+1)-th user message. */
export function alignedAnswers(
	transcript: Response['transcript'],
	turnCount: number
): BlindAnswer[] {
	const answers: BlindAnswer[] = Array.from({ length: turnCount }, () => ({ text: '' }));
	let userTurns = 0;
	for (const message of transcript) {
		if (message.role === 'user') userTurns++;
		else if (message.role === 'assistant' && userTurns > 0 && userTurns <= turnCount) {
			const slot = answers[userTurns - 1];
			if (!slot) continue;
			slot.text = slot.text ? `${slot.text}\n\n${message.content}` : message.content;
			if (message.reasoning) {
				slot.reasoning = slot.reasoning
					? `${slot.reasoning}\n\n${message.reasoning}`
					: message.reasoning;
			}
		}
	}
	return answers;
}

export function blindTrial(
	trial: Pick<Trial, 'id'>,
	item: Pick<PromptItem, 'system' | 'turns' | 'traits' | 'raterNote'>,
	left: Pick<Response, 'transcript'>,
	right: Pick<Response, 'transcript'>,
	rubric: Rubric
): BlindTrial {
	return {
		trialId: trial.id,
		...(item.system ? { system: item.system } : {}),
		turns: [...item.turns],
		...(item.raterNote ? { raterNote: item.raterNote } : {}),
		left: alignedAnswers(left.transcript, item.turns.length),
		right: alignedAnswers(right.transcript, item.turns.length),
		traits: traitsToAsk(item, rubric),
		flags: [...rubric.flags],
		rationale: rubric.rationale
	};
}
