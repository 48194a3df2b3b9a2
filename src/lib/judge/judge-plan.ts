// What a judge run has to do: every main trial of the study whose two answers are finished, as the
// blinded trial a human sees. Attention checks and swap re-shows are for humans: the judge reads
// every trial both ways anyway. The estimate counts both orders.
import { answersByItem, blindTrial, type BlindTrial } from '$lib/core/blinding/blind-trial';
import { judgeMessages } from '$lib/core/judge/prompt';
import type { PromptItem, Response, Study, Trial } from '$lib/core/schema';

export interface JudgeTask {
	trial: Trial;
	blind: BlindTrial;
}

export function judgeTasks(
	study: Study,
	trials: readonly Trial[],
	items: readonly PromptItem[],
	responses: readonly Response[]
): JudgeTask[] {
	const itemById = new Map(items.map((item) => [item.id, item]));
	const responseById = new Map(responses.map((response) => [response.id, response]));
	const answersToItem = answersByItem(responses);
	const tasks: JudgeTask[] = [];
	for (const trial of [...trials].sort((a, b) => a.position - b.position)) {
		if (trial.kind !== 'main') continue;
		const item = itemById.get(trial.itemId);
		const left = responseById.get(trial.leftResponseId);
		const right = responseById.get(trial.rightResponseId);
		if (!item || left?.status !== 'done' || right?.status !== 'done') continue;
		const itemResponses = answersToItem.get(item.id) ?? [left, right];
		tasks.push({
			trial,
			blind: blindTrial(trial, item, left, right, study.rubric, { itemResponses })
		});
	}
	return tasks;
}

/** Rough token counts (4 characters a token), two requests per trial. */
export interface JudgeEstimate {
	requests: number;
	promptTokens: number;
	completionTokens: number;
}

const CHARS_PER_TOKEN = 4;
const VERDICT_TOKENS = 150;

export function estimateJudgeRun(
	tasks: readonly JudgeTask[],
	template: string,
	instructions: string
): JudgeEstimate {
	let promptTokens = 0;
	for (const { blind } of tasks) {
		const [message] = judgeMessages(blind, 'shown', template, instructions);
		promptTokens += 2 * Math.ceil((message?.content.length ?? 0) / CHARS_PER_TOKEN);
	}
	return {
		requests: tasks.length * 2,
		promptTokens,
		completionTokens: tasks.length * 2 * VERDICT_TOKENS
	};
}

/** Cost at the given prices per million tokens (prompt, completion). */
export function judgeCost(
	estimate: JudgeEstimate,
	prices: { inputPerMillion: number; outputPerMillion: number }
): number {
	return (
		(estimate.promptTokens * prices.inputPerMillion +
			estimate.completionTokens * prices.outputPerMillion) /
		1_000_000
	);
}
