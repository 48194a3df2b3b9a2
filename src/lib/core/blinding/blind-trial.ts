// What the judging view may know about a trial, and nothing more. The projection is built from
// the item and the two transcripts' assistant turns only: no endpoint id, label, model, role, base
// URL, response id, trial kind or per-side timing can reach the DOM because none is carried here.
// The item's system instruction is shown only when both sides really received it (an endpoint may
// replace it with its own prompt); an endpoint's own system prompt, which lives in the transcript
// and could name the model, never is. When any endpoint of the study has a prompt of its own, the
// label says so on every trial alike, so it tells nothing about which pair or side is shown.
import type { PromptItem, Response, Rubric, SideFlag, Trial } from '../schema';
import { BUILTIN_TRAITS } from '../schema/vocabulary';

export interface BlindAnswer {
	text: string;
	reasoning?: string;
}

export interface BlindTrial {
	trialId: string;
	/** The item's system message, present only when both answers were given it. */
	system?: string;
	/** True when endpoints of the study have system prompts of their own (never shown). */
	ownPromptsHidden?: boolean;
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

/**
 * Whether every answer to the item was given its system message. Judged over all of the study's
 * answers to the item, not only the two on screen: were it judged per pair, the message would
 * appear in some pairs of a three-endpoint study and not in others, telling the rater which pair
 * (and so which kind of model) is in front of them. Answers not generated yet are not counted.
 * Transcripts without any system message (a bundle strips them before they reach a rater) leave
 * only the item to go by.
 */
export function systemGivenToAll(
	system: string,
	responses: readonly Pick<Response, 'transcript'>[]
): boolean {
	const sent = responses
		.filter((response) => response.transcript.length > 0)
		.map((response) =>
			response.transcript.filter((m) => m.role === 'system').map((m) => m.content)
		);
	if (sent.every((list) => list.length === 0)) return true;
	const text = system.trim();
	return sent.every((list) => list.some((content) => content.includes(text)));
}

/** A study's answers grouped by item, for `TrialContext.itemResponses`. */
export function answersByItem<R extends Pick<Response, 'itemId'>>(
	responses: readonly R[]
): Map<string, R[]> {
	const byItem = new Map<string, R[]>();
	for (const response of responses) {
		const answers = byItem.get(response.itemId);
		if (answers) answers.push(response);
		else byItem.set(response.itemId, [response]);
	}
	return byItem;
}

export interface TrialContext {
	/** The study's endpoints have system prompts of their own (the rater is told they are hidden). */
	ownPromptsHidden?: boolean;
	/** Every answer of the study to this item (default: the two on screen). */
	itemResponses?: readonly Pick<Response, 'transcript'>[];
}

export function blindTrial(
	trial: Pick<Trial, 'id'>,
	item: Pick<PromptItem, 'system' | 'turns' | 'traits' | 'raterNote'>,
	left: Pick<Response, 'transcript'>,
	right: Pick<Response, 'transcript'>,
	rubric: Rubric,
	{ ownPromptsHidden = false, itemResponses = [left, right] }: TrialContext = {}
): BlindTrial {
	const shown =
		item.system && systemGivenToAll(item.system, itemResponses) ? item.system : undefined;
	return {
		trialId: trial.id,
		...(shown ? { system: shown } : {}),
		...(ownPromptsHidden ? { ownPromptsHidden } : {}),
		turns: [...item.turns],
		...(item.raterNote ? { raterNote: item.raterNote } : {}),
		left: alignedAnswers(left.transcript, item.turns.length),
		right: alignedAnswers(right.transcript, item.turns.length),
		traits: traitsToAsk(item, rubric),
		flags: [...rubric.flags],
		rationale: rubric.rationale
	};
}
