// The verdict a model judge returns: the same shape as a human's (overall choice on the study's
// scale, a choice per asked trait, flags per answer, a short rationale), named by answer letter
// because the judge never sees screen sides. Model output is untrusted: it is parsed strictly and
// a failure names the trial, the order and what is wrong.
import { z } from 'zod';
import { SIDE_FLAGS, SideFlagSchema } from '../schema/study';
import type { BlindTrial } from '../blinding/blind-trial';
import type { JudgeOrder } from './prompt';

export const JUDGE_OVERALL = [
	'A-much-better',
	'A-better',
	'tie',
	'B-better',
	'B-much-better',
	'both-bad'
] as const;
export const JUDGE_TRAIT = ['A', 'tie', 'B', 'both-bad'] as const;

export const JudgeVerdictSchema = z
	.object({
		overall: z.enum(JUDGE_OVERALL),
		traits: z.record(z.string(), z.enum(JUDGE_TRAIT)).default({}),
		flags: z
			.object({ A: z.array(SideFlagSchema).default([]), B: z.array(SideFlagSchema).default([]) })
			.strict()
			.default({ A: [], B: [] }),
		rationale: z.string().max(2000).default('')
	})
	.strict();
export type JudgeVerdict = z.infer<typeof JudgeVerdictSchema>;

/** JSON Schema for the `response_format` of servers that support structured output. */
export function verdictJsonSchema(traits: readonly string[]) {
	const flagList = { type: 'array', items: { type: 'string', enum: [...SIDE_FLAGS] } };
	return {
		name: 'judge_verdict',
		strict: true,
		schema: {
			type: 'object',
			additionalProperties: false,
			required: ['overall', 'traits', 'flags', 'rationale'],
			properties: {
				overall: { type: 'string', enum: [...JUDGE_OVERALL] },
				traits: {
					type: 'object',
					additionalProperties: false,
					required: [...traits],
					properties: Object.fromEntries(
						traits.map((trait) => [trait, { type: 'string', enum: [...JUDGE_TRAIT] }])
					)
				},
				flags: {
					type: 'object',
					additionalProperties: false,
					required: ['A', 'B'],
					properties: { A: flagList, B: flagList }
				},
				rationale: { type: 'string' }
			}
		}
	};
}

export type ParsedVerdict = { ok: true; verdict: JudgeVerdict } | { ok: false; error: string };

/** A single JSON object, optionally inside one fenced code block; nothing else is accepted. */
function jsonText(text: string): string {
	const trimmed = text.trim();
	const fenced = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(trimmed);
	return fenced?.[1] ?? trimmed;
}

export function parseVerdict(
	text: string,
	trial: Pick<BlindTrial, 'trialId' | 'traits' | 'flags'>,
	order: JudgeOrder
): ParsedVerdict {
	const where = `Trial ${trial.trialId} (${order === 'shown' ? 'as shown' : 'swapped'})`;
	let data: unknown;
	try {
		data = JSON.parse(jsonText(text));
	} catch {
		const start = text.trim().slice(0, 60);
		return { ok: false, error: `${where}: the judge's answer is not JSON (starts "${start}")` };
	}
	const parsed = JudgeVerdictSchema.safeParse(data);
	if (!parsed.success) {
		const issue = parsed.error.issues[0];
		const path = issue?.path.join('.') || 'answer';
		return { ok: false, error: `${where}: ${path} ${issue?.message ?? 'is invalid'}` };
	}
	const verdict = parsed.data;
	const missing = trial.traits.filter((trait) => !(trait in verdict.traits));
	if (missing.length) return { ok: false, error: `${where}: traits.${missing[0]} is missing` };
	const extra = Object.keys(verdict.traits).filter((trait) => !trial.traits.includes(trait));
	if (extra.length) return { ok: false, error: `${where}: traits.${extra[0]} was not asked` };
	const allowed = new Set(trial.flags);
	for (const letter of ['A', 'B'] as const) {
		const flag = verdict.flags[letter].find((value) => !allowed.has(value));
		if (flag) return { ok: false, error: `${where}: flags.${letter} "${flag}" was not offered` };
	}
	return { ok: true, verdict };
}
