// What a generation run will cost before it starts: how many calls, roughly how many tokens, and
// (when the researcher enters prices) roughly how much money. Pure arithmetic over the study's
// items and endpoints; answers are unknown in advance, so completion tokens come as a typical
// guess and, where max_tokens is set, a hard ceiling.
import type { Endpoint, PromptItem, ResponseStatus } from '$lib/core/schema';
import { estimateTokens } from '$lib/core/stream/accumulator';
import { systemFor } from './run-one';

/** Typical answer length used when guessing follow-up prompts and the expected cost. */
export const TYPICAL_ANSWER_TOKENS = 400;
/** Per-message overhead of chat templates, in tokens. */
const MESSAGE_OVERHEAD = 4;

export interface GenerationPreview {
	/** (item × endpoint) responses in the study. */
	responses: number;
	/** Responses not yet done (what "Generate responses" would produce). */
	remaining: number;
	/** HTTP calls for the remaining responses (one per user turn). */
	calls: number;
	promptTokens: number;
	typicalCompletionTokens: number;
	/** Sum of max_tokens over the calls; undefined when some endpoint sets no limit. */
	maxCompletionTokens: number | undefined;
}

export interface Prices {
	/** Currency units per million prompt tokens. */
	inputPerMillion: number;
	/** Currency units per million completion tokens. */
	outputPerMillion: number;
}

function promptTokensFor(
	item: Pick<PromptItem, 'system' | 'turns'>,
	endpoint: Endpoint,
	answerTokens: number
): number {
	const system = systemFor(endpoint, item);
	let history = system ? estimateTokens(system) + MESSAGE_OVERHEAD : 0;
	let total = 0;
	for (const turn of item.turns) {
		history += estimateTokens(turn) + MESSAGE_OVERHEAD;
		total += history;
		history += answerTokens + MESSAGE_OVERHEAD;
	}
	return total;
}

export function previewGeneration(
	items: readonly Pick<PromptItem, 'id' | 'system' | 'turns'>[],
	endpoints: readonly Endpoint[],
	statusOf: (itemId: string, endpointId: string) => ResponseStatus | undefined = () => undefined
): GenerationPreview {
	const preview: GenerationPreview = {
		responses: items.length * endpoints.length,
		remaining: 0,
		calls: 0,
		promptTokens: 0,
		typicalCompletionTokens: 0,
		maxCompletionTokens: 0
	};
	for (const endpoint of endpoints) {
		const cap = endpoint.params.max_tokens;
		const typical = Math.min(cap ?? TYPICAL_ANSWER_TOKENS, TYPICAL_ANSWER_TOKENS);
		for (const item of items) {
			if (statusOf(item.id, endpoint.id) === 'done') continue;
			const calls = item.turns.length;
			preview.remaining += 1;
			preview.calls += calls;
			preview.promptTokens += promptTokensFor(item, endpoint, typical);
			preview.typicalCompletionTokens += typical * calls;
			if (cap === undefined) preview.maxCompletionTokens = undefined;
			else if (preview.maxCompletionTokens !== undefined) {
				preview.maxCompletionTokens += cap * calls;
			}
		}
	}
	return preview;
}

export interface CostEstimate {
	typical: number;
	/** Cost if every call used its full max_tokens; undefined without a ceiling. */
	ceiling: number | undefined;
}

export function estimateCost(preview: GenerationPreview, prices: Prices): CostEstimate {
	const input = (preview.promptTokens * prices.inputPerMillion) / 1_000_000;
	const perOutput = prices.outputPerMillion / 1_000_000;
	return {
		typical: input + preview.typicalCompletionTokens * perOutput,
		ceiling:
			preview.maxCompletionTokens === undefined
				? undefined
				: input + preview.maxCompletionTokens * perOutput
	};
}
