// What a model judge reads: the same blinded trial a human rater sees (the item's system prompt,
// its user turns and the two answers as "Answer A" / "Answer B"), the study's instructions and the
// traits to judge. Built from BlindTrial only, so no endpoint id, label or model name can reach it.
// The template is stored with the study and travels in exports, so a reader can rerun the judge.
import type { BlindAnswer, BlindTrial } from '../blinding/blind-trial';
import type { Message } from '../schema';
import { traitLabel } from '../schema/common';

export const DEFAULT_JUDGE_TEMPLATE = `You are an impartial judge comparing two AI assistants' answers to the same conversation.
Judge which answer is better overall and on each trait listed, considering only the content: not the order in which the answers are shown, not their length, not their style.

{{instructions}}

{{conversation}}

Traits to judge: {{traits}}
Possible flags per answer: {{flags}}

Reply with one JSON object and nothing else:
{"overall": "A-much-better" | "A-better" | "tie" | "B-better" | "B-much-better" | "both-bad",
 "traits": {"<trait>": "A" | "tie" | "B" | "both-bad", ...one entry per trait listed},
 "flags": {"A": [flags], "B": [flags]},
 "rationale": "at most three sentences"}`;

export const TEMPLATE_PLACEHOLDERS = [
	'{{instructions}}',
	'{{conversation}}',
	'{{traits}}',
	'{{flags}}'
] as const;

/** The template's placeholders that are missing, so the editor can name them. */
export function missingPlaceholders(template: string): string[] {
	return TEMPLATE_PLACEHOLDERS.filter(
		(placeholder) =>
			(placeholder === '{{conversation}}' || placeholder === '{{traits}}') &&
			!template.includes(placeholder)
	);
}

/** Order of the two answers in one request: as the trial shows them, or swapped. */
export type JudgeOrder = 'shown' | 'swapped';

function answerBlock(name: 'A' | 'B', answers: readonly BlindAnswer[], turn: number): string {
	const text = answers[turn]?.text ?? '';
	return `[Answer ${name}]\n${text}\n[End of Answer ${name}]`;
}

export function conversationText(trial: BlindTrial, order: JudgeOrder): string {
	const [a, b] = order === 'shown' ? [trial.left, trial.right] : [trial.right, trial.left];
	const parts: string[] = [];
	if (trial.system) parts.push(`[System prompt]\n${trial.system}\n[End of system prompt]`);
	trial.turns.forEach((turn, index) => {
		parts.push(`[User, turn ${index + 1}]\n${turn}\n[End of user turn ${index + 1}]`);
		parts.push(answerBlock('A', a, index), answerBlock('B', b, index));
	});
	return parts.join('\n\n');
}

/** The chat messages for one order of one trial. */
export function judgeMessages(
	trial: BlindTrial,
	order: JudgeOrder,
	template: string,
	instructions = ''
): Message[] {
	const traits = trial.traits.length
		? trial.traits.map((trait) => `${trait} (${traitLabel(trait)})`).join(', ')
		: 'none';
	const values: Record<(typeof TEMPLATE_PLACEHOLDERS)[number], string> = {
		'{{instructions}}': instructions.trim(),
		'{{conversation}}': conversationText(trial, order),
		'{{traits}}': traits,
		'{{flags}}': trial.flags.length ? trial.flags.join(', ') : 'none'
	};
	// One pass, so text inside an answer that looks like a placeholder is never expanded.
	const content = template.replace(
		/\{\{(instructions|conversation|traits|flags)\}\}/g,
		(placeholder) => values[placeholder as keyof typeof values]
	);
	return [{ role: 'user', content }];
}
